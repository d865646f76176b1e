import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import type { WebChannel } from '../../bots/web/web-channel.js';
import { CLOSE, type WebLine } from '../../bots/web/web-protocol.js';
import { startTestApp, testConfig, type TestApp } from '../support/test-show.js';
import { RawChatSocket, UpgradeRefused, WebChatClient } from '../support/web-chat-client.js';
import { waitFor } from '../support/wait-for.js';

const webOf = (t: TestApp) => t.app.channels.find((c) => c.platform === 'web') as WebChannel;

async function refusal(url: string): Promise<number> {
  try {
    const ws = await WebChatClient.connect(url);
    await ws.close();
    return 101;
  } catch (err) {
    if (err instanceof UpgradeRefused) return err.status;
    throw err;
  }
}

async function healthStatus(url: string): Promise<number> {
  return (await fetch(`${url}/api/health`)).status;
}

describe('web chat connection caps', () => {
  let perAddress: TestApp;
  let total: TestApp;
  const open: WebChatClient[] = [];

  beforeAll(async () => {
    perAddress = await startTestApp(testConfig(`channels: { web: { limits: { sharedAddresses: [], perAddress: { connections: 4 } } } }`));
    // The loopback is a shared address by default: only the total cap holds for it.
    total = await startTestApp(testConfig(`channels: { web: { limits: { maxConnections: 50 } } }`));
  });
  afterAll(async () => {
    await Promise.all(open.map((c) => c.close()));
    await Promise.all([perAddress?.app.stop(), total?.app.stop()]);
  });

  it('GIVEN an address with its 4 sockets open WHEN it opens more THEN they are refused with 429, /api/health answers, and a closed socket frees its place', async () => {
    const four = await Promise.all(Array.from({ length: 4 }, (_, i) => WebChatClient.join(perAddress.app.url, `Four${i}`)));
    open.push(...four);
    const refused = await Promise.all(Array.from({ length: 20 }, () => refusal(perAddress.app.url)));
    expect(refused).toEqual(Array(20).fill(429));
    expect(await healthStatus(perAddress.app.url)).toBe(200);
    await four[0]!.close();
    await waitFor(() => webOf(perAddress).stats.open === 3, 5000, 'the closed socket counted out');
    const again = await WebChatClient.join(perAddress.app.url, 'Again');
    open.push(again);
    expect(webOf(perAddress).stats).toMatchObject({ open: 4, refused: { address: 20, full: 0 } });
  });

  it('GIVEN a chat at its total cap of 50 WHEN 1,000 more upgrades arrive at once THEN every one is refused with 503 and /api/health and the admin still answer', async () => {
    const fifty = await Promise.all(Array.from({ length: 50 }, (_, i) => WebChatClient.join(total.app.url, `Fifty${i}`)));
    open.push(...fifty);
    const statuses = await Promise.all(Array.from({ length: 1000 }, () => refusal(total.app.url)));
    expect(statuses.filter((s) => s === 503)).toHaveLength(1000);
    expect(await healthStatus(total.app.url)).toBe(200);
    expect((await fetch(`${total.app.url}/api/admin/state`)).status).toBe(401);
    expect(webOf(total).stats).toMatchObject({ open: 50, maxConnections: 50, refused: { full: 1000 } });
    expect(fifty.every((c) => c.isOpen)).toBe(true);
  });

  it('GIVEN an upgrade to a path that is not the chat WHEN asked THEN it is answered 404 and the connection is closed at once', async () => {
    for (const path of ['/ws/nope', '/', '/api/health', '/ws/chat/../admin']) {
      const raw = await RawChatSocket.open(total.app.url, path);
      expect(raw.status, path).toBe(404);
      raw.drain();
      await raw.closed;
    }
    expect(webOf(total).stats.refused.path).toBe(4);
  });
});

describe('web chat sockets that say nothing or answer nothing', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(testConfig(`channels: { web: { limits: { helloTimeout: 0.3, pingInterval: 0.5 } } }`));
  });
  afterAll(() => t?.app.stop());

  it('GIVEN a socket that never says hello WHEN the hello timeout passes THEN the server closes it', async () => {
    const silent = await WebChatClient.connect(t.app.url);
    expect(await silent.closed).toBe(CLOSE.policy);
    expect(silent.messages).toEqual([]);
  });

  it('GIVEN a viewer whose socket never answers a ping WHEN pings go unanswered THEN it is cut, while a live viewer stays', async () => {
    const live = await WebChatClient.join(t.app.url, 'Live');
    const dead = await RawChatSocket.open(t.app.url);
    expect(dead.status).toBe(101);
    dead.sendText(JSON.stringify({ type: 'hello', name: 'Dead' }));
    dead.drain();
    await dead.closed;
    expect(live.isOpen).toBe(true);
    await live.close();
  });
});

