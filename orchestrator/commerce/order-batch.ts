import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { StoreAccess } from '../store/store.js';
import { inSavepoint, SavepointLost, type Outcome } from '../store/write-queue.js';
import type { BuyRequest } from './buy-request.js';
import { decide, newPublicId, orderRow, type Decision, type Ledger, type PlanPolicy, type StockRow } from './order-plan.js';
import type { Buyer, CartBrief, OrderSummary, PlaceResult } from './order-types.js';
import { cartsFor, cartTotals, syncLineHolds } from './carts/cart-holds.js';
import type { CartHoldPolicy } from './carts/cart-types.js';
import type { FlashPrice, FlashSaleBoard } from './promo-issuer.js';
import { holdsOf, readStock, takeStock, unitsAtPricesMany, unitsOfMany, waitingCounts, waitingOf } from './stock-ledger.js';

export interface BuyItem {
  buyer: Buyer;
  request: BuyRequest;
}

export interface BatchContext {
  store: StoreAccess;
  showId: string;
  policy: PlanPolicy;
  carts: CartHoldPolicy;
  flash: FlashSaleBoard | undefined;
  /** Runs without a promo code are decided together and written in bulk; false places every buy alone. */
  bulk: boolean;
  /** One order at a time, the full logic: orders with a promo code, and every order of a batch whose bulk write failed. */
  placeOne(t: Transaction, buyer: Buyer, request: BuyRequest): Promise<PlaceResult>;
}

interface IdentityRow {
  viewerId: number;
  platform: Buyer['platform'];
  userId: string;
  name: string;
}

/**
 * Places a group of orders in one transaction, in arrival order, with the same outcome as placing
 * them one at a time. Runs of orders without a promo code are decided in memory against stock and
 * caps read once, then written in bulk (one stock update per product, one insert per table) under
 * a savepoint; if that bulk write fails, it is undone and each order of the run is placed on its
 * own under its own savepoint, so one bad order costs only itself.
 */
export async function placeBatch(ctx: BatchContext, t: Transaction, items: readonly BuyItem[]): Promise<Array<Outcome<PlaceResult>>> {
  const outcomes: Array<Outcome<PlaceResult>> = [];
  // The viewer is read again here: a !link merged moments ago must not let a line in flight escape the cap.
  const identities = await readIdentities(ctx.store.db, t, [...new Set(items.map((i) => i.buyer.identityId))]);
  const repeated = await repeatedRequests(ctx, t, items);
  let run: number[] = [];
  const flush = async () => {
    if (run.length > 0) await placeRun(ctx, t, items, run, identities, outcomes);
    run = [];
  };
  for (let i = 0; i < items.length; i++) {
    if (repeated.has(i)) {
      await flush();
      outcomes[i] = { ok: true, value: { kind: 'duplicate' } };
      continue;
    }
    if (ctx.bulk && items[i]!.request.code === undefined && identities.has(items[i]!.buyer.identityId)) {
      run.push(i);
      continue;
    }
    await flush();
    outcomes[i] = await placeAlone(ctx, t, items[i]!, i);
  }
  await flush();
  return outcomes;
}

/**
 * The items whose request key already placed an order, or came earlier in this batch: a request
 * delivered twice is answered once. Read in the batch's transaction, so two deliveries in flight
 * at once meet here (or at the unique index) and one of them places nothing.
 */
async function repeatedRequests(ctx: BatchContext, t: Transaction, items: readonly BuyItem[]): Promise<Set<number>> {
  const keys = [...new Set(items.flatMap((i) => (i.buyer.requestKey === undefined ? [] : [i.buyer.requestKey])))];
  const repeated = new Set<number>();
  if (keys.length === 0) return repeated;
  const rows = await ctx.store.db.query<{ request_key: string }>('SELECT request_key FROM orders WHERE show_id = :showId AND request_key IN (:keys)', {
    replacements: { showId: ctx.showId, keys },
    transaction: t,
    type: QueryTypes.SELECT,
  });
  const seen = new Set(rows.map((r) => r.request_key));
  items.forEach((item, i) => {
    const key = item.buyer.requestKey;
    if (key === undefined) return;
    if (seen.has(key)) repeated.add(i);
    seen.add(key);
  });
  return repeated;
}

async function placeAlone(ctx: BatchContext, t: Transaction, item: BuyItem, n: number): Promise<Outcome<PlaceResult>> {
  try {
    return { ok: true, value: await inSavepoint(ctx.store.db, t, `buy_${n}`, () => ctx.placeOne(t, item.buyer, item.request)) };
  } catch (error) {
    if (error instanceof SavepointLost) throw error;
    return { ok: false, error };
  }
}

