/**
 * Proves FakeTwitch speaks enough Twitch IRC-over-WebSocket for the real
 * tmi.js client on 127.0.0.1, with no change to the library.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import tmi from 'tmi.js';
import { FakeTwitch } from '../fakes/fake-twitch.js';

const alice = { id: '4242', login: 'alice', displayName: 'Alice', badges: { subscriber: 12 } };
const mia = { id: '5151', login: 'mia', displayName: 'Mia_Mod', badges: { moderator: 1 as const } };

interface Seen {
  channel: string;
  tags: tmi.ChatUserstate;
  text: string;
  self: boolean;
}

/** tmi.js logs what it cannot parse as warnings: collecting them proves the fake's lines are well-formed. */
function quietLogger(sink: string[]): { info: (m: string) => void; warn: (m: string) => void; error: (m: string) => void } {
  return { info: () => undefined, warn: (m) => sink.push(`warn: ${m}`), error: (m) => sink.push(`error: ${m}`) };
}

/**
 * Resolves once tmi.js has handled every line the fake sent before now: the fake answers a PING
 * after what it already wrote to the socket, and tmi.js handles lines in order.
 */
async function caughtUp(client: tmi.Client): Promise<void> {
  await client.ping();
}

function makeClient(port: number, logs: string[], extra: Partial<tmi.Options['connection']> = {}, password = 'oauth:abc'): tmi.Client {
  return new tmi.Client({
    options: { skipUpdatingEmotesets: true },
    connection: { server: '127.0.0.1', port, secure: false, reconnect: false, ...extra },
    identity: { username: 'showcartbot', password },
    channels: ['#shop'],
    logger: quietLogger(logs),
  });
}

describe('FakeTwitch with the real tmi.js', () => {
  const fake = new FakeTwitch({ password: 'oauth:abc', moderatorOf: ['#shop'] });
  const logs: string[] = [];
  const seen: Seen[] = [];
  let client: tmi.Client;

  beforeAll(async () => {
    await fake.start();
    client = makeClient(fake.port, logs);
    client.on('message', (channel, tags, text, self) => seen.push({ channel, tags, text, self }));
    await client.connect();
    await fake.waitForJoin('#shop');
  });

  afterAll(async () => {
    await client.disconnect().catch(() => undefined);
    await fake.stop();
  });

  it('GIVEN a joined client WHEN a subscriber writes THEN tmi.js emits the message with display-name, badges, subscriber and mod flags', async () => {
    const id = fake.say({ channel: '#shop', user: alice, text: '!buy SKU-1' });
    await caughtUp(client);
    const msg = seen.find((s) => s.tags.id === id);
    expect(msg).toMatchObject({ channel: '#shop', text: '!buy SKU-1', self: false });
    expect(msg?.tags).toMatchObject({
      'display-name': 'Alice',
      username: 'alice',
      'user-id': '4242',
      badges: { subscriber: '12' },
      subscriber: true,
      mod: false,
      'message-type': 'chat',
    });
  });

  it('GIVEN a joined client WHEN a moderator writes THEN mod is true and the moderator badge is set', async () => {
    const id = fake.say({ channel: '#shop', user: mia, text: 'hi all' });
    await caughtUp(client);
    expect(seen.find((s) => s.tags.id === id)?.tags).toMatchObject({ mod: true, badges: { moderator: '1' }, 'user-type': 'mod', subscriber: false });
  });

  it('GIVEN a joined client WHEN the bot says something THEN the fake records it AND tmi.js flags its own copy as self AND Twitch does not echo it', async () => {
    await client.say('#shop', 'Jacket is 49 €, type !buy SKU-1');
    // The fake reads the PING after the PRIVMSG, and answers it after any echo it might have sent.
    await caughtUp(client);
    expect(fake.received('#shop')).toContain('Jacket is 49 €, type !buy SKU-1');
    const copies = seen.filter((s) => s.text === 'Jacket is 49 €, type !buy SKU-1');
    expect(copies.map((c) => c.self)).toEqual([true]);
  });

  it('GIVEN the bot moderates #shop WHEN it times out a viewer THEN the command is recorded AND tmi.js gets the NOTICE and the CLEARCHAT', async () => {
    const timeouts: Array<[string, number]> = [];
    client.on('timeout', (_channel, user, _reason, duration) => timeouts.push([user, duration]));
    await expect(client.timeout('#shop', 'troll', 60, 'spam')).resolves.toEqual(['#shop', 'troll', 60, 'spam']);
    expect(fake.moderation).toContainEqual(expect.objectContaining({ channel: '#shop', command: 'timeout', args: ['troll', '60', 'spam'] }));
    await caughtUp(client);
    expect(timeouts).toContainEqual(['troll', 60]);
  });

  it('GIVEN a viewer message WHEN the bot deletes it THEN tmi.js resolves and sees CLEARMSG for that message', async () => {
    const deleted: string[] = [];
    client.on('messagedeleted', (_channel, _user, text) => deleted.push(text));
    const id = fake.say({ channel: '#shop', user: alice, text: 'buy fake watches at spam.example' });
    await caughtUp(client);
    expect(seen.some((s) => s.tags.id === id)).toBe(true);
    await client.deletemessage('#shop', id);
    expect(fake.moderation).toContainEqual(expect.objectContaining({ command: 'delete', args: [id] }));
    await caughtUp(client);
    expect(deleted).toContain('buy fake watches at spam.example');
  });

  it('GIVEN a channel the bot does not moderate WHEN it bans someone THEN tmi.js rejects with no_permission', async () => {
    await client.join('#elsewhere');
    await expect(client.ban('#elsewhere', 'troll', 'spam')).rejects.toBe('no_permission');
    expect(fake.moderation).toContainEqual(expect.objectContaining({ channel: '#elsewhere', command: 'ban' }));
    expect([...fake.joined]).toEqual(expect.arrayContaining(['#shop', '#elsewhere']));
  });

  it('GIVEN the whole exchange so far THEN tmi.js logged no unparsable line or error', () => {
    expect(logs).toEqual([]);
  });
});

