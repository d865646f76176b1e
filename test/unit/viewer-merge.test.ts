import { QueryTypes } from 'sequelize';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueLinkCode, redeemLinkCode } from '../../orchestrator/store/link-codes.js';
import { syncCatalog } from '../../orchestrator/store/catalog-sync.js';
import { migrator } from '../../orchestrator/store/migrate.js';
import type { Store } from '../../orchestrator/store/store.js';
import { mergeViewers, VIEWER_REFERENCES } from '../../orchestrator/store/viewer-merge.js';
import { testConfig } from '../support/test-show.js';
import { backends } from './viewer-merge-backends.js';

const NOW = Date.UTC(2026, 10, 24, 20, 0);
const SHOW = 'test-show';

/** A person's Telegram viewer (kept) and their Twitch+Discord viewer (merged), with a bit of everything. */
async function seed(store: Store) {
  await syncCatalog(store, testConfig());
  return store.writes.run(async (transaction) => {
    const o = { transaction };
    await store.models.Show.create({ id: 'other-show', name: 'Other show' }, o);
    const person = async (name: string, ...accounts: Array<[string, string]>) => {
      const viewer = await store.models.Viewer.create({ displayName: name }, o);
      const ids = [];
      for (const [platform, id] of accounts) {
        ids.push((await store.models.Identity.create({ viewerId: viewer.id, platform, platformUserId: id, displayName: name, roles: [] }, o)).id);
      }
      return { viewerId: viewer.id, identityIds: ids };
    };
    const kept = await person('Tanya', ['telegram', '42']);
    const merged = await person('Tom', ['twitch', 't1'], ['discord', 'd1']);
    const earlier = await person('Tom web');
    await store.db.query('UPDATE viewers SET merged_into = :into WHERE id = :id', { replacements: { into: merged.viewerId, id: earlier.viewerId }, ...o });

    const mug = (await store.models.Product.findOne({ where: { sku: 'MUG' }, ...o }))!;
    const base = {
      showId: SHOW,
      viewerId: merged.viewerId,
      identityId: merged.identityIds[0]!,
      channelId: 'shop',
      currency: 'EUR',
      holdExpiresAt: null,
      paidAt: null,
      paymentRef: null,
      promoCodeId: null,
      remindedAt: null,
    };
    const order = await store.models.Order.create({ ...base, publicId: 'AAAAAAAA', status: 'paid', subtotalCents: 2400, totalCents: 2400 }, o);
    await store.models.OrderLine.create({ orderId: order.id, productId: mug.id, qty: 2, unitPriceCents: 1200 }, o);
    await store.models.WaitlistEntry.create(
      { showId: SHOW, productId: mug.id, viewerId: merged.viewerId, identityId: merged.identityIds[1]!, qty: 1, channelId: 'd', variantLabel: '' },
      o,
    );

    const poll = (key: string) =>
      store.models.Poll.create({ showId: SHOW, key, question: '?', options: ['a', 'b'], status: 'open', startedAt: null, endsAt: null, result: null }, o);
    const both = await poll('both');
    const onlyMerged = await poll('only-merged');
    const vote = (pollId: number, viewerId: number, optionIndex: number) => store.models.Vote.create({ pollId, viewerId, optionIndex, platform: 'x' }, o);
    await vote(both.id, kept.viewerId, 0);
    await vote(both.id, merged.viewerId, 1);
    await vote(onlyMerged.id, merged.viewerId, 1);

    const ambassador = (showId: string, viewerId: number) => store.models.Ambassador.create({ showId, viewerId, commissionPercent: 10 }, o);
    const keptAmbassador = await ambassador(SHOW, kept.viewerId);
    const foldedAmbassador = await ambassador(SHOW, merged.viewerId);
    const movedAmbassador = await ambassador('other-show', merged.viewerId);
    const code = await store.models.PromoCode.create(
      {
        showId: SHOW,
        code: 'TOM-ABC',
        kind: 'percent',
        value: 10,
        source: 'ambassador',
        maxUses: null,
        validFrom: null,
        expiresAt: null,
        products: null,
        ambassadorId: foldedAmbassador.id,
      },
      o,
    );
    await store.models.Redemption.create({ promoCodeId: code.id, orderId: order.id, viewerId: merged.viewerId, discountCents: 0 }, o);
    await store.models.Commission.create({ ambassadorId: foldedAmbassador.id, orderId: order.id, amountCents: 240, status: 'pending' }, o);
    await store.db.query(
      `INSERT INTO tips (public_id, show_id, viewer_id, identity_id, channel_id, amount_cents, currency, status, created_at, updated_at)
       VALUES ('TIP1', :show, :viewer, :identity, 'shop', 500, 'EUR', 'paid', :at, :at)`,
      { replacements: { show: SHOW, viewer: merged.viewerId, identity: merged.identityIds[0]!, at: new Date(NOW) }, ...o },
    );
    return { kept, merged, earlier, polls: { both: both.id, onlyMerged: onlyMerged.id }, keptAmbassador, foldedAmbassador, movedAmbassador, code, order };
  });
}