async function placeRun(
  ctx: BatchContext,
  t: Transaction,
  items: readonly BuyItem[],
  run: number[],
  identities: Map<number, IdentityRow>,
  outcomes: Array<Outcome<PlaceResult>>,
): Promise<void> {
  const buys = run.map((i) => {
    const { buyer, request } = items[i]!;
    return { request, buyer: { ...buyer, viewerId: identities.get(buyer.identityId)!.viewerId } };
  });
  try {
    const done = await inSavepoint(ctx.store.db, t, 'buy_run', () => placeInBulk(ctx, t, buys, identities));
    run.forEach((i, k) => (outcomes[i] = done[k]!));
  } catch (error) {
    if (error instanceof SavepointLost) throw error;
    for (const i of run) outcomes[i] = await placeAlone(ctx, t, items[i]!, i);
  }
}

async function placeInBulk(ctx: BatchContext, t: Transaction, buys: BuyItem[], identities: Map<number, IdentityRow>): Promise<Array<Outcome<PlaceResult>>> {
  const skus = [...new Set(buys.map((b) => b.request.item.sku))];
  const viewerIds = [...new Set(buys.map((b) => b.buyer.viewerId))];
  const products = new Map((await readStock(ctx.store.db, t, ctx.showId, skus)).map((p) => [`${p.sku}\u0000${p.variant}`, p]));
  const flashes = new Map<string, FlashPrice>();
  for (const sku of skus) {
    const flash = ctx.flash?.current(sku);
    if (flash) flashes.set(sku, flash);
  }
  const capped = [...new Set(buys.filter((b) => b.request.item.maxPerBuyer !== undefined).map((b) => b.request.item.sku))];
  const ledger: Ledger = {
    stock: new Map([...products.values()].map((p) => [p.id, p.stockAvailable])),
    units: capped.length > 0 ? await unitsOfMany(ctx.store.db, t, ctx.showId, viewerIds, capped) : new Map<string, number>(),
    atFlash:
      flashes.size > 0
        ? await unitsAtPricesMany(ctx.store.db, t, ctx.showId, viewerIds, new Map([...flashes].map(([s, f]) => [s, f.priceCents])))
        : new Map<string, number>(),
    waiting: await waitingOf(ctx.store.db, t, ctx.showId, viewerIds),
    originHolds: await holdsOf(ctx.store.db, t, ctx.showId, [...new Set(buys.flatMap((b) => (b.buyer.origin === undefined ? [] : [b.buyer.origin])))]),
  };

  const answers: Array<Outcome<PlaceResult> | Sale> = buys.map((buy) => {
    const { item, variant } = buy.request;
    const product = products.get(`${item.sku}\u0000${variant.name}`);
    if (!product) return { ok: false, error: new Error(`product ${item.sku}/${variant.name} is not in the store`) };
    const decision = decide(ledger, buy.buyer, buy.request, product, flashes.get(item.sku), ctx.policy);
    return decision.kind === 'buy' ? { buy, product, decision } : { ok: true, value: decision };
  });
  const sales = answers.filter((a): a is Sale => 'decision' in a);
  const sold = sales.filter((s) => s.decision.reserved > 0);

  if (ctx.policy.mode === 'hold') {
    const taken = new Map<number, number>();
    for (const s of sold) taken.set(s.product.id, (taken.get(s.product.id) ?? 0) + s.decision.reserved);
    // The database decides: if the stock read above moved, this refuses and the run goes one by one.
    for (const [productId, qty] of taken)
      if (!(await takeStock(ctx.store.db, t, productId, qty))) throw new Error(`stock of product ${productId} moved under a batch`);
  }
  const positions = await joinWaitlist(
    ctx,
    t,
    sales.filter((s) => s.decision.short > 0),
  );
  const orders = await createOrders(ctx, t, sold, identities);

  return answers.map((a): Outcome<PlaceResult> => {
    if (!('decision' in a)) return a;
    const placed = orders.get(a);
    const position = positions.get(a);
    if (!placed) return { ok: true, value: { kind: 'waitlisted', qty: a.decision.short, position: position! } };
    const value: PlaceResult = {
      kind: 'ordered',
      ...placed,
      ...(position !== undefined && { waitlisted: { qty: a.decision.short, position } }),
      ...(a.decision.capped && { capped: a.decision.capped }),
    };
    return { ok: true, value };
  });
}

/** An order of the run that reserves units, waits for them, or both. */
interface Sale {
  buy: BuyItem;
  product: StockRow;
  decision: Extract<Decision, { kind: 'buy' }>;
}

