import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import { startTestApp, testConfig, type TestApp } from '../support/test-show.js';
import { afterLines, waitFor } from '../support/wait-for.js';
import { WebChatClient } from '../support/web-chat-client.js';

describe('built-in web chat, end to end over HTTP and WebSocket', () => {
  const dir = mkdtempSync(join(tmpdir(), 'showcart-e2e-'));
  const twitch = new MemoryChannel('twitch', ['candleshop']);
  let t: TestApp;
  let anna: WebChatClient;
  let ben: WebChatClient;

  beforeAll(async () => {
    t = await startTestApp(testConfig(), [twitch], { sqlitePath: join(dir, 'showcart.sqlite') });
    anna = await WebChatClient.join(t.app.url, 'Anna');
    ben = await WebChatClient.join(t.app.url, 'Ben');
  });
  afterAll(async () => {
    await Promise.all([anna?.close(), ben?.close()]);
    await t?.app.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('GIVEN the server WHEN a browser asks for / THEN it gets the chat page and the health API reports the web channel', async () => {
    const page = await fetch(`${t.app.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script src="/chat/chat.js"');
    const health = (await (await fetch(`${t.app.url}/api/health`)).json()) as { channels: Array<{ platform: string; status: { state: string } }> };
    expect(health.channels.find((c) => c.platform === 'web')?.status.state).toBe('connected');
  });

  it('GIVEN two viewers WHEN one writes THEN the other sees the line with its author', async () => {
    await afterLines(t.app, 1, () => anna.say('hello Ben'));
    // Sent to Ben's socket: what is left is his tab reading it.
    const line = await ben.waitForLine((l) => l.text === 'hello Ben', 'Anna’s line at Ben');
    expect(line).toMatchObject({ kind: 'viewer', author: 'Anna', authorId: anna.welcome!.userId });
  });

  it('GIVEN a web line WHEN relayed THEN Twitch gets it tagged [Web]', async () => {
    // The line was handled, its relay sent, in the test above.
    expect(twitch.texts()).toContain('[Web] Anna: hello Ben');
  });

  it('GIVEN a Twitch line WHEN relayed THEN both web viewers see it with its origin', async () => {
    await twitch.say({ id: 't1', name: 'Tess' }, 'greetings from twitch');
    await t.app.idle();
    for (const viewer of [anna, ben]) {
      const line = await viewer.waitForLine((l) => l.kind === 'relay');
      expect(line.lines).toEqual([{ platform: 'twitch', author: 'Tess', text: 'greetings from twitch' }]);
    }
  });

  it('GIVEN a viewer types !help WHEN answered THEN the reply names them and lists commands', async () => {
    await afterLines(t.app, 1, () => anna.say('!help'));
    const reply = await anna.waitForLine((l) => l.kind === 'bot' && (l.text ?? '').startsWith('Commands:'), 'help reply');
    expect(reply.replyTo).toBe('Anna');
    expect(reply.text).toContain('!help <command> explains one');
    expect(twitch.texts().some((x) => x.includes('!help'))).toBe(false);
  });

  it('GIVEN a mistyped command WHEN sent THEN a short helpful reply suggests the right one', async () => {
    await afterLines(t.app, 1, () => ben.say('!hepl'));
    const reply = await ben.waitForLine((l) => l.kind === 'bot' && (l.text ?? '').startsWith('Unknown'), 'suggestion');
    expect(reply.text).toBe('Unknown command !hepl. Did you mean !help? Type !help for the list.');
  });

  it('GIVEN a bot message with a link WHEN sent to the page THEN every socket gets a bot line carrying the link, and a private one only its viewer', async () => {
    const pay = { label: 'Pay now', url: 'https://shop.example/c/AbCd1234' };
    t.app.outbox.enqueue({
      priority: 'alert',
      target: { kind: 'room', platform: 'web', channelId: 'page' },
      body: { kind: 'text', text: 'Carts are open.' },
      link: pay,
    });
    t.app.outbox.enqueue({
      priority: 'reply',
      target: { kind: 'direct', platform: 'web', userId: anna.welcome!.userId, channelId: 'page' },
      body: { kind: 'text', text: 'Your cart is ready.' },
      link: { label: 'Pay', url: 'https://shop.example/c/Anna' },
    });
    await t.app.idle();
    for (const viewer of [anna, ben]) {
      const line = await viewer.waitForLine((l) => l.text === 'Carts are open.', 'the link line');
      expect(line).toMatchObject({ kind: 'bot', text: 'Carts are open.', link: pay });
    }
    const mine = await anna.waitForLine((l) => l.text === 'Your cart is ready.', 'the private link line');
    expect(mine).toMatchObject({ kind: 'bot', private: true, link: { label: 'Pay', url: 'https://shop.example/c/Anna' } });
    expect(ben.lines.some((l) => l.link?.url === 'https://shop.example/c/Anna')).toBe(false);
  });

  it('GIVEN a line longer than allowed WHEN sent THEN it is refused with the limit, and nobody sees it', async () => {
    anna.say('x'.repeat(501));
    // Refused by the web channel itself, before it is a line of the app: only the answer to Anna's tab tells it was read.
    await waitFor(() => anna.errors.includes('That is too long: 500 characters at most.'), 1000, 'the refusal at Anna');
    expect(ben.lines.some((l) => l.text?.startsWith('xxx'))).toBe(false);
  });

  it('GIVEN a returning viewer with their session WHEN they reconnect THEN they keep their id and see the history', async () => {
    const again = await WebChatClient.join(t.app.url, 'Anna', anna.welcome!.session);
    expect(again.welcome!.userId).toBe(anna.welcome!.userId);
    expect(again.welcome!.history.some((l) => l.text === 'hello Ben')).toBe(true);
    await again.close();
  });

  it('GIVEN a forged session WHEN presented THEN the viewer gets a new id instead of someone else’s', async () => {
    const forged = `${ben.welcome!.userId}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;
    const mallory = await WebChatClient.join(t.app.url, 'Mallory', forged);
    expect(mallory.welcome!.userId).not.toBe(ben.welcome!.userId);
    await mallory.close();
  });
});
