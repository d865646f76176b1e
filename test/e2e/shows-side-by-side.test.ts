import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import { parseShow } from '../../config/loader.js';
import { startShowcart, type Showcart } from '../../orchestrator/app.js';
import { PromoCodes } from '../../orchestrator/commerce/promo-codes.js';
import { signPayload, SIGNATURE_HEADER } from '../../orchestrator/http/payment-webhook.js';
import { Secrets } from '../../orchestrator/shared/secrets.js';
import type { DatabaseOptions } from '../../orchestrator/store/database.js';
import { issueLinkCode, redeemLinkCode } from '../../orchestrator/store/link-codes.js';
import { cartIdIn, isCartReply } from '../support/carts.js';
import { memoryLog } from '../support/quiet-log.js';
import { sharedDatabases } from '../support/shared-database.js';

const SECRET = 'whsec_side_by_side_0123456789';
const UMA = { id: 'u-1', name: 'Uma' };
const BEA = { id: 'u-2', name: 'Bea' };

const yaml = (id: string, sku: string, title: string, price: number, code: string) => `
show: { id: ${id}, name: ${title} show }
server: { host: 127.0.0.1, port: 0 }
products:
  - { sku: ${sku}, title: ${title}, price: ${price}, stock: 5 }
checkout: { linkTemplate: "https://pay.example/{order}" }
channels: { web: { enabled: false } }
engagement: { leaderboards: { names: full } }
promotions: { codes: [{ code: ${code}, discount: { percent: 10 } }] }
`;

interface Show {
  app: Showcart;
  chat: MemoryChannel;
  token: string;
  get(path: string, token?: string): Promise<Response>;
}

async function startShow(id: string, source: string, database: DatabaseOptions, tokenDir: string, siblings: string[]): Promise<Show> {
  const chat = new MemoryChannel('twitch', ['shop']);
  const app = await startShowcart({
    config: parseShow(source, `${id}.yaml`, {}).config,
    database,
    secrets: new Secrets({ SHOWCART_PAYMENT_SECRET: SECRET }),
    log: memoryLog().log,
    extraChannels: [chat],
    adminTokenDir: tokenDir,
    siblings,
  });
  const token = readFileSync(join(tokenDir, `admin-token-${id}`), 'utf8').trim();
  const get = (path: string, as = token) => fetch(`http://127.0.0.1:${app.port}${path}`, { headers: { authorization: `Bearer ${as}` } });
  return { app, chat, token, get };
}

const pay = (show: Show, cart: string, eventId: string, amount: number) => {
  const raw = JSON.stringify({ id: eventId, order: cart, amount, currency: 'EUR' });
  return fetch(`http://127.0.0.1:${show.app.port}/api/webhooks/payment`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signPayload(SECRET, raw) },
    body: raw,
  });
};

const json = async <T>(res: Response): Promise<T> => {
  expect(res.status).toBe(200);
  return (await res.json()) as T;
};

