import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatEvent } from '../../orchestrator/chat-types.js';
import { shouldFire } from '../../orchestrator/features/timers/should-fire.js';
import { timers } from '../../orchestrator/features/timers/timers.js';
import { featureHarness } from '../support/feature-harness.js';

const MIN = 60_000;

const showFile = (timersYaml: string) => `show: { id: t, name: T }\nengagement:\n  timers:\n${timersYaml}`;

function setup(timersYaml: string) {
  const h = featureHarness(showFile(timersYaml), [timers]);
  const timerRows = () => h.logged.filter((r) => r.type.startsWith('timer.'));
  let n = 0;
  const viewerLines = async (count: number, room = 'shop') => {
    for (let i = 0; i < count; i++) {
      const event: ChatEvent = {
        platform: 'twitch',
        channelId: room,
        messageId: `m${++n}`,
        user: { id: 'u', name: 'U', roles: [] },
        text: 'hi',
        receivedAt: Date.now(),
      };
      await h.bus.emit('chat.message', { event, viewer: { viewerId: 1, identityId: 1 } });
    }
  };
  return { h, timerRows, viewerLines };
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
    const { h, timerRows, viewerLines } = setup(`    - { message: Follow us for the next show!, every: 10m, minLines: 3 }\n`);
    await h.live();
    await viewerLines(3);
    await vi.advanceTimersByTimeAsync(10 * MIN - 1);
    expect(h.texts()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.sent).toEqual([{ priority: 'alert', target: { kind: 'broadcast' }, body: { kind: 'text', text: 'Follow us for the next show!' } }]);

    await viewerLines(2, 'other-room');
    await viewerLines(1);
    await vi.advanceTimersByTimeAsync(10 * MIN);
    expect(h.texts()).toHaveLength(2);
    expect(timerRows().map((e) => e.type)).toEqual(['timer.sent', 'timer.sent']);
    await h.stop();
  });

  it('GIVEN a timer WHEN chat is too quiet since it last fired THEN it skips and logs why, and fires once enough lines came', async () => {
    const { h, timerRows, viewerLines } = setup(`    - { message: Say hi!, every: 5m, minLines: 2 }\n`);
    await h.live();
    await viewerLines(1);
    await vi.advanceTimersByTimeAsync(5 * MIN);
    expect(h.texts()).toEqual([]);
    expect(timerRows()).toEqual([{ type: 'timer.skipped', data: { timer: 0, reason: 'quiet-chat', lines: 1, minLines: 2 } }]);

    await viewerLines(1); // lines keep counting across a skip
    await vi.advanceTimersByTimeAsync(5 * MIN);
    expect(h.texts()).toEqual(['Say hi!']);

    // Only the bot spoke since (its own lines never reach chat.message): nothing more.
    await vi.advanceTimersByTimeAsync(15 * MIN);
    expect(h.texts()).toEqual(['Say hi!']);
    await h.stop();
  });

  it('GIVEN a busy chat WHEN the show is off air, before and after a run THEN the timer stays silent', async () => {
    const { h, viewerLines } = setup(`    - { message: Shop now, every: 1m, minLines: 0 }\n`);
    await vi.advanceTimersByTimeAsync(30 * MIN);
    expect(h.texts()).toEqual([]);

    await h.live();
    await vi.advanceTimersByTimeAsync(2 * MIN);
    expect(h.texts()).toEqual(['Shop now', 'Shop now']);

    await h.offline();
    await viewerLines(10);
    await vi.advanceTimersByTimeAsync(30 * MIN);
    expect(h.texts()).toHaveLength(2);
    await h.stop();
  });

  it('GIVEN lines said before the show WHEN it goes live THEN they do not count toward the first time', async () => {
    const { h, viewerLines } = setup(`    - { message: Hello, every: 1m, minLines: 2 }\n`);
    await viewerLines(5);
    await h.live();
    await vi.advanceTimersByTimeAsync(MIN);
    expect(h.texts()).toEqual([]);
    await h.stop();
  });

  it('GIVEN a 10-minute timer with its lines said WHEN the show file is reloaded 7 minutes in THEN it keeps its phase and count, speaking once at 10 minutes and once per period after', async () => {
    const yaml = `    - { message: Follow us!, every: 10m, minLines: 2 }\n`;
    const { h, timerRows, viewerLines } = setup(yaml);
    await h.live();
    await viewerLines(2);
    await vi.advanceTimersByTimeAsync(7 * MIN);
    await h.reload(showFile(yaml));
    await vi.advanceTimersByTimeAsync(3 * MIN - 1);
    expect(h.texts()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.texts()).toEqual(['Follow us!']);

    await viewerLines(2);
    await vi.advanceTimersByTimeAsync(10 * MIN);
    expect(h.texts()).toEqual(['Follow us!', 'Follow us!']);
    expect(timerRows().map((r) => r.type)).toEqual(['timer.sent', 'timer.sent']);
    await h.stop();
  });

  it('GIVEN a 10-minute timer due but not yet run WHEN the show file is reloaded in that instant THEN the 10-minute message is still said, once', async () => {
    const yaml = `    - { message: Follow us!, every: 10m, minLines: 0 }\n`;
    const { h } = setup(yaml);
    await h.live();
    await vi.advanceTimersByTimeAsync(10 * MIN - 1);
    vi.setSystemTime(Date.now() + 5); // the event loop is late: 10:00 has passed, its timer has not run
    await h.reload(showFile(yaml));
    await vi.advanceTimersByTimeAsync(10 * MIN);
    expect(h.texts()).toEqual(['Follow us!', 'Follow us!']);
    await h.stop();
  });
});