describe('FakeTwitch outages, auth and limits', () => {
  const fake = new FakeTwitch({ password: 'oauth:abc', enforceLimits: true });
  const clients: tmi.Client[] = [];
  const logs: string[] = [];

  beforeAll(() => fake.start());
  afterAll(async () => {
    for (const c of clients) if (c.readyState() === 'OPEN') await c.disconnect().catch(() => undefined);
    await fake.stop();
  });

  it('GIVEN a wrong password WHEN the client connects THEN connect() rejects with the Twitch login failure', async () => {
    const client = makeClient(fake.port, logs, {}, 'oauth:wrong');
    clients.push(client);
    await expect(client.connect()).rejects.toMatch(/Login authentication failed/);
  });

  it('GIVEN a reconnecting client WHEN the server is killed and restarted on the same port THEN tmi.js reconnects, rejoins and gets new messages', async () => {
    const client = makeClient(fake.port, logs, { reconnect: true, reconnectInterval: 200 });
    clients.push(client);
    const texts: string[] = [];
    client.on('message', (_c, _t, text) => texts.push(text));
    await client.connect();
    await fake.waitForJoin('#shop');
    await fake.kill();
    expect(fake.connections).toBe(0);
    await fake.start(fake.port);
    // tmi.js reconnects on its own timer (200 ms, then ×1.5): no promise covers it.
    await fake.waitForJoin('#shop', 2_000);
    fake.say({ channel: '#shop', user: alice, text: 'still there?' });
    await caughtUp(client);
    expect(texts).toContain('still there?');
  });

  it('GIVEN enforceLimits and a non-moderator bot WHEN it sends 25 messages at once THEN Twitch silently drops 5', async () => {
    const client = makeClient(fake.port, logs);
    clients.push(client);
    await client.connect();
    const before = fake.received('#shop').length;
    const droppedBefore = fake.dropped;
    for (let i = 0; i < 25; i++) await client.say('#shop', `flood ${i}`);
    // The fake reads the PING after the 25 PRIVMSGs: by its PONG it has kept or dropped each of them.
    await caughtUp(client);
    expect(fake.received('#shop').length - before + fake.dropped - droppedBefore).toBe(25);
    expect(fake.dropped - droppedBefore).toBe(5);
    expect(fake.maxPerWindow('showcartbot', 30_000)).toBe(20);
  });
});

