import type { ChatEvent, Platform } from '../../orchestrator/chat-types.js';
import { AuctionHouse } from '../../orchestrator/commerce/auctions/auction-house.js';
import { planPolicy } from '../../orchestrator/commerce/order-plan.js';
import { OrderService } from '../../orchestrator/commerce/order-service.js';
import { SiteLinks } from '../../orchestrator/commerce/payments/site-links.js';
import type { ShowEventName, ShowEvents } from '../../orchestrator/events/show-events.js';
import { auctions } from '../../orchestrator/features/auctions/auctions.js';
import { syncCatalog } from '../../orchestrator/store/catalog-sync.js';
import type { Store } from '../../orchestrator/store/store.js';
import { ViewerDirectory } from '../../orchestrator/store/viewer-directory.js';
import { mergeViewers } from '../../orchestrator/store/viewer-merge.js';
import { cartsOf } from './carts.js';
import { featureHarness, parseYaml, type FeatureHarness } from './feature-harness.js';
import { HandClock } from './hand-clock.js';
import { memoryLog } from './quiet-log.js';

export interface AuctionShow {
  h: FeatureHarness;
  store: Store;
  clock: HandClock;
  house: AuctionHouse;
  viewers: ViewerDirectory;
  /** A line from a viewer, arriving at `at` (the clock is set there first); resolves once handled. */
  say(platform: Platform, userId: string, text: string, at?: number): Promise<void>;
  /** The next `name` fact. */
  next<K extends ShowEventName>(name: K): Promise<ShowEvents[K]>;
  /** Makes the viewer behind `from` one with the viewer behind `into` (a `!link`). */
  link(from: { platform: Platform; id: string }, into: { platform: Platform; id: string }): Promise<number>;
  /** What was said to one person (privately or in reply to them). */
  toUser(userId: string): string[];
  /** A restart: this house stops, a new one on the same store, bus and clock restores what was running. */
  restart(): Promise<AuctionHouse>;
}

/** The auctions feature over a real store and the real order and cart services, on a clock driven by hand. */
export async function auctionShow(store: Store, yaml: string, t0: number): Promise<AuctionShow> {
  await syncCatalog(store, parseYaml(yaml));
  const clock = new HandClock(t0);
  const viewers = new ViewerDirectory(store);
  let house: AuctionHouse | undefined;
  let newHouse: (() => AuctionHouse) | undefined;
  const h = featureHarness(yaml, [auctions], {
    services: ({ bus, show }) => {
      const orders = new OrderService(store, show.id, () => ({ catalog: show.catalog, policy: planPolicy(show.config) }));
      const carts = cartsOf(store, show.id, orders);
      newHouse = () => new AuctionHouse({ store, bus, show, writes: orders.writes, carts, holds: () => true, log: memoryLog().log, clock });
      house = newHouse();
      return { orders, carts, viewers, auctions: house, site: new SiteLinks(show) };
    },
  });
  let seq = 0;
  const say = async (platform: Platform, userId: string, text: string, at = clock.now()) => {
    clock.set(Math.max(clock.now(), at));
    const event: ChatEvent = {
      platform,
      channelId: `${platform}-room`,
      messageId: `m${++seq}`,
      user: { id: userId, name: `${userId} Smith`, roles: [] },
      text,
      receivedAt: at,
    };
    await h.wiring.ingest(event);
  };
  const next = <K extends ShowEventName>(name: K) =>
    new Promise<ShowEvents[K]>((resolve) => {
      const off = h.bus.on(name, (payload) => {
        off();
        resolve(payload);
      });
    });
  const link: AuctionShow['link'] = async (from, into) => {
    const a = await viewers.resolve(from.platform, { id: from.id, name: from.id, roles: [] });
    const b = await viewers.resolve(into.platform, { id: into.id, name: into.id, roles: [] });
    await store.writes.run((t) => mergeViewers(store, t, a.viewerId, b.viewerId));
    viewers.invalidate();
    return b.viewerId;
  };
  const toUser = (userId: string) =>
    h.sent
      .filter((o) => (o.target.kind === 'direct' && o.target.userId === userId) || o.replyTo?.userName === `${userId} Smith`)
      .map((o) => (o.body.kind === 'text' ? o.body.text : ''));
  const restart = async () => {
    house!.dispose();
    const again = newHouse!();
    await again.restore();
    return again;
  };
  return { h, store, clock, house: house!, viewers, say, next, link, toUser, restart };
}
