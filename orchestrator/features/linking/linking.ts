import { textBody, type Outbound, type Platform, type Words } from '../../chat-types.js';
import type { CommandInput, CommandReply } from '../../commands/command-router.js';
import { command } from '../../commands/command-specs.js';
import { LINK_CODE_TTL_MS, type LinkedAccount, type RedeemResult } from '../../store/link-codes.js';
import type { Feature, FeatureContext } from '../../feature.js';
import type { Texts } from '../../i18n/texts.js';
import { FailedAttempts } from './failed-attempts.js';
import { codeText, linkedText, noPrivateText, samePlatformText } from './link-texts.js';

const LINK = command('link', '[CODE]', 'link your accounts on several platforms', [{ name: 'code', type: 'word' }]);

/**
 * `!link` joins one person's accounts on several platforms into one viewer: `!link` gives a
 * one-time code privately, `!link CODE` from the other account merges that account's viewer
 * into the asker's, so orders, caps, votes and codes follow the person.
 */
export const linking: Feature<FailedAttempts> = {
  name: 'linking',
  commands: [LINK],
  // Failed tries are remembered across reloads: a new show file is no new chance to guess codes.
  start: () => new FailedAttempts(),
  wire: (ctx, misses) => {
    ctx.commands.handle(LINK, (input) => {
      const typed = input.command.args.code;
      return typeof typed === 'string' ? redeem(ctx, input, typed, misses) : issue(ctx, input);
    });
  },
};

async function issue(ctx: FeatureContext, { event, viewer }: CommandInput): Promise<CommandReply[]> {
  const { texts } = ctx.show;
  if (!ctx.outbox.canDirectMessage(event.platform)) return [{ text: noPrivateText(texts, event.platform, privatePlatforms(ctx)) }];
  const { code } = await ctx.links.issue({ ...viewer, channelId: event.channelId }, Date.now());
  // The code itself is never told: it is a key to this viewer for ten minutes.
  void ctx.bus.emit('viewer.link-requested', { platform: event.platform, viewerId: viewer.viewerId, identityId: viewer.identityId });
  return [{ text: codeText(texts, code, LINK_CODE_TTL_MS), private: true, secret: true }];
}

async function redeem(ctx: FeatureContext, { event, viewer }: CommandInput, typed: string, misses: FailedAttempts): Promise<CommandReply[]> {
  const key = `${event.platform}:${event.user.id}`;
  const now = Date.now();
  const { texts } = ctx.show;
  if (misses.blocked(key, now)) return [{ text: texts.t('linking.tooMany') }];
  const result = await ctx.links.redeem(typed, viewer.identityId, now);
  if (result.kind !== 'linked') {
    if (result.kind === 'unknown' || result.kind === 'expired') misses.fail(key, now);
    void ctx.bus.emit('viewer.link-refused', { platform: event.platform, viewerId: viewer.viewerId, reason: result.kind });
    return [{ text: refusalText(texts, result) }];
  }
  // Lines already read keep their viewer; every line from now on resolves to the kept viewer.
  ctx.viewers.invalidate();
  void ctx.bus.emit('viewer.linked', {
    platform: event.platform,
    viewerId: result.intoViewerId,
    mergedViewerId: result.mergedViewerId,
    intoViewerId: result.intoViewerId,
    from: event.platform,
    to: result.asker.platform,
    ...result.counts,
  });
  ctx.log.info({ merged: result.mergedViewerId, into: result.intoViewerId, counts: result.counts }, 'viewers linked');
  ctx.outbox.enqueue(toAccount(result.asker, linkedText(texts, event.platform, event.user.name)));
  const name = ctx.outbox.canDirectMessage(event.platform) ? result.asker.name : undefined;
  return [{ ...linkedText(texts, result.asker.platform, name), private: true }];
}

function refusalText(texts: Texts, result: Exclude<RedeemResult, { kind: 'linked' }>): string {
  switch (result.kind) {
    case 'unknown':
      return texts.t('linking.unknown');
    case 'expired':
      return texts.t('linking.expired');
    case 'own-code':
      return texts.t('linking.ownCode');
    case 'already-linked':
      return texts.t('linking.alreadyLinked');
    case 'same-platform':
      return samePlatformText(texts, result.platforms);
  }
}

/** Platforms connected to this show where a code can be sent privately, each named once. */
function privatePlatforms(ctx: FeatureContext): Platform[] {
  return [...new Set(ctx.outbox.allRooms().map((r) => r.platform))].filter((p) => ctx.outbox.canDirectMessage(p));
}

/** A private message to the account that asked for the code, wherever it asked. */
function toAccount(account: LinkedAccount, words: Words): Outbound {
  return {
    priority: 'reply',
    target: { kind: 'direct', platform: account.platform as Platform, userId: account.userId, channelId: account.channelId },
    body: textBody(words),
  };
}
