import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseShow } from '../../config/loader.js';
import { Bus } from '../../orchestrator/bus.js';
import type { ChatEvent, Outbound } from '../../orchestrator/chat-types.js';
import { shouldFire } from '../../orchestrator/features/timers/should-fire.js';
import { timers, type TimersContext } from '../../orchestrator/features/timers/timers.js';

const MIN = 60_000;

function setup(timersYaml: string) {
  const config = parseShow(`show: { id: t, name: T }\nengagement:\n  timers:\n${timersYaml}`, 't.yaml', {}).config;
  const bus = new Bus((_event, err) => {
    throw err;
  });
  const sent: Outbound[] = [];
  const logged: Array<{ type: string; data: Record<string, unknown> }> = [];
  const ctx: TimersContext = {
    config,
    bus,
    outbox: { enqueue: (out: Outbound) => void sent.push(out) } as TimersContext['outbox'],
    events: { append: (e: { type: string; data: Record<string, unknown> }) => void logged.push(e) } as TimersContext['events'],
    show: { state: 'off-air' },
  };
  const stop = timers(ctx);
  const texts = () => sent.map((o) => (o.body.kind === 'text' ? o.body.text : ''));
  let n = 0;
  const viewerLines = async (count: number, room = 'shop') => {
    for (let i = 0; i < count; i++) {
      const event = { platform: 'twitch', channelId: room, messageId: `m${++n}`, user: { id: 'u', name: 'U', roles: [] }, text: 'hi', receivedAt: Date.now() } as ChatEvent;
      await bus.emit('chat.message', { event, viewer: { viewerId: 1 } as never });
    }
  };
  return { bus, sent, texts, logged, stop, viewerLines };
}

describe('shouldFire', () => {
  it('GIVEN a timer WHEN off air, quiet or busy THEN it fires only on air with enough lines', () => {
    expect(shouldFire({ live: false, linesSince: 99, minLines: 5 })).toEqual({ fire: false, reason: 'off-air' });
    expect(shouldFire({ live: true, linesSince: 4, minLines: 5 })).toEqual({ fire: false, reason: 'quiet-chat' });
    expect(shouldFire({ live: true, linesSince: 5, minLines: 5 })).toEqual({ fire: true });
    expect(shouldFire({ live: true, linesSince: 0, minLines: 0 })).toEqual({ fire: true });
  });
});

describe('chat timers', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2026-12-05T18:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  it('GIVEN a 10-minute timer needing 3 lines WHEN the show is live with a busy chat THEN it repeats every 10 minutes, as an alert to every room', async () => {
    const s = setup(`    - { message: Follow us for the next show!, every: 10m, minLines: 3 }\n`);
    await s.bus.emit('stream.live', { at: Date.now() });
    await s.viewerLines(3);
    await vi.advanceTimersByTimeAsync(10 * MIN - 1);
    expect(s.texts()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(s.sent).toEqual([{ priority: 'alert', target: { kind: 'broadcast' }, body: { kind: 'text', text: 'Follow us for the next show!' } }]);

    await s.viewerLines(2, 'other-room');
    await s.viewerLines(1);
    await vi.advanceTimersByTimeAsync(10 * MIN);
    expect(s.texts()).toHaveLength(2);
    expect(s.logged.map((e) => e.type)).toEqual(['timer.sent', 'timer.sent']);
    s.stop();
  });

  it('GIVEN a timer WHEN chat is too quiet since it last fired THEN it skips and logs why, and fires once enough lines came', async () => {
    const s = setup(`    - { message: Say hi!, every: 5m, minLines: 2 }\n`);
    await s.bus.emit('stream.live', { at: Date.now() });
    await s.viewerLines(1);
    await vi.advanceTimersByTimeAsync(5 * MIN);
    expect(s.texts()).toEqual([]);
    expect(s.logged).toEqual([{ type: 'timer.skipped', data: { timer: 0, reason: 'quiet-chat', lines: 1, minLines: 2 } }]);

    await s.viewerLines(1); // lines keep counting across a skip
    await vi.advanceTimersByTimeAsync(5 * MIN);
    expect(s.texts()).toEqual(['Say hi!']);

    // Only the bot spoke since (its own lines never reach chat.message): nothing more.
    await vi.advanceTimersByTimeAsync(15 * MIN);
    expect(s.texts()).toEqual(['Say hi!']);
    s.stop();
  });

  it('GIVEN a busy chat WHEN the show is off air, before and after a run THEN the timer stays silent', async () => {
    const s = setup(`    - { message: Shop now, every: 1m, minLines: 0 }\n`);
    await vi.advanceTimersByTimeAsync(30 * MIN);
    expect(s.texts()).toEqual([]);

    await s.bus.emit('stream.live', { at: Date.now() });
    await vi.advanceTimersByTimeAsync(2 * MIN);
    expect(s.texts()).toEqual(['Shop now', 'Shop now']);

    await s.bus.emit('stream.offline', { at: Date.now() });
    await s.viewerLines(10);
    await vi.advanceTimersByTimeAsync(30 * MIN);
    expect(s.texts()).toHaveLength(2);
    s.stop();
  });

  it('GIVEN lines said before the show WHEN it goes live THEN they do not count toward the first time', async () => {
    const s = setup(`    - { message: Hello, every: 1m, minLines: 2 }\n`);
    await s.viewerLines(5);
    await s.bus.emit('stream.live', { at: Date.now() });
    await vi.advanceTimersByTimeAsync(MIN);
    expect(s.texts()).toEqual([]);
    s.stop();
  });
});
