import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BuyRequest } from '../../orchestrator/commerce/buy-request.js';
import { Catalog } from '../../orchestrator/commerce/catalog.js';
import { planPolicy } from '../../orchestrator/commerce/order-plan.js';
import { OrderService } from '../../orchestrator/commerce/order-service.js';
import type { Buyer, PlaceResult } from '../../orchestrator/commerce/order-types.js';
import { quote } from '../../orchestrator/commerce/pricing.js';
import type { FlashPrice, FlashSaleBoard } from '../../orchestrator/commerce/promo-issuer.js';
import { syncCatalog } from '../../orchestrator/store/catalog-sync.js';
import { openStore, type Store } from '../../orchestrator/store/store.js';
import { testConfig } from '../support/test-show.js';

/**
 * One order rule: random sequences of buys give the same outcome placed one at a time (each buy
 * alone, as orders with a promo code are), placed together (group commit), and in a plain model
 * of the rules written here without the service.
 */
const config = testConfig(`  - { sku: CAP, title: Capped candle, price: 10, stock: 6, maxPerBuyer: 3 }
  - { sku: VAN, title: Vanilla, price: 8, variants: [{ name: S, stock: 3 }, { name: L, stock: 2, price: 12 }] }
  - { sku: FLASH, title: Flash mug, price: 20, stock: 5 }
supporters:
  - { role: subscriber, discount: { percent: 10 } }
checkout: { linkTemplate: "https://pay.example/{order}", limits: { maxPerBuyer: 4, waitlistEntries: 1, holdsPerAddress: 2 } }`);
const catalog = new Catalog(config);
const policy = planPolicy(config);
const FLASH: FlashPrice = { saleId: 'rush', priceCents: 1500, endsAt: Number.MAX_SAFE_INTEGER, maxPerBuyer: 2 };
const flash: FlashSaleBoard = { current: (sku) => (sku.toUpperCase() === 'FLASH' ? { ...FLASH } : undefined) };

/** Five identities; 0 and 1 are one person (linked accounts), 2 is a subscriber, 3 and 4 are two people on one web network. */
const IDENTITIES = [
  { person: 0, roles: [], origin: undefined },
  { person: 0, roles: [], origin: undefined },
  { person: 1, roles: ['subscriber'], origin: undefined },
  { person: 2, roles: [], origin: 'web:net' },
  { person: 3, roles: [], origin: 'web:net' },
] as const;
const LIMITS = { maxPerBuyer: 4, waitlistEntries: 1, holdsPerAddress: 2 };
const TOTAL: Record<string, number> = { CAP: 6, 'VAN/S': 3, 'VAN/L': 2, FLASH: 5 };

interface Buy {
  identity: number;
  sku: 'CAP' | 'VAN' | 'FLASH';
  variant: string;
  qty: number;
}

const buyArb: fc.Arbitrary<Buy> = fc.record({
  identity: fc.integer({ min: 0, max: IDENTITIES.length - 1 }),
  sku: fc.constantFrom('CAP' as const, 'VAN' as const, 'FLASH' as const),
  variant: fc.constantFrom('S', 'L'),
  qty: fc.integer({ min: 1, max: 4 }),
});

const requestOf = (b: Buy): BuyRequest => {
  const item = catalog.find(b.sku)!;
  const variant = item.variants.length > 1 ? catalog.variant(item, b.variant)! : item.variants[0]!;
  return { item, variant, qty: b.qty, code: undefined };
};

/** What a buy came to, in terms every path can be compared on. */
type Outcome =
  | { kind: 'capped'; max: number; already: number }
  | { kind: 'waitlist-full'; entries: number }
  | { kind: 'done'; reserved: number; totalCents: number | null; waitlisted: number; position: number | null };

function outcomeOf(r: PlaceResult): Outcome {
  if (r.kind === 'capped') return { kind: 'capped', max: r.max, already: r.already };
  if (r.kind === 'waitlist-full') return { kind: 'waitlist-full', entries: r.entries };
  if (r.kind === 'waitlisted') return { kind: 'done', reserved: 0, totalCents: null, waitlisted: r.qty, position: r.position };
  if (r.kind === 'ordered')
    return {
      kind: 'done',
      reserved: r.order.qty,
      totalCents: r.order.totalCents,
      waitlisted: r.waitlisted?.qty ?? 0,
      position: r.waitlisted?.position ?? null,
    };
  throw new Error(`unexpected ${r.kind}`);
}

/**
 * The rules as a reader would write them down: never more than a product's stock, caps over linked
 * accounts (the product's or the checkout's default), flash caps, holds per web network, fill, one
 * waitlist place per viewer, price.
 */
