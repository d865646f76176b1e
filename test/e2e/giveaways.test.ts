import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatEvent, Platform } from '../../orchestrator/chat-types.js';
import { drawRound, entryHash } from '../../orchestrator/commerce/giveaways/giveaway-draw.js';
import { GiveawayDesk } from '../../orchestrator/commerce/giveaways/giveaway-desk.js';
import { planPolicy } from '../../orchestrator/commerce/order-plan.js';
import { OrderService } from '../../orchestrator/commerce/order-service.js';
import { SiteLinks } from '../../orchestrator/commerce/payments/site-links.js';
import { giveaways } from '../../orchestrator/features/giveaways/giveaways.js';
import { syncCatalog } from '../../orchestrator/store/catalog-sync.js';
import type { Store } from '../../orchestrator/store/store.js';
import { ViewerDirectory } from '../../orchestrator/store/viewer-directory.js';
import { mergeViewers } from '../../orchestrator/store/viewer-merge.js';
import { cartsOf } from '../support/carts.js';
import { featureHarness, parseYaml, type FeatureHarness } from '../support/feature-harness.js';
import { HandClock } from '../support/hand-clock.js';
import { memoryLog } from '../support/quiet-log.js';
import { backends } from '../unit/viewer-merge-backends.js';

const T0 = Date.UTC(2026, 11, 5, 19, 0, 0);
const SEC = 1000;
const YAML = `show: { id: giveaway-show, name: Giveaway show }
products:
  - { sku: MUG, title: Studio mug, price: 15, stock: 3 }
  - { sku: SOAP, title: Soap, price: 6, stock: 10 }
checkout: { linkTemplate: "https://pay.example/{order}", hold: 15m, shipping: { flat: 4 } }
alerts: { names: first }
giveaways:
  - { id: mug, sku: MUG, keyword: win, window: 60s, claimWithin: 2m }
  - { id: buyers, sku: SOAP, eligible: buyers, minLines: 2, window: 60s }
`;
const PLATFORMS: Platform[] = ['telegram', 'twitch', 'discord', 'web'];
const sha = (t: string) => createHash('sha256').update(t).digest('hex');