for (const backend of sharedDatabases('side_by_side')) {
  describe(`two shows side by side on one database (${backend.name})`, () => {
    const tokenDir = mkdtempSync(join(tmpdir(), 'showcart-tokens-'));
    let a: Show;
    let b: Show;
    let database: DatabaseOptions;
    afterAll(() => backend.dispose());
    afterAll(() => rmSync(tokenDir, { recursive: true, force: true }));

    beforeAll(async () => {
      database = await backend.fresh();
      // One after the other, as the launcher makes sure: the first one migrates the new database.
      a = await startShow('show-a', yaml('show-a', 'MUG', 'Mug', 12, 'ASAVE'), database, tokenDir, ['show-b']);
      b = await startShow('show-b', yaml('show-b', 'LAMP', 'Lamp', 30, 'BSAVE'), database, tokenDir, ['show-a']);
    });
    afterAll(async () => {
      await a?.app.stop();
      await b?.app.stop();
    });

    it('GIVEN the same viewer buys and chats in both shows WHEN each show is read through its admin API THEN each lists only its own orders, carts, chat, buyers and analytics', async () => {
      await a.chat.say(UMA, 'hello from show A');
      await a.chat.say(UMA, '!buy MUG');
      await b.chat.say(UMA, 'hello from show B');
      await b.chat.say(UMA, '!buy LAMP');
      await b.chat.say(BEA, 'Bea was only here');
      await b.chat.say(BEA, '!buy LAMP');
      await Promise.all([a.app.idle(), b.app.idle()]);
      const cartA = cartIdIn(a.chat.texts().find(isCartReply)!)!;
      const cartsB = b.chat
        .texts()
        .filter(isCartReply)
        .map((t) => cartIdIn(t)!);
      expect(cartsB).toHaveLength(2);

      // The same signed webhook secret in both: B does not know A's cart, A pays it.
      expect((await pay(b, cartA, 'evt-a-via-b', 12)).status).not.toBe(200);
      expect(await json(await pay(a, cartA, 'evt-a', 12))).toEqual({ status: 'paid' });
      for (const [i, cart] of cartsB.entries()) expect(await json(await pay(b, cart, `evt-b-${i}`, 30))).toEqual({ status: 'paid' });

      const ordersA = (await json<{ orders: Array<{ buyer?: string; lines?: unknown }> }>(await a.get('/api/admin/orders'))).orders;
      const ordersB = (await json<{ orders: unknown[] }>(await b.get('/api/admin/orders'))).orders;
      expect(ordersA).toHaveLength(1);
      expect(ordersB).toHaveLength(2);
      expect(JSON.stringify(ordersA)).toContain('MUG');
      expect(JSON.stringify(ordersA)).not.toMatch(/LAMP|Bea/);
      expect(JSON.stringify(ordersB)).not.toContain('MUG');

      const cartsOfA = (await json<{ carts: Array<{ id: string }> }>(await a.get('/api/admin/carts?list=all'))).carts;
      expect(JSON.stringify(cartsOfA)).toContain(cartA);
      expect(cartsOfA).toHaveLength(1);
      expect((await json<{ carts: unknown[] }>(await b.get('/api/admin/carts?list=all'))).carts).toHaveLength(2);

      const chatOf = async (show: Show) =>
        (await json<{ events: Array<{ data: { text?: string } }> }>(await show.get('/api/admin/events?type=chat.message'))).events.map((e) => e.data.text);
      expect(await chatOf(a)).toEqual(['hello from show A', '!buy MUG']);
      expect(await chatOf(b)).toEqual(['hello from show B', '!buy LAMP', 'Bea was only here', '!buy LAMP']);

      const stateA = JSON.stringify(await json(await a.get('/api/admin/state')));
      expect(stateA).not.toMatch(/LAMP|Lamp|Bea|show B/);

      // The leaderboards count this show's money and lines, for a viewer both shows share.
      await a.chat.say(UMA, '!top buyers');
      await a.chat.say(UMA, '!top chatters');
      await b.chat.say(UMA, '!top buyers');
      await Promise.all([a.app.idle(), b.app.idle()]);
      const boardsA = a.chat.texts().filter((t) => t.startsWith('Top '));
      expect(boardsA[0]).toContain('Uma');
      expect(boardsA[0]).toContain('12');
      expect(boardsA.join('\n')).not.toMatch(/Bea|30/);
      expect(b.chat.texts().find((t) => t.startsWith('Top buyers'))).toMatch(/Bea|Uma/);
      expect(await a.app.runtime.reads.topChatters(10)).toEqual([{ name: 'Uma', value: 4 }]);

      const analyticsA = JSON.stringify(await json(await a.get('/api/analytics')));
      expect(analyticsA).toContain('show-a');
      expect(analyticsA).not.toContain('show-b');
      expect((await a.get('/api/analytics/show-b')).status).toBe(404);
      expect((await b.get('/api/analytics/show-a')).status).toBe(404);
      expect((await a.get('/api/analytics/show-a')).status).toBe(200);
    });

    it("GIVEN two shows WHEN one show's admin token is used on the other THEN it is refused, and each cart id is its own show's", async () => {
      expect(a.token).not.toBe(b.token);
      expect((await b.get('/api/admin/state', a.token)).status).toBe(401);
      expect((await a.get('/api/admin/state', b.token)).status).toBe(401);
      expect((await a.get('/api/admin/state')).status).toBe(200);
      const cartOfB = (await b.app.store.models.Cart.findOne({ where: { showId: 'show-b' } }))!;
      const res = await fetch(`http://127.0.0.1:${a.app.port}/api/admin/carts/${cartOfB.id}/paid`, {
        method: 'POST',
        headers: { authorization: `Bearer ${a.token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(res.status).toBe(404);
    });

    it('GIVEN one browser logged into both dashboards on one host WHEN it sends both cookies THEN each show keeps its own session (cookies ignore ports)', async () => {
      const login = async (show: Show) => {
        const res = await fetch(`http://127.0.0.1:${show.app.port}/api/admin/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token: show.token }),
        });
        expect(res.status).toBe(204);
        return res.headers.get('set-cookie')!.split(';')[0]!;
      };
      const [cookieA, cookieB] = [await login(a), await login(b)];
      expect(cookieA).toMatch(/^showcart_admin_show-a=/);
      expect(cookieB).toMatch(/^showcart_admin_show-b=/);
      const jar = `${cookieA}; ${cookieB}`;
      for (const show of [a, b]) expect((await fetch(`http://127.0.0.1:${show.app.port}/api/admin/state`, { headers: { cookie: jar } })).status).toBe(200);
    });

    it('GIVEN a link code asked for in show A WHEN it is typed in show B THEN B does not know it, and it still links in A', async () => {
      const asker = await a.app.runtime.viewers.resolve('twitch', { id: 'ask-1', name: 'Asker', roles: [] });
      const typist = await a.app.runtime.viewers.resolve('discord', { id: 'typ-1', name: 'Typist', roles: [] });
      const now = Date.now();
      const { code } = await issueLinkCode(a.app.store, { ...asker, channelId: 'shop' }, now, { showId: 'show-a' });
      expect(await redeemLinkCode(b.app.store, code, typist.identityId, now, 'show-b')).toEqual({ kind: 'unknown' });
      expect(await redeemLinkCode(a.app.store, code, typist.identityId, now, 'show-a')).toMatchObject({ kind: 'linked', intoViewerId: asker.viewerId });
    });

    it("GIVEN show A's promo code WHEN show B's file names the same code THEN B is refused and A's code keeps its terms", async () => {
      const clash = parseShow(yaml('show-b', 'LAMP', 'Lamp', 30, 'ASAVE').replace('percent: 10', 'percent: 50'), 'show-b.yaml', {}).config;
      await expect(new PromoCodes(b.app.store, 'show-b').sync(clash)).rejects.toThrow(/code ASAVE is already a code of another show/);
      const row = (await a.app.store.models.PromoCode.findOne({ where: { code: 'ASAVE' } }))!;
      expect([row.showId, row.value]).toEqual(['show-a', 10]);
    });
  });
}