describe('FakeTwitch Helix: token validation, user lookup and moderation on the same port', () => {
  const fake = new FakeTwitch({ password: 'oauth:abc', moderatorOf: ['#shop'], clientId: 'cid-1', botLogin: 'showcartbot' });
  const logs: string[] = [];
  const seen: Seen[] = [];
  let client: tmi.Client;
  const bearer = { Authorization: 'Bearer abc', 'Client-Id': 'cid-1' };

  beforeAll(async () => {
    await fake.start();
    client = makeClient(fake.port, logs);
    client.on('message', (channel, tags, text, self) => seen.push({ channel, tags, text, self }));
    await client.connect();
    await fake.waitForJoin('#shop');
  });

  afterAll(async () => {
    await client.disconnect().catch(() => undefined);
    await fake.stop();
  });

  async function modIds(): Promise<{ shop: string; bot: string }> {
    const validated = (await (await fetch(`${fake.authRoot}/validate`, { headers: { Authorization: 'OAuth abc' } })).json()) as { user_id: string };
    const users = (await (await fetch(`${fake.helixRoot}/users?login=shop`, { headers: bearer })).json()) as { data: Array<{ id: string }> };
    return { shop: users.data[0]!.id, bot: validated.user_id };
  }

  it('GIVEN the token WHEN validated with "OAuth <token>" THEN the fake answers client id, login, user id and scopes AND refuses a wrong token with 401', async () => {
    const ok = await fetch(`${fake.authRoot}/validate`, { headers: { Authorization: 'OAuth abc' } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      client_id: 'cid-1',
      login: 'showcartbot',
      user_id: expect.stringMatching(/^\d+$/),
      scopes: expect.arrayContaining(['moderator:manage:banned_users', 'moderator:manage:chat_messages']),
    });
    expect((await fetch(`${fake.authRoot}/validate`, { headers: { Authorization: 'OAuth wrong' } })).status).toBe(401);
  });

  it('GIVEN logins WHEN looked up THEN each gets a stable id equal to the room-id tmi.js sees AND a request without Client-Id is refused', async () => {
    const first = (await (await fetch(`${fake.helixRoot}/users?login=shop&login=other`, { headers: bearer })).json()) as {
      data: Array<{ id: string; login: string }>;
    };
    const again = (await (await fetch(`${fake.helixRoot}/users?login=shop`, { headers: bearer })).json()) as { data: Array<{ id: string }> };
    expect(first.data.map((u) => u.login)).toEqual(['shop', 'other']);
    expect(again.data[0]!.id).toBe(first.data[0]!.id);
    const id = fake.say({ channel: '#shop', user: alice, text: 'which room am I in' });
    await caughtUp(client);
    expect(seen.find((s) => s.tags.id === id)?.tags['room-id']).toBe(first.data[0]!.id);
    expect((await fetch(`${fake.helixRoot}/users?login=shop`, { headers: { Authorization: 'Bearer abc' } })).status).toBe(401);
  });

  it('GIVEN the bot moderates #shop WHEN it times a viewer out through Helix THEN 200 AND the ban is recorded AND tmi.js sees CLEARCHAT with the duration', async () => {
    const timeouts: Array<[string, number]> = [];
    client.on('timeout', (_channel, user, _reason, duration) => timeouts.push([user, duration]));
    fake.say({ channel: '#shop', user: alice, text: 'spam spam' });
    const ids = await modIds();
    const res = await fetch(`${fake.helixRoot}/moderation/bans?broadcaster_id=${ids.shop}&moderator_id=${ids.bot}`, {
      method: 'POST',
      headers: { ...bearer, 'Content-Type': 'application/json' },
      body: JSON.stringify({ data: { user_id: alice.id, duration: 600, reason: 'spam' } }),
    });
    expect(res.status).toBe(200);
    expect(fake.helix.at(-1)).toMatchObject({ action: 'ban', channel: '#shop', userId: alice.id, duration: 600, reason: 'spam', status: 200 });
    // The fake wrote CLEARCHAT to the room as it answered the request.
    await caughtUp(client);
    expect(timeouts).toContainEqual(['alice', 600]);
  });

  it('GIVEN a viewer message WHEN deleted through Helix THEN 204 without a body AND tmi.js sees CLEARMSG AND an unknown id is 404', async () => {
    const deleted: string[] = [];
    client.on('messagedeleted', (_channel, _user, text) => deleted.push(text));
    const id = fake.say({ channel: '#shop', user: alice, text: 'delete me' });
    const ids = await modIds();
    const url = (messageId: string) => `${fake.helixRoot}/moderation/chat?broadcaster_id=${ids.shop}&moderator_id=${ids.bot}&message_id=${messageId}`;
    const res = await fetch(url(id), { method: 'DELETE', headers: bearer });
    expect(res.status).toBe(204);
    expect(res.headers.get('content-type')).toBeNull();
    await caughtUp(client);
    expect(deleted).toContain('delete me');
    expect((await fetch(url('no-such-message'), { method: 'DELETE', headers: bearer })).status).toBe(404);
    expect(fake.helix.filter((e) => e.action === 'delete').map((e) => e.status)).toEqual([204, 404]);
  });

  it("GIVEN a channel the bot does not moderate WHEN it moderates there THEN 403 with Twitch's message AND an injected 429 carries Ratelimit-Reset", async () => {
    const ids = await modIds();
    const other = (await (await fetch(`${fake.helixRoot}/users?login=elsewhere`, { headers: bearer })).json()) as { data: Array<{ id: string }> };
    const ban = (broadcaster: string) =>
      fetch(`${fake.helixRoot}/moderation/bans?broadcaster_id=${broadcaster}&moderator_id=${ids.bot}`, {
        method: 'POST',
        headers: { ...bearer, 'Content-Type': 'application/json' },
        body: JSON.stringify({ data: { user_id: alice.id, duration: 60 } }),
      });
    const refused = await ban(other.data[0]!.id);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ message: expect.stringContaining('not one of the broadcaster') });
    fake.failNextHelix(429, 2);
    const limited = await ban(ids.shop);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect(fake.helix.slice(-2).map((e) => e.status)).toEqual([403, 429]);
  });
});
