import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThreePlatforms } from '../support/three-platforms.js';
import { GROUP, startThreePlatforms } from '../support/three-platforms.js';
import { afterLines } from '../support/wait-for.js';

const SHOW = `products:
  - { sku: CANDLE, title: Candle, price: 10, stock: 50 }
checkout: { linkTemplate: "https://pay.example/{order}" }
relay: { enabled: false }`;

/**
 * Nothing one message can do holds up the others: a refused private message goes to the room
 * within the room's own limits, and a failing moderation call never silences a room.
 */
describe('the outbox keeps every room moving', () => {
  let p: ThreePlatforms;
  beforeAll(async () => {
    p = await startThreePlatforms(SHOW, {}, { enforceTelegramLimits: true });
  });
  afterAll(() => p?.stop());

  it('GIVEN five group members who never pressed Start WHEN each buys THEN each confirmation goes to the group as a mention (those waiting for the group merged into one), paced by the group limits: Telegram never answers 429', async () => {
    const buyers = [501, 502, 503, 504, 505].map((id) => ({ id, first_name: `Buyer${id}`, username: `buyer${id}` }));
    for (const b of buyers) p.telegram.neverStarted(b.id);
    const from = p.telegram.calls.length;
    await afterLines(p.app, buyers.length, () => buyers.forEach((from) => p.telegram.injectText({ chatId: GROUP, from, text: '/buy CANDLE' })));
    const calls = p.telegram.calls.slice(from).filter((c) => c.method === 'sendMessage');
    const inGroup = calls.filter((c) => Number(c.params.chat_id) === GROUP && c.status === 200);
    // Each buyer: one refused private message, then a group message naming them: the first in
    // full, the others (waiting for the group's 1-per-second window) merged into a notice.
    expect(calls.filter((c) => c.status === 403)).toHaveLength(buyers.length);
    const confirming = inGroup.filter((c) => /Reserved for you \(cart |you're in/.test(String(c.params.text)));
    for (const b of buyers) expect(confirming.filter((c) => String(c.params.text).includes(`tg://user?id=${b.id}`))).toHaveLength(1);
    expect(confirming.length).toBeLessThan(buyers.length);
    expect(calls.filter((c) => c.status === 429)).toEqual([]);
    // After one refusal, the next private answer to the same person goes straight to the group.
    const before = p.telegram.calls.length;
    await afterLines(p.app, 1, () => p.telegram.injectText({ chatId: GROUP, from: buyers[0]!, text: '/buy CANDLE' }));
    expect(p.telegram.calls.slice(before).filter((c) => c.method === 'sendMessage' && c.status === 403)).toEqual([]);
  });

  it('GIVEN Twitch moderation answering 503 WHEN a viewer is timed out and another buys THEN the buyer is answered at once while the timeout retries in its own lane', async () => {
    for (let i = 0; i < 10; i++) p.twitch.failNextHelix(503);
    p.app.outbox.enqueue({
      priority: 'moderation',
      target: { kind: 'room', platform: 'twitch', channelId: 'candleshop' },
      body: { kind: 'moderation', action: { kind: 'timeout', channelId: 'candleshop', userId: '777', userName: 'spammer', seconds: 60, reason: 'spam' } },
    });
    const from = p.twitch.events.length;
    await afterLines(p.app, 1, () => p.twitch.say({ channel: 'candleshop', user: { id: '778', login: 'honest', displayName: 'Honest' }, text: '!buy CANDLE' }));
    await p.twitch.waitFor((e) => e.kind === 'message' && /\bcart [A-Z0-9]{8}\b/.test(e.text), 3000);
    expect(p.twitch.events.slice(from).some((e) => e.kind === 'message' && e.text.includes('Reserved for you (cart '))).toBe(true);
    const stats = p.app.outbox.stats().twitch!;
    expect(stats.dropped.failed + stats.retries).toBeGreaterThan(0);
  });
});
