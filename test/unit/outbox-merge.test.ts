import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import { DirectRefused } from '../../orchestrator/channel.js';
import type { Outbound } from '../../orchestrator/chat-types.js';
import { Outbox } from '../../orchestrator/outbox/outbox.js';
import { memoryLog } from '../support/quiet-log.js';

/** A buyer's answer as the orders feature gives it: in full, with its short form for a burst. */
const answer = (n: number, key = 'in:Candle', target: Outbound['target'] = { kind: 'room', platform: 'telegram', channelId: 'room' }): Outbound => ({
  priority: 'reply',
  target,
  body: { kind: 'text', text: `Reserved for you (cart C${n}): 1× Candle, €12.00. Pay within 15 min.` },
  replyTo: { messageId: `m${n}`, userName: `buyer${n}`, userId: String(100 + n) },
  merge: { key, text: "you're in — Candle is held for you" },
});
const relayLine = (n: number): Outbound => ({
  priority: 'relay',
  target: { kind: 'broadcast', except: { platform: 'twitch', channelId: 'c' } },
  body: { kind: 'relay', lines: [{ platform: 'twitch', author: 'Ann', text: `m${n}`, at: Date.now() }] },
});

describe('outbox: answers to a burst merged, relay paced', () => {
  let channel: MemoryChannel;
  let outbox: Outbox;

  beforeEach(async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    // Telegram group limits: 1 per second per chat, 20 per minute per group.
    channel = new MemoryChannel(
      'telegram',
      ['room'],
      {
        perRoom: [
          { limit: 1, windowMs: 1000 },
          { limit: 20, windowMs: 60_000 },
        ],
        perBot: [{ limit: 30, windowMs: 1000 }],
        maxLength: 400,
      },
      { canDirectMessage: true },
    );
    await channel.start(() => Promise.resolve());
    outbox = new Outbox({ log: memoryLog().log, random: () => 0.5 });
    outbox.register(channel);
  });
  afterEach(() => vi.useRealTimers());

  it('GIVEN one buyer WHEN answered THEN the answer goes in full, as before', async () => {
    outbox.enqueue(answer(1));
    await vi.advanceTimersByTimeAsync(0);
    expect(channel.texts()).toEqual(['Reserved for you (cart C1): 1× Candle, €12.00. Pay within 15 min.']);
    expect(outbox.stats().telegram!.mergedAnswers).toBe(0);
  });

  it('GIVEN 40 buyers answered at once WHEN the room allows one line a second THEN the waiting answers go as notices naming every buyer once, within seconds', async () => {
    for (let n = 1; n <= 40; n++) outbox.enqueue(answer(n));
    await vi.advanceTimersByTimeAsync(5000);
    const [first, ...notices] = channel.texts();
    expect(first).toContain('cart C1');
    expect(notices.length).toBeGreaterThan(0);
    expect(notices.length).toBeLessThanOrEqual(3);
    for (const notice of notices) expect(notice).toMatch(/^buyer\d+(, buyer\d+)*: you're in — Candle is held for you$/);
    const named = notices.flatMap((t) => t.split(':')[0]!.split(', '));
    expect(named).toEqual(Array.from({ length: 39 }, (_, i) => `buyer${i + 2}`));
    expect(outbox.stats().telegram).toMatchObject({ mergedAnswers: 39, queued: 0 });
    expect(notices.every((t) => t.length <= 400)).toBe(true);
  });

  it('GIVEN answers of two kinds waiting WHEN merged THEN each kind is its own notice, and an answer without a short form goes alone', async () => {
    outbox.enqueue(answer(1));
    outbox.enqueue(answer(2));
    outbox.enqueue(answer(3, 'waitlist:Candle'));
    outbox.enqueue({ priority: 'reply', target: { kind: 'room', platform: 'telegram', channelId: 'room' }, body: { kind: 'text', text: 'Unknown product.' } });
    outbox.enqueue(answer(4));
    outbox.enqueue(answer(5, 'waitlist:Candle'));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(channel.texts().slice(1)).toEqual([
      "buyer2, buyer4: you're in — Candle is held for you",
      "buyer3, buyer5: you're in — Candle is held for you",
      'Unknown product.',
    ]);
  });

  it('GIVEN private answers the platform refuses WHEN many wait for the room THEN their stand-ins are merged into one notice', async () => {
    const refuse = (n: number) =>
      new DirectRefused([{ channelId: 'room', text: `buyer${n}, Reserved for you… press Start`, priority: 'reply', replyToMessageId: `m${n}` }]);
    for (let n = 1; n <= 6; n++) channel.failWith.push(refuse(n));
    for (let n = 1; n <= 6; n++) outbox.enqueue(answer(n, 'in:Candle', { kind: 'direct', platform: 'telegram', userId: String(100 + n), channelId: 'room' }));
    await vi.advanceTimersByTimeAsync(10_000);
    const room = channel.sent.filter((m) => m.userId === undefined).map((m) => m.text);
    expect(room[0]).toBe('buyer1, Reserved for you… press Start');
    expect(room.slice(1)).toEqual(["buyer2, buyer3, buyer4, buyer5, buyer6: you're in — Candle is held for you"]);
  });

  it('GIVEN a relay line every second for two minutes WHEN the group allows 20 a minute THEN every line is sent within one pacing gap (4 s), none dropped', async () => {
    const saidAt = new Map<string, number>();
    for (let n = 0; n < 120; n++) {
      saidAt.set(`m${n}`, Date.now());
      outbox.enqueue(relayLine(n));
      await vi.advanceTimersByTimeAsync(1000);
    }
    await vi.advanceTimersByTimeAsync(5000);
    const waits = channel.sent.flatMap((m) => [...m.text.matchAll(/m\d+/g)].map((x) => m.at - saidAt.get(x[0])!));
    expect(waits).toHaveLength(120);
    expect(Math.max(...waits)).toBeLessThanOrEqual(4000);
    const times = channel.sent.map((m) => m.at);
    for (const t of times) expect(times.filter((x) => x >= t && x < t + 60_000).length).toBeLessThanOrEqual(20);
  });
});
