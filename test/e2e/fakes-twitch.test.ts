/**
 * Proves FakeTwitch speaks enough Twitch IRC-over-WebSocket for the real
 * tmi.js client on 127.0.0.1, with no change to the library.
 */
import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
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
    await vi.waitFor(() => expect(seen.some((s) => s.tags.id === id)).toBe(true));
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
    await vi.waitFor(() => expect(seen.some((s) => s.tags.id === id)).toBe(true));
    expect(seen.find((s) => s.tags.id === id)?.tags).toMatchObject({ mod: true, badges: { moderator: '1' }, 'user-type': 'mod', subscriber: false });
  });

  it('GIVEN a joined client WHEN the bot says something THEN the fake records it AND tmi.js flags its own copy as self AND Twitch does not echo it', async () => {
    await client.say('#shop', 'Jacket is 49 €, type !buy SKU-1');
    await fake.waitFor((e) => e.kind === 'message' && e.text === 'Jacket is 49 €, type !buy SKU-1');
    expect(fake.received('#shop')).toContain('Jacket is 49 €, type !buy SKU-1');
    // a PING round trip is ordered after any echo the server might have sent
    await client.ping();
    const copies = seen.filter((s) => s.text === 'Jacket is 49 €, type !buy SKU-1');
    expect(copies.map((c) => c.self)).toEqual([true]);
  });

  it('GIVEN the bot moderates #shop WHEN it times out a viewer THEN the command is recorded AND tmi.js gets the NOTICE and the CLEARCHAT', async () => {
    const timeouts: Array<[string, number]> = [];
    client.on('timeout', (_channel, user, _reason, duration) => timeouts.push([user, duration]));
    await expect(client.timeout('#shop', 'troll', 60, 'spam')).resolves.toEqual(['#shop', 'troll', 60, 'spam']);
    expect(fake.moderation).toContainEqual(expect.objectContaining({ channel: '#shop', command: 'timeout', args: ['troll', '60', 'spam'] }));
    await vi.waitFor(() => expect(timeouts).toContainEqual(['troll', 60]));
  });

  it('GIVEN a viewer message WHEN the bot deletes it THEN tmi.js resolves and sees CLEARMSG for that message', async () => {
    const deleted: string[] = [];
    client.on('messagedeleted', (_channel, _user, text) => deleted.push(text));
    const id = fake.say({ channel: '#shop', user: alice, text: 'buy fake watches at spam.example' });
    await vi.waitFor(() => expect(seen.some((s) => s.tags.id === id)).toBe(true));
    await client.deletemessage('#shop', id);
    expect(fake.moderation).toContainEqual(expect.objectContaining({ command: 'delete', args: [id] }));
    await vi.waitFor(() => expect(deleted).toContain('buy fake watches at spam.example'));
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
    await fake.waitForJoin('#shop', 10_000);
    fake.say({ channel: '#shop', user: alice, text: 'still there?' });
    await vi.waitFor(() => expect(texts).toContain('still there?'));
  });

  it('GIVEN enforceLimits and a non-moderator bot WHEN it sends 25 messages at once THEN Twitch silently drops 5', async () => {
    const client = makeClient(fake.port, logs);
    clients.push(client);
    await client.connect();
    const before = fake.received('#shop').length;
    const droppedBefore = fake.dropped;
    for (let i = 0; i < 25; i++) await client.say('#shop', `flood ${i}`);
    await vi.waitFor(() => expect(fake.received('#shop').length - before + fake.dropped - droppedBefore).toBe(25));
    expect(fake.dropped - droppedBefore).toBe(5);
    expect(fake.maxPerWindow('showcartbot', 30_000)).toBe(20);
  });
});
