import type { Logger } from 'pino';
import { auctionKey } from '../../../config/schema/auctions.js';
import type { Bus } from '../../bus.js';
import type { Cancel } from '../../shared/cron.js';
import type { RunningShow } from '../../show.js';
import { toCents } from '../../store/catalog-sync.js';
import type { StoreAccess } from '../../store/store.js';
import { WriteGroup } from '../../store/write-queue.js';
import type { Carts } from '../carts/cart-service.js';
import type { OrderWrites } from '../order-writes.js';
import type { Buyer } from '../order-types.js';
import { runAuctionBatch, type AuctionOp, type BatchResult, type OpOutcome } from './auction-batch.js';
import { runningAuction, viewOf } from './auction-rows.js';
import { OutbidNotices } from './outbid-notices.js';
import { lineOf, SecondChance } from './second-chance.js';
import { REAL_CLOCK, type AuctionClock, type AuctionControl, type AuctionStartResult, type AuctionView, type BidResult } from './auction-types.js';
import { incrementTable } from './increments.js';

/** "Going once": said this long before the clock runs out (and again after each extension). */
export const GOING_MS = 5_000;
/** Outbid notices to one bidder within this are merged into one. */
export const OUTBID_MERGE_MS = 1_000;

export interface AuctionDeps {
  store: StoreAccess;
  bus: Bus;
  show: Pick<RunningShow, 'id' | 'config' | 'catalog' | 'clock'>;
  writes: OrderWrites;
  carts: Carts;
  /** True when carts reserve stock (`checkout.mode: hold`). */
  holds(): boolean;
  log: Logger;
  clock?: AuctionClock;
}

/**
 * Live auctions, one at a time per show, across every chat. Every bid, the clock's end, a pause
 * and a buy-it-now go through one group-commit queue in arrival order and are decided inside one
 * transaction against the auction's row (`runAuctionBatch`), so there is one ordering of bids
 * across platforms. Facts go on the bus (`auction.*`); the auctions feature says them in chat.
 * Process-lived: a reload of the show file never touches a running auction.
 */
export class AuctionHouse implements AuctionControl {
  private readonly clock: AuctionClock;
  private readonly group: WriteGroup<AuctionOp, { out: OpOutcome; batch: BatchResult }>;
  private readonly seen = new WeakSet<BatchResult>();
  /** The last account each viewer bid from: where an outbid notice goes, whose name leads. */
  private readonly bidders = new Map<number, Buyer>();
  private view: AuctionView | undefined;
  private timers: Cancel[] = [];
  private armedFor: number | undefined;
  readonly secondChance: SecondChance;
  private readonly notices: OutbidNotices;

  constructor(private readonly deps: AuctionDeps) {
    this.clock = deps.clock ?? REAL_CLOCK;
    const filing = { store: deps.store, writes: deps.writes, holds: () => deps.holds(), now: () => this.clock.now(), showId: deps.show.id };
    this.group = new WriteGroup(deps.store.writes, (t, ops) => runAuctionBatch(filing, t, ops));
    this.secondChance = new SecondChance({ ...deps, filing, clock: this.clock });
    this.notices = new OutbidNotices(this.clock, OUTBID_MERGE_MS, (buyer) => {
      const view = this.current();
      if (!view || view.highViewerId === buyer.viewerId || view.priceCents === undefined) return;
      void this.deps.bus.emit('auction.outbid', { auction: view, priceCents: view.priceCents, buyer });
    });
  }

  /** After a restart: the auction still running gets its clock back, and won lines their holds' timers. */
  async restore(): Promise<void> {
    const row = await runningAuction(this.deps.store, undefined, this.deps.show.id);
    if (row) this.apply(viewOf(row, undefined));
    await this.secondChance.restore(this.deps.show.id);
  }

  current(): AuctionView | undefined {
    return this.view && (this.view.state === 'open' || this.view.state === 'paused') ? this.view : undefined;
  }