/** Waitlist entries in one insert; positions from one count per product, as `COUNT(… id <= mine)` would give each. */
async function joinWaitlist(ctx: BatchContext, t: Transaction, waits: Sale[]): Promise<Map<Sale, number>> {
  const positions = new Map<Sale, number>();
  if (waits.length === 0) return positions;
  const counts = await waitingCounts(ctx.store.db, t, [...new Set(waits.map((s) => s.product.id))]);
  for (const s of waits) {
    const position = (counts.get(s.product.id) ?? 0) + 1;
    counts.set(s.product.id, position);
    positions.set(s, position);
  }
  await ctx.store.models.WaitlistEntry.bulkCreate(
    waits.map(({ buy, product, decision }) => ({
      showId: ctx.showId,
      productId: product.id,
      viewerId: buy.buyer.viewerId,
      identityId: buy.buyer.identityId,
      qty: decision.short,
      channelId: buy.buyer.channelId,
      variantLabel: buy.request.variant.name,
    })),
    { transaction: t },
  );
  return positions;
}

/**
 * Orders and their lines in one insert each, every order filed in its buyer's cart (opened or
 * extended in bulk); the summaries are built from what was written, without reading it back.
 */
async function createOrders(
  ctx: BatchContext,
  t: Transaction,
  sold: Sale[],
  identities: Map<number, IdentityRow>,
): Promise<Map<Sale, { order: OrderSummary; cart: CartBrief }>> {
  const placed = new Map<Sale, { order: OrderSummary; cart: CartBrief }>();
  if (sold.length === 0) return placed;
  const status = ctx.policy.mode === 'hold' ? 'held' : 'pending';
  const carts = await cartsFor(
    ctx.store,
    t,
    ctx.showId,
    sold.map((s) => ({ buyer: s.buy.buyer, currency: s.buy.request.item.currency })),
    ctx.carts,
  );
  const rows = sold.map(({ buy, decision }, k) =>
    orderRow(
      buy.buyer,
      ctx.showId,
      buy.request.item.currency,
      decision.price!,
      { status, holdExpiresAt: carts[k]!.holdExpiresAt, cartId: carts[k]!.id },
      newPublicId(),
    ),
  );
  const orders = await ctx.store.models.Order.bulkCreate(rows, { transaction: t });
  await ctx.store.models.OrderLine.bulkCreate(
    sold.map(({ product, decision }, k) => ({
      orderId: orders[k]!.id,
      productId: product.id,
      qty: decision.reserved,
      unitPriceCents: decision.price!.unitCents,
    })),
    { transaction: t },
  );
  const cartIds = carts.map((c) => c.id);
  await syncLineHolds(ctx.store, t, cartIds);
  const totals = await cartTotals(ctx.store, t, cartIds);
  sold.forEach((sale, k) => {
    const row = rows[k]!;
    const cart = carts[k]!;
    const identity = identities.get(row.identityId)!;
    const order: OrderSummary = {
      id: orders[k]!.id,
      publicId: row.publicId,
      sku: sale.product.sku,
      variant: sale.product.variant,
      title: sale.product.title,
      qty: sale.decision.reserved,
      totalCents: row.totalCents,
      currency: row.currency,
      status,
      holdExpiresAt: cart.holdExpiresAt?.getTime(),
      cartId: cart.id,
      buyer: {
        viewerId: row.viewerId,
        identityId: row.identityId,
        platform: identity.platform,
        userId: identity.userId,
        name: identity.name,
        channelId: row.channelId,
      },
    };
    placed.set(sale, { order, cart: briefOf(cart, totals.get(cart.id)) });
  });
  return placed;
}

export function briefOf(
  cart: { id: number; publicId: string; token: string; currency: string; holdExpiresAt: Date | null },
  totals: { lines: number; itemsCents: number } | undefined,
): CartBrief {
  return {
    id: cart.id,
    publicId: cart.publicId,
    token: cart.token,
    currency: cart.currency,
    lines: totals?.lines ?? 0,
    itemsCents: totals?.itemsCents ?? 0,
    holdExpiresAt: cart.holdExpiresAt?.getTime(),
  };
}

async function readIdentities(db: Sequelize, t: Transaction, ids: number[]): Promise<Map<number, IdentityRow>> {
  const rows = await db.query<{ id: number; viewer_id: number; platform: string; platform_user_id: string; display_name: string }>(
    'SELECT id, viewer_id, platform, platform_user_id, display_name FROM identities WHERE id IN (:ids)',
    { replacements: { ids }, transaction: t, type: QueryTypes.SELECT },
  );
  return new Map(
    rows.map((r) => [
      Number(r.id),
      { viewerId: Number(r.viewer_id), platform: r.platform as Buyer['platform'], userId: r.platform_user_id, name: r.display_name },
    ]),
  );
}
