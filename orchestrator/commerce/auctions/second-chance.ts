import type { Logger } from 'pino';
import type { Bus } from '../../bus.js';
import type { Cancel } from '../../shared/cron.js';
import type { StoreAccess } from '../../store/store.js';
import type { Carts } from '../carts/cart-service.js';
import { bidderOf, runnerUpOf, viewOf } from './auction-rows.js';
import type { AuctionWin } from './auction-types.js';
import { fileWin, lotOf, type WinFiling } from './auction-win.js';

/** A won or offered cart line, as its hold's timer needs it. */
export interface WatchedLine {
  orderId: number;
  publicId: string;
  viewerId: number;
  dueAt: number;
}

/** The line a win put in a cart; undefined when carts hold nothing (first paid, first served). */
export function lineOf(win: AuctionWin): WatchedLine | undefined {
  const dueAt = win.cart.holdExpiresAt;
  return dueAt === undefined ? undefined : { orderId: win.order.id, publicId: win.order.publicId, viewerId: win.buyer.viewerId, dueAt };
}

export interface SecondChanceDeps {
  store: StoreAccess;
  bus: Bus;
  carts: Carts;
  filing: WinFiling;
  clock: { now(): number; after(ms: number, run: () => void): Cancel };
  log: Logger;
}

/**
 * A won item whose hold runs out unpaid: the cart is released (told to the buyer by the orders
 * feature, through `cart.ended`), and the runner-up, the highest maximum of anyone else, is
 * offered the item at that maximum with a hold of their own. One second chance per auction; an
 * offer that lapses too just goes back to stock.
 */
export class SecondChance {
  private readonly timers = new Map<number, Cancel>();

  constructor(private readonly deps: SecondChanceDeps) {}

  /** Watches a won (or offered) line until its hold ends; `offerNext`: offer the runner-up if it lapses. */
  watch(auctionId: number, line: WatchedLine, offerNext: boolean): void {
    this.timers.get(line.orderId)?.stop();
    const timer = this.deps.clock.after(line.dueAt - this.deps.clock.now(), () => {
      this.timers.delete(line.orderId);
      void this.lapse(auctionId, line, offerNext).catch((err: unknown) => this.deps.log.error({ err, auctionId }, 'auction hold lapse failed'));
    });
    this.timers.set(line.orderId, timer);
  }

  /** After a restart: the won and offered lines still held get their timers back. */
  async restore(showId: string): Promise<void> {
    const { models } = this.deps.store;
    const sold = await models.Auction.findAll({ where: { showId, state: 'sold' } });
    for (const row of sold) {
      for (const [orderId, offerNext] of [
        [row.winnerOrderId, row.runnerUpOrderId === null],
        [row.runnerUpOrderId, false],
      ] as const) {
        const order = orderId === null ? null : await models.Order.findByPk(orderId);
        if (order?.status !== 'held' || order.holdExpiresAt === null) continue;
        this.watch(row.id, { orderId: order.id, publicId: order.publicId, viewerId: order.viewerId, dueAt: order.holdExpiresAt.getTime() }, offerNext);
      }
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) t.stop();
    this.timers.clear();
  }

  private async lapse(auctionId: number, line: WatchedLine, offerNext: boolean): Promise<void> {
    const { store, carts, bus } = this.deps;
    const order = await store.models.Order.findByPk(line.orderId);
    if (!order || order.status === 'paid' || order.cartId === null) return;
    if (order.status === 'held' || order.status === 'pending') {
      const release = await carts.release(order.cartId, 'expired', line.dueAt);
      if (!release) {
        // The buyer added to the cart since, which moved its one hold: the line runs out with it.
        const cart = await carts.byId(order.cartId);
        if (cart?.holdExpiresAt !== undefined && (cart.status === 'open' || cart.status === 'checkout')) {
          this.watch(auctionId, { ...line, dueAt: cart.holdExpiresAt }, offerNext);
        }
        return;
      }
      await bus.emit('cart.ended', { release, reason: 'expired', by: 'auction' });
    }
    await bus.emit('auction.lapsed', { auction: auctionId, order: line.publicId, viewerId: line.viewerId });
    if (offerNext) await this.offerRunnerUp(auctionId);
  }

  private async offerRunnerUp(auctionId: number): Promise<void> {
    const { store, filing } = this.deps;
    const offered = await store.writes.run(async (t) => {
      const row = await store.models.Auction.findByPk(auctionId, { transaction: t, lock: t.LOCK.UPDATE });
      if (!row || row.state !== 'sold' || row.runnerUpOrderId !== null || row.highViewerId === null) return undefined;
      const up = await runnerUpOf(store, t, auctionId, row.highViewerId);
      const reserve = row.rules.reserveCents;
      if (!up || (reserve !== undefined && up.maxCents < reserve)) return undefined;
      const buyer = await bidderOf(store, t, auctionId, up.viewerId);
      const win = buyer && (await fileWin(filing, t, lotOf(row), buyer, up.maxCents));
      if (!win) return undefined;
      await row.update({ runnerUpViewerId: up.viewerId, runnerUpOrderId: win.order.id }, { transaction: t });
      return { row, win, priceCents: up.maxCents };
    });
    if (!offered) return;
    const line = lineOf(offered.win);
    if (line) this.watch(auctionId, line, false);
    await this.deps.bus.emit('auction.offered', {
      auction: viewOf(offered.row, offered.win.buyer.name),
      win: offered.win,
      priceCents: offered.priceCents,
      at: this.deps.clock.now(),
    });
  }
}
