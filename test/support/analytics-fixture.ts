import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { InferCreationAttributes } from 'sequelize';
import type { LoggedEvent as LoggedEventRow, Order as OrderRow, OrderStatus } from '../../orchestrator/store/models-core.js';
import type { StoreAccess } from '../../orchestrator/store/store.js';

const DIR = fileURLToPath(new URL('../fixtures/analytics/', import.meta.url));

interface FixtureStore {
  shows: Array<{ id: string; name: string }>;
  runs: Array<{ id: number; showId: string; startedAt: string; endedAt: string | null }>;
  products: Array<{ showId: string; sku: string; title: string; priceCents: number; currency: string }>;
  viewers: Array<{ id: number; name: string; platform: string; userId: string; mergedInto?: number }>;
  ambassadors: Array<{ id: number; showId: string; viewerId: number; commissionPercent: number }>;
  promoCodes: Array<{
    id: number;
    showId: string;
    code: string;
    kind: 'percent' | 'amount';
    value: number;
    source: 'yaml' | 'ambassador';
    ambassadorId: number | null;
  }>;
  orders: Array<{
    id: number;
    publicId: string;
    showId: string;
    viewerId: number;
    sku: string;
    qty: number;
    status: OrderStatus;
    subtotalCents: number;
    discountCents: number;
    totalCents: number;
    currency: string;
    createdAt: string;
    code: string | null;
  }>;
  commissions: Array<{ order: string; amountCents: number; status: 'pending' | 'earned' | 'void' }>;
}

/**
 * Loads the recorded synthetic shows of `test/fixtures/analytics/` (three "Candle Night" shows;
 * the March one has a full event log) into an opened store. Shows and products the running app
 * already synced from its show file are reused, so the app's own show can be one of them.
 */
export async function loadCandleShows(target: Pick<StoreAccess, 'db' | 'models'>): Promise<void> {
  const { db } = target;
  const { Show, ShowRun, Viewer, Identity, Product, Order, OrderLine, LoggedEvent, Ambassador, Commission, PromoCode } = target.models;
  const store = JSON.parse(readFileSync(`${DIR}candle-shows.json`, 'utf8')) as FixtureStore;
  for (const s of store.shows) await Show.upsert(s);
  for (const r of store.runs)
    await ShowRun.create({ id: r.id, showId: r.showId, startedAt: new Date(r.startedAt), endedAt: r.endedAt ? new Date(r.endedAt) : null });
  const productIds = new Map<string, number>();
  for (const p of store.products) {
    const [row] = await Product.findOrCreate({
      where: { showId: p.showId, sku: p.sku, variant: '' },
      defaults: {
        showId: p.showId,
        sku: p.sku,
        variant: '',
        title: p.title,
        category: null,
        imageUrl: null,
        priceCents: p.priceCents,
        currency: p.currency,
        maxPerBuyer: null,
        stockTotal: 50,
        stockAvailable: 50,
      },
    });
    productIds.set(`${p.showId}/${p.sku}`, row.id);
  }
  for (const v of store.viewers) {
    await Viewer.create({ id: v.id, displayName: v.name });
    await Identity.create({ id: v.id, viewerId: v.id, platform: v.platform, platformUserId: v.userId, displayName: v.name, roles: ['member'] });
  }
  for (const v of store.viewers)
    if (v.mergedInto !== undefined) await db.query('UPDATE viewers SET merged_into = ? WHERE id = ?', { replacements: [v.mergedInto, v.id] });
  for (const a of store.ambassadors) await Ambassador.create(a);
  for (const c of store.promoCodes) await PromoCode.create({ ...c, maxUses: null, validFrom: null, expiresAt: null, products: null });
  const orderIds = new Map<string, number>();
  for (const o of store.orders) {
    const at = new Date(o.createdAt);
    const order = await Order.create({
      id: o.id,
      publicId: o.publicId,
      showId: o.showId,
      viewerId: o.viewerId,
      identityId: o.viewerId,
      requestKey: null,
      channelId: 'fixture',
      status: o.status,
      subtotalCents: o.subtotalCents,
      discountCents: o.discountCents,
      totalCents: o.totalCents,
      currency: o.currency,
      holdExpiresAt: null,
      origin: null,
      paidAt: o.status === 'paid' ? at : null,
      paymentRef: null,
      promoCodeId: o.code === null ? null : store.promoCodes.find((c) => c.code === o.code)!.id,
      remindedAt: null,
      cartId: null,
      createdAt: at,
      updatedAt: at,
      // A recorded order keeps the time it was placed; analytics places it on the show clock by it.
    } as InferCreationAttributes<OrderRow>);
    await OrderLine.create({
      orderId: order.id,
      productId: productIds.get(`${o.showId}/${o.sku}`)!,
      qty: o.qty,
      unitPriceCents: Math.round(o.subtotalCents / o.qty),
    });
    orderIds.set(o.publicId, order.id);
  }
  for (const c of store.commissions) {
    const order = store.orders.find((o) => o.publicId === c.order)!;
    const code = store.promoCodes.find((p) => p.code === order.code)!;
    await Commission.create({ ambassadorId: code.ambassadorId!, orderId: orderIds.get(c.order)!, amountCents: c.amountCents, status: c.status });
  }
  const events = readFileSync(`${DIR}candle-events.ndjson`, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as InferCreationAttributes<LoggedEventRow>);
  await LoggedEvent.bulkCreate(events);
}