describe('web chat sockets that stop reading', () => {
  const twitch = new MemoryChannel('twitch', ['candleshop']);
  const dir = mkdtempSync(join(tmpdir(), 'showcart-slow-'));
  let t: TestApp;
  const line = (n: number, size: number) => `${String(n).padStart(6, '0')} ${'candle wax '.repeat(size / 11)}`;
  const reached = (text: string) => (l: WebLine) => l.kind === 'relay' && (l.lines ?? []).some((x) => x.text === text);
  const rssMB = () => process.memoryUsage().rss / 2 ** 20;

  beforeAll(async () => {
    // The default 30 s ping is left alone: these readers must be cut for their buffers, not as dead.
    // A database file, so the chat lines the event log keeps do not count in the RSS.
    const config = testConfig(`relay: { maxLength: 2000 }\nchannels: { web: { limits: { maxBufferedBytes: 65536 } } }`);
    t = await startTestApp(config, [twitch], { sqlitePath: join(dir, 'showcart.sqlite') });
  });
  afterAll(async () => {
    await t?.app.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('GIVEN 10 sockets that never read WHEN each says hello 1,000 times over a 30 kB history THEN each gets one welcome and is closed at its second hello', async () => {
    const reader = await WebChatClient.join(t.app.url, 'Reader');
    for (let n = 0; n < 50; n++) await twitch.say({ id: 't', name: 'Tess' }, line(n, 600));
    await reader.waitForLine(reached(line(49, 600)), 'the history filled');
    const probe = await WebChatClient.join(t.app.url, 'Probe');
    const welcome = JSON.stringify(probe.welcome).length;
    await probe.close();
    expect(welcome).toBeGreaterThan(30_000);
    const before = rssMB();
    const hoarders = await Promise.all(Array.from({ length: 10 }, () => RawChatSocket.open(t.app.url)));
    for (const raw of hoarders) for (let i = 0; i < 1000; i++) raw.sendText(JSON.stringify({ type: 'hello', name: `Hoarder${i}` }));
    // Read only now, after the server has had every hello: what it sent is all there is.
    for (const raw of hoarders) raw.drain();
    await Promise.all(hoarders.map((raw) => raw.closed));
    const grown = rssMB() - before;
    console.log(`re-hello: 10 x 1,000 hellos, ${hoarders.map((r) => r.received).join('/')} bytes back, RSS grew ${grown.toFixed(1)} MB`);
    for (const raw of hoarders) {
      expect(raw.received).toBeGreaterThan(welcome);
      expect(raw.received).toBeLessThan(welcome + 1024);
    }
    expect(grown).toBeLessThan(64);
    await reader.close();
  });

  it('GIVEN 10 viewers that stop reading WHEN the chat keeps talking THEN each is cut once its buffer passes 64 kB, a reading viewer gets everything, and memory stays bounded', async () => {
    const reader = await WebChatClient.join(t.app.url, 'Reader');
    const slow = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const raw = await RawChatSocket.open(t.app.url);
        // Hello, then never another byte read: the welcome and all after it pile up.
        raw.sendText(JSON.stringify({ type: 'hello', name: `Slow${i}` }));
        return raw;
      }),
    );
    await waitFor(() => webOf(t).connections === 11, 5000, 'the reader and the 10 slow sockets open');
    const before = rssMB();
    let said = 0;
    // Rounds of 300 lines of 2 kB from Twitch (a full relay digest), each awaited at the reading
    // viewer, until every slow reader has been cut; 50 rounds (30 MB) at most.
    for (let round = 0; webOf(t).stats.slowReaders < 10 && round < 50; round++) {
      for (let i = 0; i < 300; i++) await twitch.say({ id: 't', name: 'Tess' }, line(said++, 2000));
      await reader.waitForLine(reached(line(said - 1, 2000)), `line ${said - 1} at the reader`);
      // The test's own copy of what it read is not the server's memory.
      reader.messages.length = 0;
    }
    expect(webOf(t).stats.slowReaders).toBe(10);
    await twitch.say({ id: 't', name: 'Tess' }, line(said, 2000));
    await reader.waitForLine(reached(line(said, 2000)), 'the last line at the reader');
    const grown = rssMB() - before;
    const { bufferedBytes, open } = webOf(t).stats;
    console.log(
      `slow readers: ${said.toLocaleString('en')} lines of 2 kB said before all 10 were cut; ${bufferedBytes} bytes left buffered; RSS grew ${grown.toFixed(1)} MB`,
    );
    expect(open).toBe(1);
    expect(bufferedBytes).toBeLessThanOrEqual(65536);
    expect(grown).toBeLessThan(96);
    // Once cut, a slow reader that reads again finds its connection closed after what was already sent.
    for (const raw of slow) raw.drain();
    await Promise.all(slow.map((raw) => raw.closed));
    expect(reader.isOpen).toBe(true);
    await reader.close();
  });
});