  async start(key: string, by = 'api'): Promise<AuctionStartResult> {
    const { show, store } = this.deps;
    const config = show.config.auctions.find((a) => auctionKey(a) === key);
    if (!config) return { ok: false, reason: 'unknown', message: `No auction "${key}" in the show file.` };
    const item = show.catalog.find(config.sku);
    const variant = item && (config.variant === undefined ? item.variants[0] : show.catalog.variant(item, config.variant));
    if (!item || !variant) return { ok: false, reason: 'no-product', message: `The product of auction "${key}" is not in the catalog.` };
    const now = this.clock.now();
    const rules = {
      title: variant.name ? `${item.title} (${variant.name})` : item.title,
      increments: incrementTable(config.increments, toCents),
      antiSnipeMs: config.antiSnipe,
      suddenDeath: config.suddenDeath,
      payWithinMs: config.payWithin ?? show.config.checkout?.hold ?? 15 * 60_000,
      ...(config.reserve !== undefined && { reserveCents: toCents(config.reserve) }),
      ...(config.buyNow !== undefined && { buyNowCents: toCents(config.buyNow) }),
    };
    const row = await store.writes.run(async (t) => {
      if (await runningAuction(store, t, show.id)) return undefined;
      const values = {
        showId: show.id,
        key,
        sku: item.sku,
        variant: variant.name,
        currency: item.currency,
        state: 'open' as const,
        startCents: toCents(config.start),
      };
      const started = {
        startedAt: new Date(now),
        endsAt: new Date(now + config.duration),
        currentCents: null,
        highViewerId: null,
        highMaxCents: null,
        bids: 0,
        pausedLeftMs: null,
      };
      return store.models.Auction.create({ ...values, ...started, rules }, { transaction: t });
    });
    if (!row) return { ok: false, reason: 'running', message: 'An auction is running already; end it first.' };
    const view = viewOf(row, undefined);
    this.apply(view);
    await this.deps.bus.emit('auction.started', { auction: view, by });
    return { ok: true, auction: view };
  }

  /**
   * `!bid [amount]` (undefined: the next step) or `!maxbid amount`, from `buyer` (linked accounts
   * are one viewer). `arrivedAt`: when the platform delivered it; a line that waited in our own
   * queues past the end still counts as having arrived in time, never later than now.
   */
  async bid(buyer: Buyer, kind: 'bid' | 'max', cents: number | undefined, arrivedAt?: number): Promise<BidResult> {
    const now = this.clock.now();
    const at = Math.min(arrivedAt ?? now, now);
    // Known before the batch commits, so the standing it makes already names a new leader.
    this.bidders.set(buyer.viewerId, buyer);
    const { out, batch } = await this.group.submit({
      kind: 'bid',
      buyer,
      ask: { viewerId: buyer.viewerId, kind, cents, at },
      showMs: this.deps.show.clock(at).showMs,
    });
    this.committed(batch);
    if (out.kind !== 'bid') return { kind: 'refused', reason: 'none', auction: undefined };
    const d = out.decision;
    const auction = this.view!;
    const fact = { auction: auction.key, kind, platform: buyer.platform, viewerId: buyer.viewerId, at };
    if (d.kind === 'refused') {
      void this.deps.bus.emit('auction.bid', { ...fact, outcome: 'refused', reason: d.reason, amountCents: cents ?? null });
      return { kind: 'refused', reason: d.reason, auction, ...(d.neededCents !== undefined && { neededCents: d.neededCents }) };
    }
    void this.deps.bus.emit('auction.bid', { ...fact, outcome: d.kind, amountCents: d.amountCents, priceCents: d.priceCents });
    if (d.kind === 'raised') return { kind: 'raised', auction, maxCents: d.maxCents };
    if (d.kind === 'outbid') return { kind: 'outbid', auction, priceCents: d.priceCents, amountCents: d.amountCents, maxCents: d.maxCents };
    const told = d.outbid === undefined ? undefined : this.bidders.get(d.outbid);
    if (told) this.notices.outbid(told);
    return { kind: 'leading', auction, priceCents: d.priceCents, amountCents: d.amountCents, maxCents: d.maxCents, extended: d.extendedTo !== undefined };
  }