for (const backend of backends('giveaways')) {
  describe(`giveaways across every chat (${backend.name})`, () => {
    afterAll(() => backend.dispose());
    let store: Store;
    let h: FeatureHarness;
    let desk: GiveawayDesk;
    let viewers: ViewerDirectory;
    let clock: HandClock;
    const lines = new Map<number, number>();
    let seq = 0;

    const say = async (platform: Platform, userId: string, text: string) => {
      const event: ChatEvent = {
        platform,
        channelId: `${platform}-room`,
        messageId: `m${++seq}`,
        user: { id: userId, name: `${userId} Smith`, roles: [] },
        text,
        receivedAt: clock.now(),
      };
      await h.wiring.ingest(event);
    };
    const toUser = (userId: string) =>
      h.sent
        .filter((o) => (o.target.kind === 'direct' && o.target.userId === userId) || o.replyTo?.userName === `${userId} Smith`)
        .map((o) => (o.body.kind === 'text' ? o.body.text : ''));
    const broadcasts = () => h.sent.filter((o) => o.target.kind === 'broadcast').map((o) => (o.body.kind === 'text' ? o.body.text : ''));
    const proof = async () => (await desk.proof('mug'))!;
    /** Runs the hand clock to `at` and resolves once the fact the timer causes (a draw, an end) is out. */
    const runTo = (at: number, fact: 'giveaway.drawn' | 'giveaway.ended') =>
      new Promise<void>((resolve) => {
        const off = h.bus.on(fact, () => {
          off();
          resolve();
        });
        clock.advanceTo(at);
      });

    beforeEach(async () => {
      store = await backend.open();
      clock = new HandClock(T0);
      await syncCatalog(store, parseYaml(YAML));
      viewers = new ViewerDirectory(store);
      lines.clear();
      h = featureHarness(YAML, [giveaways], {
        services: ({ bus, show }) => {
          const orders = new OrderService(store, show.id, () => ({ catalog: show.catalog, policy: planPolicy(show.config) }));
          bus.on('chat.message', ({ viewer }) => void lines.set(viewer.viewerId, (lines.get(viewer.viewerId) ?? 0) + 1));
          desk = new GiveawayDesk({
            store,
            bus,
            show,
            writes: orders.writes,
            holds: () => true,
            reads: { viewerLines: async (id) => Array.from({ length: lines.get(id) ?? 0 }, () => 'line') },
            log: memoryLog().log,
            clock,
          });
          return { orders, carts: cartsOf(store, show.id, orders), viewers, giveaways: desk, site: new SiteLinks(show) };
        },
      });
      await h.live(T0);
    });
    afterEach(async () => {
      desk.dispose();
      await h.stop();
      await store.close();
    });

    it('GIVEN 400 entries on four platforms, repeats and a linked viewer WHEN entries close THEN each person entered once, the winner is one of them, and the published seed and hashes recompute the draw', async () => {
      expect((await desk.start('mug')).ok).toBe(true);
      const started = broadcasts().at(-1)!;
      expect(started).toMatch(/GIVEAWAY: Studio mug! Type !enter or win within 1 min/);
      expect(started).toContain('/api/giveaways/mug/proof');
      // One person on Telegram and Twitch, linked before entering: one viewer, one entry.
      const a = await viewers.resolve('telegram', { id: 'tg-linked', name: 'L', roles: [] });
      const b = await viewers.resolve('twitch', { id: 'tw-linked', name: 'L', roles: [] });
      await store.writes.run((t) => mergeViewers(store, t, a.viewerId, b.viewerId));
      viewers.invalidate();
      const entries: Array<Promise<void>> = [];
      for (let i = 0; i < 400; i++) {
        const platform = PLATFORMS[i % 4]!;
        entries.push(say(platform, `${platform}-${i % 300}`, i % 7 === 0 ? 'WIN!' : '!enter'));
      }
      entries.push(say('telegram', 'tg-linked', '!enter'), say('twitch', 'tw-linked', '!enter'));
      await Promise.all(entries);
      const committed = (await proof()).commitment;
      expect((await proof()).seed).toBeUndefined();
      expect(desk.current()!.entries).toBe(301);
      expect(
        toUser('tw-linked')
          .concat(toUser('tg-linked'))
          .filter((t) => /already have an entry/.test(t)),
      ).toHaveLength(1);

      await runTo(T0 + 61 * SEC, 'giveaway.drawn');
      const p = await proof();
      expect(p.entries).toHaveLength(301);
      expect(sha(p.seed!)).toBe(committed);
      expect(drawRound(p.seed!, 1, p.entries, [])!.winner).toBe(p.draws[0]!.winner);
      const winner = desk.current()!;
      expect(winner.state).toBe('claiming');
      expect(broadcasts().at(-1)).toMatch(new RegExp(`wins Studio mug \\(of 301 entries\\)! Type !claim within 2 min.*seed ${p.seed}`));
      // The winner's own entry hash is in the list, as they can check.
      const entry = await store.models.GiveawayEntry.findOne({ where: { viewerId: winner.winnerViewerId! } });
      expect(entryHash('mug', entry!.platform, (await store.models.Identity.findByPk(entry!.identityId))!.platformUserId)).toBe(p.draws[0]!.winner);
      await say('discord', 'late-comer', '!enter');
      expect(toUser('late-comer')).toEqual(['No giveaway is taking entries right now.']);
    });

    it('GIVEN a winner who does not claim WHEN the claim window passes THEN the prize is drawn again among the others, and the new winner claims it as a free line in their cart', async () => {
      await desk.start('mug');
      for (const u of ['ann', 'bob', 'cy']) await say('telegram', u, '!enter');
      await runTo(T0 + 61 * SEC, 'giveaway.drawn');
      const first = desk.current()!.winnerViewerId!;
      await runTo(T0 + 61 * SEC + 2 * 60 * SEC + 1, 'giveaway.drawn');
      const again = desk.current()!;
      expect(again.round).toBe(2);
      expect(again.winnerViewerId).not.toBe(first);
      const p = await proof();
      expect(drawRound(p.seed!, 2, p.entries, [p.draws[0]!.winner])!.winner).toBe(p.draws[1]!.winner);
      const name = (await store.models.Identity.findOne({ where: { viewerId: again.winnerViewerId! } }))!.platformUserId;
      const firstName = (await store.models.Identity.findOne({ where: { viewerId: first } }))!.platformUserId;
      await say('telegram', firstName, '!claim');
      expect(toUser(firstName).at(-1)).toBe('Only the winner of the Studio mug giveaway can claim it.');
      await say('telegram', name, '!claim');
      expect(toUser(name).at(-1)).toMatch(/^Studio mug is in your cart [A-Z0-9]+ at no charge/);
      const order = await store.models.Order.findOne({ where: { viewerId: again.winnerViewerId! } });
      expect(order).toMatchObject({ totalCents: 0, status: 'held' });
      expect((await desk.proof('mug'))!.state).toBe('claimed');
    });

    it('GIVEN a giveaway for buyers with two chat lines WHEN viewers enter THEN a non-buyer and a quiet buyer are told why, and a chatty buyer gets in', async () => {
      await desk.start('buyers');
      await say('twitch', 'nobuy', 'hello there');
      await say('twitch', 'nobuy', 'nice mug');
      await say('twitch', 'nobuy', '!enter');
      expect(toUser('nobuy').at(-1)).toBe('This giveaway is for buyers of this show: !buy something first.');
      const buyer = await viewers.resolve('twitch', { id: 'buyer', name: 'buyer Smith', roles: [] });
      const orders = new OrderService(store, 'giveaway-show', () => ({ catalog: h.show.catalog, policy: planPolicy(h.show.config) }));
      const product = h.show.catalog.find('SOAP')!;
      await orders.place(
        { viewerId: buyer.viewerId, identityId: buyer.identityId, platform: 'twitch', userId: 'buyer', name: 'buyer Smith', channelId: 'twitch-room' },
        { item: product, variant: product.variants[0]!, qty: 1, code: undefined },
      );
      await say('twitch', 'buyer', '!enter');
      expect(toUser('buyer').at(-1)).toBe('Chat a little first: this giveaway takes 2 lines in the chat, you have 0.');
      await say('twitch', 'buyer', 'love it');
      await say('twitch', 'buyer', 'so cosy');
      await say('twitch', 'buyer', '!enter');
      expect(toUser('buyer').at(-1)).toBe("You're in the Soap giveaway (entry #1). Good luck!");
    });

    it('GIVEN one person who entered from Telegram and from Twitch WHEN the accounts are linked THEN one entry is left, and the draw counts it once', async () => {
      await desk.start('mug');
      await say('telegram', 'tg-eve', '!enter');
      await say('twitch', 'tw-eve', '!enter');
      await say('discord', 'dc-fay', '!enter');
      const a = await viewers.resolve('telegram', { id: 'tg-eve', name: 'E', roles: [] });
      const b = await viewers.resolve('twitch', { id: 'tw-eve', name: 'E', roles: [] });
      await store.writes.run((t) => mergeViewers(store, t, a.viewerId, b.viewerId));
      await runTo(T0 + 61 * SEC, 'giveaway.drawn');
      expect((await proof()).entries).toHaveLength(2);
      expect(desk.current()!.entries).toBe(2);
    });

    it('GIVEN nobody enters WHEN entries close THEN the giveaway ends empty and says so', async () => {
      await desk.start('mug');
      await runTo(T0 + 61 * SEC, 'giveaway.ended');
      expect(desk.current()).toBeUndefined();
      expect(broadcasts().at(-1)).toBe('🎁 The Studio mug giveaway closed with no entries.');
    });
  });
}
