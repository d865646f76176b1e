import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE } from '../../bots/web/web-protocol.js';
import { startTestApp, testConfig, type TestApp } from '../support/test-show.js';
import { WebChatClient } from '../support/web-chat-client.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Floods from one address through real sockets: re-sending hello, reconnecting, switching viewer
 * ids. Every limit is kept outside the socket, so none of it starts a sender afresh.
 */
describe('web chat floods from one address', () => {
  let t: TestApp;
  const reached: string[] = [];

  beforeAll(async () => {
    // Windows of a minute: everything below runs inside one, so the counts are exact.
    const limits = `{ sharedAddresses: [], perAddress: { lines: { count: 10, per: 1m }, newSessions: { count: 5, per: 1m } }, perViewer: { lines: { count: 5, per: 1m } } }`;
    t = await startTestApp(testConfig(`moderation: { enabled: false }\nchannels: { web: { limits: ${limits} } }`));
    t.app.bus.on('chat.message', ({ event }) => void reached.push(event.text));
  });
  afterAll(() => t?.app.stop());

  it('GIVEN 400 sockets that each say hello, 5 lines and hello again, half asking for new viewer ids WHEN 2,000 lines are sent THEN 10 reach the app, the per-address cap, and 5 ids are issued', async () => {
    const ROUNDS = 400;
    const ATTACKERS = 8;
    let session: string | undefined;
    let echoed = 0;
    let sent = 0;
    const closes = new Map<number, number>();
    const viewerIds = new Set<string>();
    const hello = async (i: number, known: string | undefined) => {
      const ws = await WebChatClient.connect(t.app.url);
      ws.hello(`flood${i}`, known);
      await waitFor(() => ws.welcome ?? ws.errors.length > 0, 5000, 'an answer to hello');
      return ws;
    };
    const closed = async (ws: WebChatClient) => {
      const code = await ws.closed;
      closes.set(code, (closes.get(code) ?? 0) + 1);
    };
    const round = async (i: number) => {
      // Half the rounds ask for a new viewer id; refused one, they come back with a known session.
      let ws = await hello(i, i % 2 === 0 ? session : undefined);
      if (!ws.welcome) {
        await closed(ws);
        ws = await hello(i, await waitFor(() => session, 5000, 'a session to reuse'));
      }
      session ??= ws.welcome!.session;
      viewerIds.add(ws.welcome!.userId);
      for (let n = 0; n < 5; n++) ws.say(`flood ${i}.${n}`);
      sent += 5;
      // Hello again, as the original attack did every 5 lines.
      ws.hello(`flood${i}`, session);
      await closed(ws);
      echoed += ws.lines.filter((l) => (l.text ?? '').startsWith(`flood ${i}.`)).length;
    };
    for (let i = 0; i < ROUNDS; i += ATTACKERS) await Promise.all(Array.from({ length: ATTACKERS }, (_, k) => round(i + k)));

    // Every socket was closed by the server after its frames were handled; what it admitted it echoed to its sender.
    await waitFor(() => reached.length >= echoed, 5000, 'the admitted lines handled by the app');
    expect(sent).toBe(2000);
    expect(echoed).toBe(10);
    expect(reached).toHaveLength(10);
    expect(viewerIds.size).toBe(5);
    expect(closes.get(CLOSE.secondHello)).toBe(ROUNDS);
    expect(closes.get(CLOSE.tooManySessions)).toBeGreaterThan(0);
    expect(closes.size).toBe(2);
  });

  it('GIVEN a socket WHEN it sends more frames than a person types THEN it is closed and its garbage is not answered beyond the budget', async () => {
    const ws = await WebChatClient.connect(t.app.url);
    for (let i = 0; i < 200; i++) ws.sendRaw(`{"type":"nonsense","n":${i}}`);
    expect(await ws.closed).toBe(CLOSE.policy);
    // The default budget is 20 frames in 10 s: the rest were never read.
    expect(ws.errors.length).toBe(20);
  });
});