  /** Ends the auction at once at its buy-it-now price, sold to `buyer`. */
  async buyNow(buyer: Buyer): Promise<BidResult> {
    const at = this.clock.now();
    this.bidders.set(buyer.viewerId, buyer);
    const { out, batch } = await this.group.submit({ kind: 'buy-now', buyer, at, showMs: this.deps.show.clock(at).showMs });
    const row = out.kind === 'buy-now' && !out.refused ? batch.row : undefined;
    // The bid is a fact before the end it caused, so the log reads in that order.
    if (row) {
      const price = row.rules.buyNowCents ?? null;
      const fact = { auction: row.key, kind: 'buy-now', platform: buyer.platform, viewerId: buyer.viewerId, at, outcome: 'leading' };
      void this.deps.bus.emit('auction.bid', { ...fact, amountCents: price, ...(price !== null && { priceCents: price }) });
    }
    this.committed(batch, 'buy-now');
    if (out.kind !== 'buy-now' || out.refused) return { kind: 'refused', reason: out.kind === 'buy-now' ? out.refused! : 'none', auction: this.view };
    return { kind: 'bought', auction: this.view!, win: out.win };
  }

  pause(by = 'api'): Promise<AuctionView | undefined> {
    return this.control({ kind: 'pause', at: this.clock.now() }, 'paused', by);
  }

  resume(by = 'api'): Promise<AuctionView | undefined> {
    return this.control({ kind: 'resume', at: this.clock.now() }, 'resumed', by);
  }

  async end(by = 'api', sell = true): Promise<AuctionView | undefined> {
    const { out, batch } = await this.group.submit({ kind: 'close', at: this.clock.now(), early: { sell } });
    this.committed(batch, by);
    return out.kind === 'closed' ? this.view : undefined;
  }

  dispose(): void {
    this.disarm();
    this.notices.clear();
    this.secondChance.dispose();
  }

  private async control(op: AuctionOp, change: 'paused' | 'resumed', by: string): Promise<AuctionView | undefined> {
    const { out, batch } = await this.group.submit(op);
    this.committed(batch);
    if (out.kind !== change) return undefined;
    await this.deps.bus.emit('auction.changed', { auction: this.view!, change, by, at: this.clock.now() });
    return this.view;
  }

  /** Once per committed batch: the new standing, its clock, and the end if it came. */
  private committed(batch: BatchResult, by = 'clock'): void {
    if (this.seen.has(batch) || !batch.row) return;
    this.seen.add(batch);
    const row = batch.row;
    const view = viewOf(row, row.highViewerId === null ? undefined : this.bidders.get(row.highViewerId)?.name);
    this.apply(view);
    if (row.state === 'sold' || row.state === 'unsold') {
      const result = batch.result ?? { kind: 'unsold', reason: 'no-bids' };
      const line = result.kind === 'sold' ? lineOf(result.win) : undefined;
      if (line) this.secondChance.watch(view.id, line, true);
      void this.deps.bus.emit('auction.ended', { auction: view, result, by, at: this.clock.now() });
      return;
    }
    void this.deps.bus.emit('auction.updated', { auction: view });
  }

  private apply(view: AuctionView): void {
    this.view = view;
    if (view.state !== 'open') return this.disarm();
    if (this.armedFor === view.endsAt) return;
    this.disarm();
    this.armedFor = view.endsAt;
    const left = view.endsAt - this.clock.now();
    this.timers.push(this.clock.after(left, () => void this.closeAtClock()));
    if (left > GOING_MS) this.timers.push(this.clock.after(left - GOING_MS, () => this.going(view.endsAt)));
  }

  private disarm(): void {
    for (const t of this.timers.splice(0)) t.stop();
    this.armedFor = undefined;
  }

  private going(endsAt: number): void {
    if (this.view?.state === 'open' && this.view.endsAt === endsAt) void this.deps.bus.emit('auction.going', { auction: this.view, at: this.clock.now() });
  }

  private async closeAtClock(): Promise<void> {
    try {
      const { out, batch } = await this.group.submit({ kind: 'close', at: this.clock.now() });
      this.committed(batch);
      // Put back by a bid that came first: the clock runs on to the new end.
      if (out.kind === 'not-yet' && this.view) {
        this.armedFor = undefined;
        this.apply(this.view);
      }
    } catch (err) {
      this.deps.log.error({ err }, 'auction could not be closed');
    }
  }
}
