import { textBody, viewer, type ChatEvent } from '../../chat-types.js';
import type { CommandReply } from '../../commands/command-router.js';
import { command } from '../../commands/command-specs.js';
import { commandPrefix } from '../../commands/command-router.js';
import type { EnterResult, GiveawayView } from '../../commerce/giveaways/giveaway-types.js';
import { toBuyer } from '../../commerce/notify.js';
import { buyerOf } from '../../commerce/order-types.js';
import type { Feature, FeatureContext } from '../../feature.js';
import type { Texts } from '../../i18n/texts.js';
import type { ViewerRef } from '../../store/viewer-directory.js';
import { publicName } from '../alerts/buyer-name.js';

const ENTER = command('enter', '', 'take part in the running giveaway (one entry per person)');
const CLAIM = command('claim', '', 'claim the giveaway prize you won');

/** Broadcasts name no platform: they quote commands as most chats write them. */
const PREFIX = '!';

/**
 * Giveaways in every chat at once: `!enter` (or the giveaway's keyword typed alone) while entries
 * are open, `!claim` for the winner; the start with its commitment, the draw with its seed, the
 * claim and a redraw are said from the desk's facts. Wired only for a show file with giveaways.
 */
export const giveaways: Feature = {
  name: 'giveaways',
  commands: [ENTER, CLAIM],
  wire: (ctx) => {
    const { commands, show, config, bus } = ctx;
    if (config.giveaways.length === 0) return;
    const enter = async (event: ChatEvent, who: ViewerRef): Promise<CommandReply[]> => {
      const prefix = commandPrefix(event.platform);
      return enterReply(show.texts, await ctx.giveaways.enter(buyerOf(event, who)), prefix);
    };
    commands.handle(ENTER, ({ event, viewer: who }) => enter(event, who));
    commands.handle(CLAIM, async ({ event, viewer: who, prefix }) => {
      const texts = show.texts;
      const result = await ctx.giveaways.claim(buyerOf(event, who));
      if (result.kind === 'none') return [{ text: texts.t('giveaways.noClaim') }];
      if (result.kind === 'not-winner') return [{ text: texts.t('giveaways.notWinner', { title: result.giveaway.title, prefix }) }];
      if (result.kind === 'no-stock') return [{ text: texts.t('giveaways.noStock', { title: result.giveaway.title }) }];
      // The buyer hears of their cart with the announcement's facts (below).
      return [];
    });
    // The keyword alone enters, as `!enter` would; the answer goes to whoever typed it.
    bus.on('chat.message', ({ event, viewer: who }) => {
      const keyword = ctx.giveaways.current()?.keyword;
      if (keyword === undefined || !saysOnly(event.text, keyword)) return;
      return enter(event, who).then((replies) => replies.forEach((r) => commands.reply(event, r)));
    });
    wireNotices(ctx);
  },
};

/** "win", "Win!", " WIN " — the keyword alone, in any case, with punctuation around it. */
function saysOnly(text: string, keyword: string): boolean {
  const bare = text
    .normalize('NFC')
    .trim()
    .toLocaleLowerCase()
    .replace(/^[\p{P}\s]+|[\p{P}\s]+$/gu, '');
  return bare === keyword.normalize('NFC').trim().toLocaleLowerCase();
}

function enterReply(texts: Texts, result: EnterResult, prefix: string): CommandReply[] {
  if (result.kind === 'none') return [{ text: texts.t('giveaways.none') }];
  const title = result.giveaway.title;
  switch (result.kind) {
    case 'entered':
      return [
        {
          text: texts.t('giveaways.entered', { title, n: result.giveaway.entries }),
          private: true,
          // "3, 2, 1, enter!": waiting answers are merged per room like buyers'.
          merge: { key: `giveaways.entered\u0000${result.giveaway.key}`, text: texts.t('giveaways.enteredMerged', { title }) },
        },
      ];
    case 'already':
      return [{ text: texts.t('giveaways.already', { title }), private: true }];
    case 'full':
      return [{ text: texts.t('giveaways.full', { title }) }];
    case 'ineligible': {
      const g = result.giveaway;
      if (result.reason === 'lines') return [{ text: texts.t('giveaways.fewLines', { need: g.minLines, have: result.have ?? 0 }), private: true }];
      const key = result.reason === 'buyers' ? 'giveaways.notBuyer' : result.reason === 'linked' ? 'giveaways.notLinked' : 'giveaways.notSupporter';
      return [{ text: texts.t(key, { prefix }), private: true }];
    }
  }
}

/** What the desk's facts sound like in chat. */
function wireNotices(ctx: FeatureContext): void {
  const { bus, outbox, show, site } = ctx;
  const texts = (): Texts => show.texts;
  const name = (raw: string) => viewer(publicName(raw, show.config.alerts.names, texts().t('alerts.someone')));
  const left = (g: GiveawayView, at: number) => texts().duration(Math.max(1000, (g.claimUntil ?? at) - at));
  const everyone = (words: Parameters<typeof textBody>[0]) => outbox.enqueue({ priority: 'alert', target: { kind: 'broadcast' }, body: textBody(words) });

  bus.on('giveaway.started', ({ giveaway: g }) => {
    const proof = `${site.base}/api/giveaways/${g.key}/proof`;
    everyone(
      texts().t('giveaways.started', {
        title: g.title,
        prefix: PREFIX,
        keyword: g.keyword ?? 'none',
        window: texts().duration(g.closesAt - g.openedAt),
        eligible: g.eligible,
        minLines: g.minLines,
        proof,
      }),
    );
  });
  bus.on('giveaway.drawn', ({ giveaway: g, winner, round, at: now }) => {
    everyone(
      texts().said('giveaways.drawn', {
        name: name(winner.name),
        title: g.title,
        entries: g.entries,
        round,
        prefix: PREFIX,
        left: left(g, now),
        seed: g.seed ?? '',
      }),
    );
    outbox.enqueue(toBuyer(winner, texts().t('giveaways.youWon', { title: g.title, prefix: commandPrefix(winner.platform), left: left(g, now) })));
  });
  bus.on('giveaway.claimed', ({ giveaway: g, win, at }) => {
    everyone(texts().said('giveaways.claimed', { name: name(win.buyer.name), title: g.title }));
    const hold = texts().duration(Math.max(60_000, (win.cart.holdExpiresAt ?? at) - at));
    const text = texts().t('giveaways.claimedYou', { title: g.title, cart: win.cart.publicId, left: hold });
    outbox.enqueue({ ...toBuyer(win.buyer, text), link: { label: texts().t('giveaways.linkCart'), url: site.cart(win.cart.token) } });
  });
  bus.on('giveaway.ended', ({ giveaway: g, reason }) =>
    everyone(texts().t(reason === 'empty' ? 'giveaways.empty' : 'giveaways.unclaimed', { title: g.title })),
  );
}
