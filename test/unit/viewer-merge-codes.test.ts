import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueLinkCode, LINK_CODE_TTL_MS, redeemLinkCode, type LinkAsker } from '../../orchestrator/store/link-codes.js';
import type { Store } from '../../orchestrator/store/store.js';
import { backends } from './viewer-merge-backends.js';

const NOW = Date.UTC(2026, 10, 24, 20, 0);

for (const backend of backends('link_codes')) {
  describe(`link codes (${backend.name})`, () => {
    let store: Store;
    /** A new viewer with one account; returns what asking for a code needs. */
    const account = (platform: string, id: string): Promise<LinkAsker> =>
      store.writes.run(async (transaction) => {
        const viewer = await store.models.Viewer.create({ displayName: id }, { transaction });
        const identity = await store.models.Identity.create({ viewerId: viewer.id, platform, platformUserId: id, displayName: id, roles: [] }, { transaction });
        return { viewerId: viewer.id, identityId: identity.id, channelId: `${platform}-room` };
      });
    const ask = async (who: LinkAsker, at = NOW) => (await issueLinkCode(store, who, at)).code;

    beforeEach(async () => {
      store = await backend.open();
    });
    afterEach(() => store.close());
    afterAll(() => backend.dispose());

    it('GIVEN a code WHEN it is typed in lower case with a dash THEN it still links, once', async () => {
      const tanya = await account('telegram', '42');
      const tom = await account('twitch', 't1');
      const mia = await account('discord', 'd1');
      const code = await ask(tanya);
      expect(code).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);

      const typed = `${code.slice(0, 3).toLowerCase()}-${code.slice(3)}`;
      expect(await redeemLinkCode(store, typed, tom.identityId, NOW)).toMatchObject({ kind: 'linked', intoViewerId: tanya.viewerId });
      expect(await redeemLinkCode(store, code, mia.identityId, NOW)).toEqual({ kind: 'unknown' });
    });

    it('GIVEN a code WHEN its ten minutes have passed THEN it is expired, and gone after that', async () => {
      const tanya = await account('telegram', '42');
      const tom = await account('twitch', 't1');
      const code = await ask(tanya);
      expect(await redeemLinkCode(store, code, tom.identityId, NOW + LINK_CODE_TTL_MS + 1)).toEqual({ kind: 'expired' });
      expect(await redeemLinkCode(store, code, tom.identityId, NOW + LINK_CODE_TTL_MS + 2)).toEqual({ kind: 'unknown' });
    });

    it('GIVEN a viewer asks twice WHEN the first code is typed THEN only the newest code works', async () => {
      const tanya = await account('telegram', '42');
      const tom = await account('twitch', 't1');
      const first = await ask(tanya);
      const second = await ask(tanya, NOW + 1000);
      expect(await redeemLinkCode(store, first, tom.identityId, NOW + 2000)).toEqual({ kind: 'unknown' });
      expect(await redeemLinkCode(store, second, tom.identityId, NOW + 2000)).toMatchObject({ kind: 'linked' });
    });

    it('GIVEN refusals WHEN the code is typed from the asking account, an account of the same viewer, or a second account on a platform THEN each says why and the code keeps working', async () => {
      const tanya = await account('telegram', '42');
      const tom = await account('twitch', 't1');
      const otherTelegram = await account('telegram', '43');
      await redeemLinkCode(store, await ask(tanya), tom.identityId, NOW);
      const code = await ask(tanya);

      expect(await redeemLinkCode(store, code, tanya.identityId, NOW)).toEqual({ kind: 'own-code' });
      expect(await redeemLinkCode(store, code, tom.identityId, NOW)).toEqual({ kind: 'already-linked' });
      expect(await redeemLinkCode(store, code, otherTelegram.identityId, NOW)).toEqual({ kind: 'same-platform', platforms: ['telegram'] });

      const mia = await account('discord', 'd1');
      expect(await redeemLinkCode(store, code, mia.identityId, NOW)).toMatchObject({ kind: 'linked', mergedViewerId: mia.viewerId });
    });

    it('GIVEN a viewer with Twitch and Discord WHEN a Telegram+Twitch viewer links to it THEN the Twitch clash is refused whichever side asked', async () => {
      const a = await account('twitch', 't1');
      const b = await account('telegram', '42');
      await redeemLinkCode(store, await ask(b), (await account('discord', 'd1')).identityId, NOW);
      const tw2 = await account('twitch', 't2');
      await redeemLinkCode(store, await ask(b), tw2.identityId, NOW);

      expect(await redeemLinkCode(store, await ask(a), b.identityId, NOW)).toEqual({ kind: 'same-platform', platforms: ['twitch'] });
      expect(await redeemLinkCode(store, await ask(b), a.identityId, NOW)).toEqual({ kind: 'same-platform', platforms: ['twitch'] });
    });

    it('GIVEN the merged viewer had asked for a code WHEN it is typed later THEN it no longer links to a viewer that is gone', async () => {
      const tanya = await account('telegram', '42');
      const tom = await account('twitch', 't1');
      const tomsCode = await ask(tom);
      await redeemLinkCode(store, await ask(tanya), tom.identityId, NOW);
      const mia = await account('discord', 'd1');
      expect(await redeemLinkCode(store, tomsCode, mia.identityId, NOW)).toEqual({ kind: 'unknown' });
    });
  });
}
