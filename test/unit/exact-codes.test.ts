import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PromoCodes } from '../../orchestrator/commerce/promo-codes.js';
import type { FeatureServices } from '../../orchestrator/feature.js';
import { promotions } from '../../orchestrator/features/promotions/promotions.js';
import { syncCatalog } from '../../orchestrator/store/catalog-sync.js';
import { openStore, type Store } from '../../orchestrator/store/store.js';
import { featureHarness, MemoryIssuer } from '../support/feature-harness.js';
import { testConfig } from '../support/test-show.js';
import { problemsOf } from '../support/config-problems.js';

const HEAD = `show: { id: t, name: T }\nproducts:\n  - { sku: MUG, title: Mug, price: 12, stock: 3 }\nfeatured: MUG\n`;
const UNLOCK = `promotions:\n  unlocks:\n    - { id: cozy, keyword: unlock, goal: 1, discount: { percent: 15 }, valid: 30m, code: uyut15 }\n`;
const DROP = `promotions:\n  drops:\n    - { id: midshow, discount: { percent: 10 }, cron: "0 * * * *", valid: 10m }\n`;

describe('codes a show file gives exactly, and the prefixes of generated ones', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2026-12-05T18:00:00Z'), toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] }));
  afterEach(() => vi.useRealTimers());

  it('GIVEN an unlock with code: uyut15 WHEN its goal is reached THEN exactly UYUT15 is issued and announced, with no random tail', async () => {
    const issuer = new MemoryIssuer();
    const h = featureHarness(HEAD + UNLOCK, [promotions], { services: { codes: issuer as unknown as FeatureServices['codes'] } });
    await h.live();
    await h.state(promotions).unlocks.hear(1, 'unlock');
    expect(issuer.issued[0]).toMatchObject({ source: 'unlock', code: 'UYUT15' });
    expect(issuer.issued[0]?.prefix).toBeUndefined();
    expect(h.texts().at(-1)).toBe('Unlocked! Code UYUT15 gives 15% off for 30 min — !buy MUG UYUT15');
    await h.stop();
  });

  it('GIVEN the same code twice in a show file WHEN it is loaded THEN it is refused, naming both places', () => {
    const problems = problemsOf(`${HEAD}promotions:
  codes:
    - { code: UYUT15, discount: { percent: 10 } }
  unlocks:
    - { id: cozy, keyword: unlock, goal: 5, discount: { percent: 15 }, code: uyut15 }
`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/promotions\.unlocks\[0\]\.code: code UYUT15 is given twice \(codes\[0\] and unlock "cozy"\); each code must be unique/);
  });

  it('GIVEN a drop and no codePrefixes WHEN it fires THEN its code starts with its id as today; GIVEN drops: UYUT{id} THEN with that', async () => {
    const plain = new MemoryIssuer();
    const h1 = featureHarness(HEAD + DROP, [promotions], { services: { codes: plain as unknown as FeatureServices['codes'] } });
    await h1.state(promotions).control.dropNow('midshow');
    expect(plain.issued[0]?.prefix).toBe('MIDSHOW');
    await h1.stop();

    const custom = new MemoryIssuer();
    const yaml = `${HEAD}${DROP}engagement:\n  codePrefixes: { drops: "UYUT{id}" }\n`;
    const h2 = featureHarness(yaml, [promotions], { services: { codes: custom as unknown as FeatureServices['codes'] } });
    await h2.state(promotions).control.dropNow('midshow');
    expect(custom.issued[0]?.prefix).toBe('UYUTMIDSHOW');
    await h2.stop();
  });

  it('GIVEN a prefix with other characters WHEN the show file is loaded THEN it is refused with what is allowed', () => {
    const problems = problemsOf(`${HEAD}engagement:\n  codePrefixes: { ambassadors: "A B" }\n`);
    expect(problems.join('\n')).toMatch(/engagement\.codePrefixes\.ambassadors: expected letters, digits and \{name\}/);
  });
});

describe('exact and prefixed codes in the store', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore({ sqlitePath: ':memory:' });
  });
  afterEach(() => store.close());

  it('GIVEN an exact unlock code WHEN it is issued in two show runs THEN it stays UYUT15, one code re-armed, not a duplicate', async () => {
    const config = testConfig();
    await syncCatalog(store, config);
    const codes = new PromoCodes(store, config.show.id);
    await codes.sync(config);
    const request = { source: 'unlock' as const, discount: { percent: 15 }, validMs: 30 * 60_000, code: 'uyut15' };
    expect((await codes.issue(request)).code).toBe('UYUT15');
    expect((await codes.issue({ ...request, discount: { percent: 20 } })).code).toBe('UYUT15');
    const rows = await store.models.PromoCode.findAll({ where: { code: 'UYUT15' } });
    expect(rows.map((r) => [r.source, r.value])).toEqual([['unlock', 20]]);
  });

  it('GIVEN a fixed code UYUT15 of the show file WHEN an unlock would issue UYUT15 THEN it is refused rather than shared', async () => {
    const config = testConfig(`promotions:\n  codes:\n    - { code: UYUT15, discount: { percent: 10 } }`);
    await syncCatalog(store, config);
    const codes = new PromoCodes(store, config.show.id);
    await codes.sync(config);
    await expect(codes.issue({ source: 'unlock', discount: { percent: 15 }, validMs: 60_000, code: 'UYUT15' })).rejects.toThrow(/UYUT15 is already taken/);
  });

  it('GIVEN a fixed code UYUT15 in the store WHEN a new show file makes it an unlock code THEN the load is refused, naming the unlock', async () => {
    const before = testConfig(`promotions:\n  codes:\n    - { code: UYUT15, discount: { percent: 10 } }`);
    await syncCatalog(store, before);
    const codes = new PromoCodes(store, before.show.id);
    await codes.sync(before);
    const after = testConfig(`promotions:\n  unlocks:\n    - { id: cozy, keyword: unlock, goal: 5, discount: { percent: 15 }, code: UYUT15 }`);
    await expect(codes.sync(after)).rejects.toThrow('promotions.unlocks "cozy": code UYUT15 is already another code of the store (yaml); choose another one');
  });

  it('GIVEN ambassadors: AMB{name} WHEN Anna and a name without Latin letters register THEN AMBANNA-…; by default ANNA-… and FRIEND-…', async () => {
    const custom = testConfig(`engagement:\n  codePrefixes: { ambassadors: "AMB{name}" }`);
    await syncCatalog(store, custom);
    const codes = new PromoCodes(store, custom.show.id);
    await codes.sync(custom);
    const ambassador = (prefix: string) => codes.issue({ source: 'ambassador', discount: { percent: 10 }, validMs: Infinity, prefix });
    expect((await ambassador('Anna')).code).toMatch(/^AMBANNA-[A-Z0-9]{6}$/);
    expect((await ambassador('')).code).toMatch(/^AMB-[A-Z0-9]{6}$/);
    await codes.sync(testConfig());
    expect((await ambassador('Anna')).code).toMatch(/^ANNA-[A-Z0-9]{6}$/);
    expect((await ambassador('')).code).toMatch(/^FRIEND-[A-Z0-9]{6}$/);
  });
});
