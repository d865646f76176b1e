import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { Bus } from '../orchestrator/bus.js';
import { EventLog } from '../orchestrator/events/event-log.js';
import { openStore } from '../orchestrator/store/store.js';
import { fmt } from './measure.js';

/** Rows per second into the append-only log on a real SQLite file: batched (as the app does) and one by one. */
export async function benchEventLog(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'showcart-bench-'));
  const store = await openStore({ sqlitePath: join(dir, 'bench.sqlite') });
  const log = pino({ level: 'silent' });
  const bus = new Bus(() => undefined);
  const events = new EventLog(
    bus,
    store.models.LoggedEvent,
    () => 'bench',
    () => ({ runId: null, showMs: null }),
    log,
  );
  const n = 20_000;
  const viewer = { viewerId: 1, identityId: 1 };
  let start = performance.now();
  for (let i = 0; i < n; i++) {
    const event = {
      platform: 'twitch' as const,
      channelId: 'shop',
      messageId: `m${i}`,
      user: { id: 'u1', name: 'bench', roles: [] },
      text: `line ${i}`,
      receivedAt: Date.now(),
    };
    void bus.emit('chat.received', { event, viewer });
  }
  await events.flush();
  const batched = n / ((performance.now() - start) / 1000);

  const single = 500;
  start = performance.now();
  for (let i = 0; i < single; i++) {
    await store.models.LoggedEvent.create({
      showId: 'bench',
      runId: null,
      type: 'chat.message',
      at: Date.now(),
      showMs: null,
      platform: 'twitch',
      viewerId: null,
      data: { i },
    });
  }
  const oneByOne = single / ((performance.now() - start) / 1000);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return [
    `${fmt(batched)} events/s batched (${fmt(n)} chat lines, batches of 200)`,
    `${fmt(oneByOne)} events/s one insert per event (${single} rows), the reason for batching`,
  ];
}