const mergedInto = async (store: Store) =>
  Object.fromEntries(
    (await store.db.query<{ id: number; merged_into: number | null }>('SELECT id, merged_into FROM viewers ORDER BY id', { type: QueryTypes.SELECT })).map(
      (r) => [r.id, r.merged_into],
    ),
  );

for (const backend of backends('viewer_merge')) {
  describe(`merging viewers when accounts are linked (${backend.name})`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await backend.open();
    });
    afterEach(() => store.close());
    afterAll(() => backend.dispose());

    it('GIVEN the schema WHEN every foreign key to viewers is listed THEN the merge handles each one', async () => {
      expect(await backend.viewerReferences(store)).toEqual([...VIEWER_REFERENCES].sort());
    });

    it('GIVEN a Telegram viewer asked for a code WHEN the Twitch account of another viewer uses it THEN everything of the Twitch viewer follows into the Telegram viewer', async () => {
      const s = await seed(store);
      await store.db.query("INSERT INTO events (show_id, type, at, viewer_id, data) VALUES ('test-show', 'chat.message', 1, :id, '{}')", {
        replacements: { id: s.merged.viewerId },
      });
      await issueLinkCode(store, { viewerId: s.merged.viewerId, identityId: s.merged.identityIds[0]!, channelId: 'shop' }, NOW);
      const { code } = await issueLinkCode(store, { viewerId: s.kept.viewerId, identityId: s.kept.identityIds[0]!, channelId: 'dm-42' }, NOW);

      const result = await redeemLinkCode(store, code, s.merged.identityIds[0]!, NOW + 60_000);

      expect(result).toEqual({
        kind: 'linked',
        mergedViewerId: s.merged.viewerId,
        intoViewerId: s.kept.viewerId,
        asker: { platform: 'telegram', userId: '42', name: 'Tanya', channelId: 'dm-42' },
        counts: {
          identities: 2,
          orders: 1,
          carts: 0,
          waitlist: 1,
          redemptions: 1,
          tips: 1,
          votesMoved: 1,
          votesDropped: 1,
          ambassadorsMoved: 1,
          ambassadorsFolded: 1,
          promoCodes: 1,
          commissions: 1,
        },
      });
      const k = s.kept.viewerId;
      expect((await store.models.Identity.findAll({ order: [['platform', 'ASC']] })).map((i) => [i.platform, i.viewerId])).toEqual([
        ['discord', k],
        ['telegram', k],
        ['twitch', k],
      ]);
      expect((await store.models.Order.findByPk(s.order.id))?.viewerId).toBe(k);
      expect((await store.models.WaitlistEntry.findAll()).map((w) => w.viewerId)).toEqual([k]);
      expect((await store.models.Redemption.findAll()).map((r) => r.viewerId)).toEqual([k]);
      const tips = await store.db.query<{ viewer_id: number }>('SELECT viewer_id FROM tips', { type: QueryTypes.SELECT });
      expect(tips.map((r) => Number(r.viewer_id))).toEqual([k]);
      const votes = await store.models.Vote.findAll({ order: [['pollId', 'ASC']] });
      expect(votes.map((v) => [v.pollId, v.viewerId, v.optionIndex])).toEqual([
        [s.polls.both, k, 0],
        [s.polls.onlyMerged, k, 1],
      ]);
      expect(await store.models.Ambassador.findByPk(s.foldedAmbassador.id)).toBeNull();
      expect((await store.models.Ambassador.findAll({ order: [['id', 'ASC']] })).map((a) => [a.id, a.showId, a.viewerId])).toEqual([
        [s.keptAmbassador.id, SHOW, k],
        [s.movedAmbassador.id, 'other-show', k],
      ]);
      expect((await store.models.PromoCode.findByPk(s.code.id))?.ambassadorId).toBe(s.keptAmbassador.id);
      expect((await store.models.Commission.findAll()).map((c) => c.ambassadorId)).toEqual([s.keptAmbassador.id]);
      expect(await mergedInto(store)).toEqual({ [k]: null, [s.merged.viewerId]: k, [s.earlier.viewerId]: k });
      expect(await store.db.query('SELECT code FROM link_codes', { type: QueryTypes.SELECT })).toEqual([]);
      const history = await store.db.query<{ viewer_id: number }>('SELECT viewer_id FROM events', { type: QueryTypes.SELECT });
      expect(history.map((e) => Number(e.viewer_id))).toEqual([s.merged.viewerId]);
    });

    it('GIVEN the write transaction fails after the merge WHEN it rolls back THEN nothing moved', async () => {
      const s = await seed(store);
      const failing = store.writes.run(async (t) => {
        await mergeViewers(store, t, s.merged.viewerId, s.kept.viewerId);
        throw new Error('disk full');
      });
      await expect(failing).rejects.toThrow('disk full');
      expect((await store.models.Identity.findAll()).filter((i) => i.viewerId === s.merged.viewerId)).toHaveLength(2);
      expect(await store.models.Vote.count()).toBe(3);
      expect(await store.models.Ambassador.count()).toBe(3);
      expect((await mergedInto(store))[s.merged.viewerId]).toBeNull();
    });

    it('GIVEN linked viewers WHEN migration 004 is rolled back and applied again THEN viewers and their identities stay', async () => {
      const s = await seed(store);
      await redeemLinkCode(
        store,
        (await issueLinkCode(store, { viewerId: s.kept.viewerId, identityId: s.kept.identityIds[0]!, channelId: 'c' }, NOW)).code,
        s.merged.identityIds[0]!,
        NOW,
      );
      const steps = migrator(store.db);
      // Later migrations come down first; all of them go up again.
      const down = (await steps.down({ to: '004-viewer-links' })).map((m) => m.name);
      expect(down.at(-1)).toBe('004-viewer-links');
      expect(await store.models.Viewer.count()).toBe(3);
      expect((await steps.up()).map((m) => m.name)).toEqual([...down].reverse());
      expect((await store.models.Identity.findAll()).map((i) => i.viewerId)).toEqual([s.kept.viewerId, s.kept.viewerId, s.kept.viewerId]);
    });

    it('GIVEN a viewer that was already merged WHEN asked to merge it again THEN the store refuses', async () => {
      const s = await seed(store);
      await expect(store.writes.run((t) => mergeViewers(store, t, s.earlier.viewerId, s.kept.viewerId))).rejects.toThrow(/already merged/);
      await expect(store.writes.run((t) => mergeViewers(store, t, s.kept.viewerId, s.kept.viewerId))).rejects.toThrow(/itself/);
    });
  });
}