describe('web chat floods from one viewer behind a shared address', () => {
  let t: TestApp;
  const reached: string[] = [];

  beforeAll(async () => {
    // The loopback is shared by default (a local proxy): only the per-viewer and per-socket limits hold.
    t = await startTestApp(testConfig(`moderation: { enabled: false }\nchannels: { web: { limits: { perViewer: { lines: { count: 5, per: 1m } } } } }`));
    t.app.bus.on('chat.message', ({ event }) => void reached.push(event.text));
  });
  afterAll(() => t?.app.stop());

  it('GIVEN one session WHEN it reconnects 20 times and says 5 lines each time THEN 5 lines reach the app in all', async () => {
    const first = await WebChatClient.join(t.app.url, 'Again');
    const { session, userId } = first.welcome!;
    await first.close();
    let echoed = 0;
    for (let i = 0; i < 20; i++) {
      const ws = await WebChatClient.join(t.app.url, 'Again', session);
      expect(ws.welcome!.userId).toBe(userId);
      for (let n = 0; n < 5; n++) ws.say(`again ${i}.${n}`);
      ws.hello('Again', session);
      await ws.closed;
      echoed += ws.lines.filter((l) => (l.text ?? '').startsWith(`again ${i}.`)).length;
      expect(ws.errors.filter((e) => e.startsWith('You are sending too fast'))).toHaveLength(
        5 - ws.lines.filter((l) => (l.text ?? '').startsWith(`again ${i}.`)).length,
      );
    }
    await waitFor(() => reached.length >= echoed, 5000, 'the admitted lines handled by the app');
    expect(echoed).toBe(5);
    expect(reached).toEqual(['again 0.0', 'again 0.1', 'again 0.2', 'again 0.3', 'again 0.4']);
  });
});

describe('web chat lines and moderation', () => {
  let t: TestApp;
  const viewers: WebChatClient[] = [];

  beforeAll(async () => {
    t = await startTestApp(testConfig());
  });
  afterAll(async () => {
    await Promise.all(viewers.map((v) => v.close()));
    await t?.app.stop();
  });

  it('GIVEN two viewers WHEN one posts lines moderation stops THEN the other never sees them, though they see the clean line after', async () => {
    const anna = await WebChatClient.join(t.app.url, 'Anna');
    const ben = await WebChatClient.join(t.app.url, 'Ben');
    viewers.push(anna, ben);

    anna.say('cheap candles at http://spam.example/1');
    // The first strike is a warning only: nothing deletes the line, so the adapter must not have shown it.
    await ben.waitForLine((l) => l.kind === 'bot' && (l.text ?? '').startsWith('Anna, '), 'the warning');
    anna.say('cheaper still at http://spam.example/2');
    // The second strike deletes: the sender's own copy is taken back.
    const second = await anna.waitForLine((l) => (l.text ?? '').endsWith('/2'), 'Anna’s own copy');
    await waitFor(() => anna.messages.some((m) => m.type === 'delete' && m.id === second.id), 5000, 'the delete');
    anna.say('sorry, no more links');
    const clean = await ben.waitForLine((l) => l.text === 'sorry, no more links', 'the clean line');
    expect(clean).toMatchObject({ kind: 'viewer', author: 'Anna', authorId: anna.welcome!.userId });

    // The relay keeps order, so anything Ben would have been sent came before the clean line.
    expect(ben.lines.filter((l) => (l.text ?? '').includes('spam.example'))).toEqual([]);
    // Anna saw her own line once, not a second time from the relay.
    expect(anna.lines.filter((l) => l.text === 'sorry, no more links')).toHaveLength(1);
    const late = await WebChatClient.join(t.app.url, 'Late');
    viewers.push(late);
    expect(late.welcome!.history.map((l) => l.text)).toContain('sorry, no more links');
    expect(late.welcome!.history.some((l) => (l.text ?? '').includes('spam.example'))).toBe(false);
  });

  it('GIVEN a viewer WHEN they say hello a second time on the same socket THEN the socket is closed and the history was sent once', async () => {
    const ws = await WebChatClient.join(t.app.url, 'Twice');
    ws.hello('Twice', ws.welcome!.session);
    expect(await ws.closed).toBe(CLOSE.secondHello);
    expect(ws.messages.filter((m) => m.type === 'welcome')).toHaveLength(1);
  });
});
