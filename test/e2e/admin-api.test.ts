import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import { adminClient, startAdminApp } from '../support/admin-app.js';
import type { TestApp } from '../support/test-show.js';
import { testConfig } from '../support/test-show.js';

const ADMIN_TOKEN = 'admin-e2e-token-93b1d0c4f2';

describe('the admin API over a running show', () => {
  const twitch = new MemoryChannel('twitch', ['shop']);
  const telegram = new MemoryChannel('telegram', ['-100']);
  const channels = [twitch, telegram];
  let t: TestApp;
  let admin: ReturnType<typeof adminClient>;
  /** Once everything the app set off has played out, every chat has a line like `pattern`. */
  const everywhere = async (pattern: RegExp) => {
    await t.app.idle();
    for (const c of channels) expect(c.texts(), c.platform).toContainEqual(expect.stringMatching(pattern));
  };

  beforeAll(async () => {
    const config = testConfig(`  - { sku: LAMP, title: Lamp, price: 30, stock: 5 }
featured: MUG
channels: { web: { enabled: false } }
checkout: { linkTemplate: "https://pay.example/checkout?order={order}" }
promotions:
  unlocks:
    - { id: fifteen-off, keyword: unlock, goal: 50, window: 15m, discount: { percent: 15 }, valid: 30m }
  drops:
    - { id: hello, discount: { amount: 2 }, cron: "0 0 1 1 *", valid: 5m, message: Welcome drop! }
  flashSales:
    - { id: lamp-flash, sku: LAMP, price: 20, duration: 1m }`);
    t = await startAdminApp(config, channels, { env: { SHOWCART_ADMIN_TOKEN: ADMIN_TOKEN } });
    admin = adminClient(t.app.url, ADMIN_TOKEN);
  });
  afterAll(() => t?.app.stop());

  it('GIVEN no token or a wrong one WHEN the state is asked for THEN 401 without the token in the body', async () => {
    const none = await fetch(`${t.app.url}/api/admin/state`);
    expect(none.status).toBe(401);
    const wrong = await adminClient(t.app.url, 'wrong-token-123456').get('/api/admin/state');
    expect(wrong.status).toBe(401);
    const body = await wrong.text();
    expect(body).not.toContain('wrong-token-123456');
    expect(body).not.toContain(ADMIN_TOKEN);
    expect((await fetch(`${t.app.url}/metrics`)).status).toBe(401);
    expect(t.log.text()).not.toContain(ADMIN_TOKEN);
  });

  it('GIVEN a dashboard login WHEN the state is read with the cookie THEN it has the show, channels, promotions and config', async () => {
    const login = await fetch(`${t.app.url}/api/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: ADMIN_TOKEN }),
    });
    expect(login.status).toBe(204);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const res = await fetch(`${t.app.url}/api/admin/state`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const state = (await res.json()) as Record<string, unknown>;
    expect(state).toMatchObject({
      show: { id: 'test-show', featured: 'MUG', state: 'off-air' },
      channels: [
        { platform: 'twitch', rooms: ['shop'], status: { state: 'connected' } },
        { platform: 'telegram', rooms: ['-100'], status: { state: 'connected' } },
      ],
      polls: [],
      flash: [],
      unlocks: [{ id: 'fifteen-off', keyword: 'unlock', count: 0, goal: 50, discount: { percent: 15 }, reached: false }],
      drops: [{ id: 'hello', discount: { amount: 2 } }],
      media: null,
      config: { file: null, lastError: null },
    });
    expect(Object.keys(state).sort()).toEqual([
      'ai',
      'auction',
      'channels',
      'config',
      'drops',
      'flash',
      'giveaway',
      'media',
      'outbox',
      'payments',
      'polls',
      'show',
      'skipped',
      'unlocks',
    ]);
  });

  it('GIVEN orders placed with !buy by viewers with awkward names WHEN exported as CSV THEN each is one row, quoted, and formulas are defused', async () => {
    await twitch.say({ id: 'tw-1', name: 'Smith, "Jo"' }, '!buy MUG');
    await telegram.say({ id: 'tg-1', name: '=HYPERLINK("http://evil")' }, '/buy LAMP 2');
    await t.app.idle();
    expect((await admin.json<{ orders: unknown[] }>('/api/admin/orders')).orders).toHaveLength(2);

    const res = await admin.get('/api/admin/orders?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?orders-test-show-\d{4}-\d{2}-\d{2}\.csv"?$/);
    const lines = (await res.text()).split('\r\n');
    expect(lines[0]).toBe('order,placed_at,status,sku,variant,title,qty,subtotal,discount,total,currency,code,platform,buyer,channel,hold_expires_at,paid_at');
    expect(lines).toHaveLength(4);
    const [lamp, mug] = [lines[1]!, lines[2]!];
    expect(lamp).toMatch(/^[A-Z0-9]{8},\d{4}-.+Z,held,LAMP,,Lamp,2,60\.00,0\.00,60\.00,EUR,,telegram,"'=HYPERLINK\(""http:\/\/evil""\)",-100,\d{4}-.+Z,$/);
    expect(mug).toMatch(/^[A-Z0-9]{8},\d{4}-.+Z,held,MUG,,Mug,1,12\.00,0\.00,12\.00,EUR,,twitch,"Smith, ""Jo""",shop,\d{4}-.+Z,$/);

    const viaAccept = await admin.get('/api/admin/orders?platform=twitch', { accept: 'text/csv' });
    expect((await viaAccept.text()).split('\r\n').filter(Boolean)).toHaveLength(2);
    const json = await admin.json<{ orders: Array<{ sku: string; buyer: string; platform: string; status: string }> }>('/api/admin/orders?sku=lamp');
    expect(json.orders).toEqual([expect.objectContaining({ sku: 'LAMP', buyer: '=HYPERLINK("http://evil")', platform: 'telegram', status: 'held' })]);
    expect((await admin.json<{ orders: unknown[] }>('/api/admin/orders?status=paid')).orders).toEqual([]);
    expect((await admin.get('/api/admin/orders?status=nonsense')).status).toBe(400);
  });

  it('GIVEN a drop of the show file WHEN dropped from the API THEN its code is announced in every chat', async () => {
    const res = await admin.post('/api/admin/drops/hello');
    expect(res.status).toBe(201);
    const { code } = (await res.json()) as { code: string };
    expect(code).toMatch(/^HELLO-[A-Z0-9]{6}$/);
    await everywhere(new RegExp(`^Welcome drop! Code ${code} `));
    expect((await admin.post('/api/admin/drops/nope')).status).toBe(404);
  });

  it('GIVEN an unlock far from its goal WHEN reached from the API THEN its code is announced in every chat, once', async () => {
    const res = await admin.post('/api/admin/unlocks/fifteen-off');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ unlock: { id: 'fifteen-off', reached: true } });
    await everywhere(/FIFTEEN-[A-Z0-9]{6}/);
    expect((await admin.post('/api/admin/unlocks/fifteen-off')).status).toBe(409);
    expect((await admin.post('/api/admin/unlocks/nope')).status).toBe(404);
  });

  it('GIVEN a product WHEN featured from the API THEN every chat hears it, /api/show shows it and the log says by dashboard', async () => {
    const res = await admin.post('/api/admin/featured', { sku: 'lamp' });
    expect(res.status).toBe(200);
    await everywhere(/^Now on screen: Lamp \(LAMP\), €30\.00\. Type !buy to order it!$/);
    const show = (await (await fetch(`${t.app.url}/api/show`)).json()) as { featured: string };
    expect(show.featured).toBe('LAMP');
    const { events } = await admin.json<{ events: Array<{ type: string; data: Record<string, unknown> }> }>('/api/admin/events?type=show.featured');
    expect(events.map((e) => e.data)).toEqual([{ sku: 'LAMP', by: 'dashboard' }]);
    expect((await admin.post('/api/admin/featured', { sku: 'LAMPS' })).status).toBe(404);
  });

  it('GIVEN a chat line WHEN moderated from the API THEN the channel deletes it and times the viewer out, logged as by dashboard', async () => {
    const line = await twitch.say({ id: 'tw-spam', name: 'Spammer' }, 'buy followers cheap');
    const del = await admin.post('/api/admin/moderate', {
      platform: 'twitch',
      channelId: 'shop',
      messageId: line.messageId,
      userId: 'tw-spam',
      userName: 'Spammer',
      action: 'delete',
    });
    expect(del.status).toBe(202);
    const out = await admin.post('/api/admin/moderate', {
      platform: 'twitch',
      channelId: 'shop',
      messageId: line.messageId,
      userId: 'tw-spam',
      userName: 'Spammer',
      action: 'timeout',
      seconds: 60,
    });
    expect(out.status).toBe(202);
    await t.app.idle();
    expect(twitch.moderated).toEqual([
      { kind: 'delete', channelId: 'shop', messageId: line.messageId },
      { kind: 'timeout', channelId: 'shop', userId: 'tw-spam', userName: 'Spammer', seconds: 60, reason: 'showcart dashboard' },
    ]);
    const { events } = await admin.json<{ events: Array<{ platform: string; data: Record<string, unknown> }> }>('/api/admin/events?type=moderation.*');
    expect(events.map((e) => [e.platform, e.data.step, e.data.by])).toEqual([
      ['twitch', 'delete', 'dashboard'],
      ['twitch', 'timeout', 'dashboard'],
    ]);
    expect((await admin.post('/api/admin/moderate', { platform: 'discord', channelId: 'x', messageId: 'y', action: 'delete' })).status).toBe(404);
    expect((await admin.post('/api/admin/moderate', { platform: 'twitch', channelId: 'shop', action: 'timeout' })).status).toBe(400);
  });

  it('GIVEN a flash sale of the show file WHEN started and stopped from the API THEN the state lists it meanwhile', async () => {
    expect((await admin.post('/api/admin/flash/lamp-flash/start')).status).toBe(201);
    expect((await admin.json<{ flash: Array<{ sku: string }> }>('/api/admin/state')).flash).toEqual([
      expect.objectContaining({ sku: 'LAMP', saleId: 'lamp-flash' }),
    ]);
    expect((await admin.post('/api/admin/flash/lamp-flash/start')).status).toBe(409);
    expect((await admin.post('/api/admin/flash/lamp-flash/stop')).status).toBe(204);
    expect((await admin.json<{ flash: unknown[] }>('/api/admin/state')).flash).toEqual([]);
  });

  it('GIVEN chat lines from two platforms WHEN /metrics is scraped with the bearer THEN chat counters per platform and orders by status are there', async () => {
    await telegram.say({ id: 'tg-2', name: 'Tanya' }, 'hello');
    await telegram.say({ id: 'tg-2', name: 'Tanya' }, 'hello again');
    await t.app.idle();
    const text = await (await admin.get('/metrics')).text();
    const value = (name: string) => Number(new RegExp(`^${name.replace(/[{}"]/g, '\\$&')} (\\d+)$`, 'm').exec(text)?.[1]);
    expect(value('showcart_chat_messages_total{platform="telegram"}')).toBe(3);
    expect(value('showcart_chat_messages_total{platform="twitch"}')).toBeGreaterThanOrEqual(2);
    expect(value('showcart_orders{status="held"}')).toBe(2);
    expect(value('showcart_messages_sent_total{platform="twitch"}')).toBeGreaterThan(0);
    expect(text).toMatch(/^showcart_event_loop_lag_seconds\{quantile="0.99"\} /m);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
  });

  it('GIVEN a typed poll WHEN started and stopped from the API THEN every chat hears it and the state lists it', async () => {
    const res = await admin.post('/api/admin/polls', { question: 'Which scent next?', options: ['Vanilla', 'Cedar'], durationMs: 60_000 });
    expect(res.status).toBe(201);
    const { poll } = (await res.json()) as { poll: { id: string; question: string; state: string } };
    expect(poll).toMatchObject({ question: 'Which scent next?', state: 'open' });
    await everywhere(/Which scent next\?/);
    expect((await admin.json<{ polls: Array<{ id: string }> }>('/api/admin/state')).polls.map((p) => p.id)).toContain(poll.id);
    expect((await admin.post(`/api/admin/polls/${poll.id}/stop`)).status).toBe(204);
    expect((await admin.post(`/api/admin/polls/${poll.id}/stop`)).status).toBe(404);
    expect((await admin.post('/api/admin/polls', { id: 'no-such-poll' })).status).toBe(404);
    expect((await admin.post('/api/admin/polls', { question: 'Only one?', options: ['a'], durationMs: 60_000 })).status).toBe(400);
  });

  it('GIVEN the admin API WHEN a change is posted as a form THEN it is refused (CSRF guard)', async () => {
    const res = await fetch(`${t.app.url}/api/admin/featured`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'sku=MUG',
    });
    expect(res.status).toBe(415);
  });
});
