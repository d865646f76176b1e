import pino from 'pino';
import { MemoryChannel } from '../bots/memory/memory-channel.js';
import { Outbox } from '../orchestrator/outbox/outbox.js';
import { fmt } from './measure.js';

/** Raw cost of the outbox with no platform limit, and how a Telegram-limited burst is digested. */
export async function benchOutbox(): Promise<string[]> {
  const log = pino({ level: 'silent' });
  const free = new MemoryChannel('web', ['room']);
  await free.start(() => Promise.resolve());
  const outbox = new Outbox({ log, maxRelayLines: 1_000_000 });
  outbox.register(free);
  const n = 50_000;
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    outbox.enqueue({ priority: 'reply', target: { kind: 'room', platform: 'web', channelId: 'room' }, body: { kind: 'text', text: `m${i}` } });
  }
  await outbox.flush(60_000);
  const seconds = (performance.now() - start) / 1000;

  const telegram = new MemoryChannel('telegram', ['group'], {
    perRoom: [
      { limit: 1, windowMs: 1000 },
      { limit: 20, windowMs: 60_000 },
    ],
    perBot: [{ limit: 30, windowMs: 1000 }],
    maxLength: 4096,
  });
  await telegram.start(() => Promise.resolve());
  const limited = new Outbox({ log });
  limited.register(telegram);
  for (let i = 0; i < 200; i++) {
    limited.enqueue({
      priority: 'relay',
      target: { kind: 'broadcast' },
      body: { kind: 'relay', lines: [{ platform: 'twitch', author: `viewer${i % 17}`, text: `line ${i} of the burst`, at: Date.now() }] },
    });
  }
  const burstStart = Date.now();
  await limited.flush(10_000);
  const burstMs = Date.now() - burstStart;
  const stats = limited.stats().telegram!;
  const delivered = telegram.sent.reduce((n, m) => n + (m.text.match(/line \d+ of the burst/g) ?? []).length, 0);
  return [
    `${fmt(n / seconds)} messages/s through enqueue → send (no platform limit, ${fmt(n)} messages)`,
    `200-line Twitch burst to one Telegram group (1/s, 20/min): ${delivered}/200 lines delivered in ${telegram.sent.length} messages ` +
      `over ${fmt(burstMs / 1000, 1)} s, ${stats.coalesced} of them in digests, ${stats.dropped.stale + stats.dropped.overflow} dropped (counted)`,
  ];
}
