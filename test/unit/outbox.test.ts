import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import { RateLimitError } from '../../orchestrator/channel.js';
import type { Outbound, Priority } from '../../orchestrator/chat-types.js';
import { Outbox } from '../../orchestrator/outbox/outbox.js';
import { memoryLog } from '../support/quiet-log.js';

const text = (t: string, priority: Priority = 'reply', room = 'room'): Outbound => ({
  priority,
  target: { kind: 'room', platform: 'telegram', channelId: room },
  body: { kind: 'text', text: t },
});
const relayLine = (author: string, t: string): Outbound => ({
  priority: 'relay',
  target: { kind: 'broadcast', except: { platform: 'twitch', channelId: 'c' } },
  body: { kind: 'relay', lines: [{ platform: 'twitch', author, text: t, at: Date.now() }] },
});

describe('outbox', () => {
  let channel: MemoryChannel;
  let outbox: Outbox;

  beforeEach(async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    // Telegram group limits: 1 per second per chat, 20 per minute per group.
    channel = new MemoryChannel('telegram', ['room'], {
      perRoom: [
        { limit: 1, windowMs: 1000 },
        { limit: 20, windowMs: 60_000 },
      ],
      perBot: [{ limit: 30, windowMs: 1000 }],
      maxLength: 200,
    });
    await channel.start(() => Promise.resolve());
    outbox = new Outbox({ log: memoryLog().log, random: () => 0.5 });
    outbox.register(channel);
  });
  afterEach(() => vi.useRealTimers());

  it('GIVEN a room flooded with more replies than it may keep waiting WHEN they pile up THEN the oldest beyond the cap are dropped and counted, and the newest still go out', async () => {
    for (let i = 1; i <= 1002; i++) outbox.enqueue(text(`r${i}`));
    await vi.advanceTimersByTimeAsync(0);
    const stats = outbox.stats().telegram!;
    // One went out at once; of the 1,001 left waiting, one over the cap of 1,000 was dropped.
    expect(stats.dropped.overflow).toBe(1);
    expect(stats.queued).toBe(1000);
    expect(channel.texts()).toEqual(['r1']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(channel.texts()).toEqual(['r1', 'r3']);
  });

  it('GIVEN a timeout for a viewer already timed out WHEN both go through the outbox THEN the second collapses into the first', async () => {
    const timeout = (): Outbound => ({
      priority: 'moderation',
      target: { kind: 'room', platform: 'telegram', channelId: 'room' },
      body: { kind: 'moderation', action: { kind: 'timeout', channelId: 'room', userId: '7', userName: 'spammer', seconds: 600, reason: 'spam' } },
    });
    outbox.enqueue(timeout());
    outbox.enqueue(timeout());
    await vi.advanceTimersByTimeAsync(0);
    expect(channel.moderated).toHaveLength(1);
    expect(outbox.stats().telegram!.collapsed).toBe(1);
  });

  it('GIVEN five replies at once WHEN the chat allows one per second THEN they leave one second apart', async () => {
    for (let i = 1; i <= 5; i++) outbox.enqueue(text(`r${i}`));
    await vi.advanceTimersByTimeAsync(0);
    expect(channel.texts()).toEqual(['r1']);
    await vi.advanceTimersByTimeAsync(4000);
    expect(channel.texts()).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    const gaps = channel.sent.slice(1).map((m, i) => m.at - channel.sent[i]!.at);
    expect(gaps.every((g) => g >= 1000)).toBe(true);
  });

  it('GIVEN sixty replies WHEN sent THEN no 60 s window ever holds more than 20', async () => {
    for (let i = 0; i < 60; i++) outbox.enqueue(text(`r${i}`));
    await vi.advanceTimersByTimeAsync(200_000);
    expect(channel.sent).toHaveLength(60);
    const times = channel.sent.map((m) => m.at);
    for (const t of times) expect(times.filter((x) => x >= t && x < t + 60_000).length).toBeLessThanOrEqual(20);
  });

  it('GIVEN the bot token shared by two processes WHEN 60 replies go to 60 chats THEN this one keeps to half the per-bot limit, 15 a second', async () => {
    outbox.setBotShare('telegram', 0.5);
    for (let i = 0; i < 60; i++) outbox.enqueue(text(`r${i}`, 'reply', `chat${i}`));
    await vi.advanceTimersByTimeAsync(10_000);
    const times = channel.sent.map((m) => m.at);
    expect(times).toHaveLength(60);
    for (const t of times) expect(times.filter((x) => x >= t && x < t + 1000).length).toBeLessThanOrEqual(15);
    expect(times.filter((x) => x < times[0]! + 1000)).toHaveLength(15);
  });

  it('GIVEN a relay backlog WHEN a reply and a moderation notice arrive THEN they jump the queue in priority order', async () => {
    outbox.enqueue(text('first relay-ish alert', 'alert'));
    await vi.advanceTimersByTimeAsync(0);
    outbox.enqueue(relayLine('Alice', 'hi'));
    outbox.enqueue(text('your order', 'reply'));
    outbox.enqueue(text('warning', 'moderation'));
    await vi.advanceTimersByTimeAsync(3000);
    expect(channel.texts()).toEqual(['first relay-ish alert', 'warning', 'your order', '[Twitch] Alice: hi']);
  });

  it('GIVEN relay lines pile up WHEN the chat is slow THEN they go out as one digest and nothing is silently lost', async () => {
    outbox.enqueue(relayLine('Zed', 'first'));
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 12; i++) outbox.enqueue(relayLine(i % 2 ? 'Bob' : 'Alice', `m${i}`));
    // One digest per pacing gap: 60 s / (20 × 0.75) = 4 s for a Telegram group.
    await vi.advanceTimersByTimeAsync(4000);
    expect(channel.texts()).toEqual([
      '[Twitch] Zed: first',
      '[Twitch] Alice: m0 · Bob: m1 · Alice: m2 · Bob: m3 · Alice: m4 · Bob: m5 · Alice: m6 · Bob: m7 · Alice: m8 · Bob: m9 · Alice: m10 · Bob: m11',
    ]);
    expect(outbox.stats().telegram).toMatchObject({ sent: 2, coalesced: 12, queued: 0 });
  });

  it('GIVEN more relay lines than fit in one message WHEN digested THEN the rest follow in the next digest, all delivered', async () => {
    outbox.enqueue(relayLine('Zed', 'first'));
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 40; i++) outbox.enqueue(relayLine('Alice', `line number ${i}`));
    await vi.advanceTimersByTimeAsync(30_000);
    const texts = channel.texts().slice(1);
    expect(texts.length).toBeGreaterThan(1);
    expect(texts.every((t) => t.length <= 200)).toBe(true);
    const delivered = texts.flatMap((t) => t.match(/line number \d+/g) ?? []);
    expect(delivered).toEqual(Array.from({ length: 40 }, (_, i) => `line number ${i}`));
    expect(outbox.stats().telegram?.dropped).toEqual({ overflow: 0, stale: 0, failed: 0, disabled: 0, shutdown: 0 });
  });

  it('GIVEN relay lines that waited past their age WHEN finally sent THEN they are summarized as "+N more" and counted', async () => {
    channel.setState({ state: 'retrying', nextAttemptAt: Date.now() + 60_000, attempts: 1, lastError: 'down' });
    outbox.enqueue(relayLine('Old', 'one'));
    outbox.enqueue(relayLine('Old', 'two'));
    await vi.advanceTimersByTimeAsync(40_000);
    outbox.enqueue(relayLine('New', 'fresh'));
    channel.setState({ state: 'connected', since: Date.now() });
    await vi.advanceTimersByTimeAsync(1000);
    expect(channel.texts()).toEqual(['[Twitch] New: fresh · +2 more']);
    expect(outbox.stats().telegram?.dropped.stale).toBe(2);
  });

  it('GIVEN a line said a minute ago and held for review WHEN a moderator releases it THEN it is relayed, its age counting from the release', async () => {
    const said = relayLine('Kim', 'held a while');
    await vi.advanceTimersByTimeAsync(60_000);
    const body = said.body as Extract<Outbound['body'], { kind: 'relay' }>;
    outbox.enqueue({ ...said, body: { ...body, lines: body.lines.map((l) => ({ ...l, releasedAt: Date.now() })) } });
    await vi.advanceTimersByTimeAsync(1000);
    expect(channel.texts()).toEqual(['[Twitch] Kim: held a while']);
    expect(outbox.stats().telegram?.dropped.stale).toBe(0);
  });

  it('GIVEN a backlog over the cap WHEN more lines arrive THEN the oldest are dropped, counted and announced', async () => {
    const small = new Outbox({ log: memoryLog().log, maxRelayLines: 3 });
    const c = new MemoryChannel('discord', ['d']);
    await c.start(() => Promise.resolve());
    small.register(c);
    c.setState({ state: 'retrying', nextAttemptAt: 0, attempts: 1, lastError: 'x' });
    for (let i = 0; i < 5; i++) small.enqueue(relayLine('A', `m${i}`));
    c.setState({ state: 'connected', since: Date.now() });
    await vi.advanceTimersByTimeAsync(1000);
    expect(c.texts()).toEqual(['[Twitch] A: m2 · A: m3 · A: m4 · +2 more']);
    expect(small.stats().discord?.dropped.overflow).toBe(2);
  });

  it('GIVEN the platform answers 429 retry_after 7 s WHEN sending THEN the outbox waits exactly that long and loses nothing', async () => {
    channel.failWith.push(new RateLimitError(7000));
    outbox.enqueue(text('hello'));
    await vi.advanceTimersByTimeAsync(6900);
    expect(channel.texts()).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(channel.texts()).toEqual(['hello']);
    expect(outbox.stats().telegram).toMatchObject({ rateLimited: 1, sent: 1 });
  });

  it('GIVEN sends fail twice WHEN retried THEN backoff grows and the message still arrives', async () => {
    channel.failWith.push(new Error('502 bad gateway'), new Error('502 bad gateway'));
    outbox.enqueue(text('order link'));
    await vi.advanceTimersByTimeAsync(999);
    expect(channel.texts()).toEqual([]);
    await vi.advanceTimersByTimeAsync(2100);
    expect(channel.texts()).toEqual(['order link']);
    expect(outbox.stats().telegram?.retries).toBe(2);
  });

  it('GIVEN a relay line that keeps failing WHEN it runs out of attempts THEN it is dropped and counted', async () => {
    channel.failWith.push(new Error('x'), new Error('x'), new Error('x'));
    outbox.enqueue(relayLine('Alice', 'hi'));
    await vi.advanceTimersByTimeAsync(20_000);
    expect(channel.texts()).toEqual([]);
    expect(outbox.stats().telegram?.dropped.failed).toBe(1);
  });

  it('GIVEN the channel is reconnecting WHEN messages are queued THEN they wait and go out once it is back', async () => {
    channel.setState({ state: 'retrying', nextAttemptAt: Date.now() + 5000, attempts: 1, lastError: 'down' });
    outbox.enqueue(text('kept'));
    await vi.advanceTimersByTimeAsync(5000);
    expect(channel.texts()).toEqual([]);
    expect(outbox.stats().telegram?.queued).toBe(1);
    channel.setState({ state: 'connected', since: Date.now() });
    await vi.advanceTimersByTimeAsync(600);
    expect(channel.texts()).toEqual(['kept']);
  });

  it('GIVEN the channel is disabled for good WHEN messages wait for it THEN they are dropped and counted, not kept forever', async () => {
    channel.setState({ state: 'disabled', reason: 'token rejected' });
    outbox.enqueue(text('never'));
    outbox.enqueue(relayLine('A', 'x'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(outbox.stats().telegram).toMatchObject({ queued: 0, dropped: { disabled: 2 } });
    expect(await outbox.flush(10)).toBe(0);
  });

  it('GIVEN a long text WHEN it exceeds the platform length THEN it is split at word boundaries', async () => {
    const long = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    outbox.enqueue(text(long));
    await vi.advanceTimersByTimeAsync(5000);
    const parts = channel.texts();
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.length <= 200)).toBe(true);
    expect(parts.join(' ')).toBe(long);
  });

  it('GIVEN queued messages at shutdown WHEN flush times out THEN what is left is counted as dropped', async () => {
    for (let i = 0; i < 5; i++) outbox.enqueue(text(`r${i}`));
    const flushed = outbox.flush(2500);
    await vi.advanceTimersByTimeAsync(2500);
    expect(await flushed).toBe(2);
    expect(channel.texts()).toEqual(['r0', 'r1', 'r2']);
    expect(outbox.stats().telegram?.dropped.shutdown).toBe(2);
  });
});

describe('outbox: private messages and whom they are for', () => {
  it('GIVEN a private message to a buyer stored with their name WHEN it is sent THEN the request names them, so a room fallback can too after a restart', async () => {
    const channel = new MemoryChannel('telegram', ['room'], undefined, { canDirectMessage: true });
    await channel.start(() => Promise.resolve());
    const outbox = new Outbox({ log: memoryLog().log, random: () => 0.5 });
    outbox.register(channel);
    outbox.enqueue({
      priority: 'reply',
      target: { kind: 'direct', platform: 'telegram', userId: '42', channelId: 'room' },
      body: { kind: 'text', text: 'Good news: Mug freed up and 1 is now yours.' },
      replyTo: { userName: 'Tanya' },
    });
    await outbox.drained();
    expect(channel.sent).toEqual([expect.objectContaining({ userId: '42', userName: 'Tanya', text: 'Good news: Mug freed up and 1 is now yours.' })]);
  });
});