function reference(buys: readonly Buy[]): { outcomes: Outcome[]; stock: Record<string, number> } {
  const stock: Record<string, number> = { ...TOTAL };
  const units = new Map<string, number>();
  const atFlash = new Map<string, number>();
  const waitingFor: Record<string, number> = {};
  const waitsOf = new Map<number, number>();
  const holdsOf = new Map<string, number>();
  const outcomes = buys.map((b): Outcome => {
    const { person, roles, origin } = IDENTITIES[b.identity]!;
    const { item, variant, qty } = requestOf(b);
    const key = `${person}/${item.sku}`;
    const product = item.variants.length > 1 ? `${item.sku}/${variant.name}` : item.sku;
    let want = Math.min(qty, TOTAL[product]!);
    const cap = item.sku === 'CAP' ? 3 : LIMITS.maxPerBuyer;
    const mine = units.get(key) ?? 0;
    if (mine >= cap) return { kind: 'capped', max: cap, already: mine };
    want = Math.min(want, cap - mine);
    const onFlash = item.sku === 'FLASH';
    if (onFlash) {
      const already = atFlash.get(key) ?? 0;
      if (already >= FLASH.maxPerBuyer) return { kind: 'capped', max: FLASH.maxPerBuyer, already };
      want = Math.min(want, FLASH.maxPerBuyer - already);
    }
    const holds = origin === undefined ? 0 : (holdsOf.get(origin) ?? 0);
    if (origin !== undefined && stock[product]! > 0 && holds >= LIMITS.holdsPerAddress) return { kind: 'capped', max: LIMITS.holdsPerAddress, already: holds };
    const reserved = Math.min(want, stock[product]!);
    let short = want - reserved;
    const waits = waitsOf.get(person) ?? 0;
    if (short > 0 && waits >= LIMITS.waitlistEntries) short = 0;
    if (reserved === 0 && short === 0) return { kind: 'waitlist-full', entries: waits };
    if (short > 0) waitsOf.set(person, waits + 1);
    if (reserved > 0 && origin !== undefined) holdsOf.set(origin, holds + 1);
    stock[product]! -= reserved;
    units.set(key, mine + reserved + short);
    const position = short > 0 ? (waitingFor[product] = (waitingFor[product] ?? 0) + 1) : null;
    if (reserved === 0) return { kind: 'done', reserved: 0, totalCents: null, waitlisted: short, position };
    if (onFlash) atFlash.set(key, (atFlash.get(key) ?? 0) + reserved);
    const discount = roles.includes('subscriber' as never) ? { percent: 10 } : undefined;
    const price = quote(item, variant, reserved, { ...(discount && { discount }), ...(onFlash && { flashCents: FLASH.priceCents }), wholesale: false });
    return { kind: 'done', reserved, totalCents: price.totalCents, waitlisted: short, position };
  });
  return { outcomes, stock };
}

/** The same buys through the order service on a fresh in-memory store. */
async function throughService(buys: readonly Buy[], together: boolean): Promise<{ outcomes: Outcome[]; stock: Record<string, number> }> {
  const store: Store = await openStore({ sqlitePath: ':memory:' });
  try {
    await syncCatalog(store, config);
    const buyers: Buyer[] = [];
    const people = new Map<number, number>();
    for (const [n, { person, roles, origin }] of IDENTITIES.entries()) {
      let viewerId = people.get(person);
      if (viewerId === undefined) people.set(person, (viewerId = (await store.models.Viewer.create({ displayName: `P${person}` })).id));
      const identity = await store.models.Identity.create({ viewerId, platform: 'twitch', platformUserId: `u${n}`, displayName: `U${n}`, roles: [...roles] });
      buyers.push({
        viewerId,
        identityId: identity.id,
        platform: 'twitch',
        userId: `u${n}`,
        name: `U${n}`,
        channelId: 'c',
        roles: [...roles],
        ...(origin !== undefined && { origin }),
      });
    }
    const service = new OrderService(store, config.show.id, () => ({ catalog, policy }), { flash, groupCommit: together });
    const place = (b: Buy) => service.place(buyers[b.identity]!, requestOf(b));
    let results: PlaceResult[];
    if (together) results = await Promise.all(buys.map(place));
    else {
      results = [];
      for (const b of buys) results.push(await place(b));
    }
    const rows = await store.models.Product.findAll();
    const stock = Object.fromEntries(rows.map((p) => [p.variant ? `${p.sku}/${p.variant}` : p.sku, p.stockAvailable]));
    delete stock.MUG;
    return { outcomes: results.map(outcomeOf), stock };
  } finally {
    await store.close();
  }
}

describe('one order rule for every path', () => {
  it('GIVEN random sequences of buys (caps and default caps, flash caps, supporter discounts, waitlist splits and limits, linked buyers, holds per web network) WHEN placed one at a time, placed together and modelled THEN all three agree', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(buyArb, { minLength: 1, maxLength: 16 }), async (buys) => {
        const expected = reference(buys);
        expect(await throughService(buys, false)).toEqual(expected);
        expect(await throughService(buys, true)).toEqual(expected);
      }),
      { seed: 1208, numRuns: 40 },
    );
  }, 60_000);
});
