import type { Feature } from '../../feature.js';
import { announcement } from '../promotions/promotions-context.js';
import { shouldFire } from './should-fire.js';

/** Viewer lines heard since each timer last spoke, by the timer's place in the show file. */
class LinesSince {
  private readonly counts: number[] = [];

  heard(timers: number): void {
    for (let i = 0; i < timers; i++) this.counts[i] = (this.counts[i] ?? 0) + 1;
  }

  of(index: number): number {
    return this.counts[index] ?? 0;
  }

  reset(index?: number): void {
    if (index === undefined) this.counts.length = 0;
    else this.counts[index] = 0;
  }
}

/**
 * Repeating messages from the show file: each timer speaks every `every` of show time while the
 * show is live, and only when at least `minLines` viewer lines came since it last spoke. The bot's
 * own lines never reach `chat.message`, so they can never keep a timer going on their own. The
 * counts live as long as the process: a reload keeps each timer's phase (the show clock) and count.
 */
export const timers: Feature<LinesSince> = {
  name: 'timers',
  start: ({ bus }) => {
    const lines = new LinesSince();
    bus.on('show.live', () => lines.reset());
    return lines;
  },
  wire: ({ config, bus, outbox, timetable, show }, lines) => {
    const configured = config.engagement.timers;
    if (configured.length === 0) return;
    bus.on('chat.message', () => lines.heard(configured.length));
    configured.forEach((timer, index) => {
      // A floor of one second: `every: 0` in a show file must not become a busy loop.
      timetable.every(`timer:${index}`, Math.max(1000, timer.every), () => {
        const decision = shouldFire({ live: show.state === 'live', linesSince: lines.of(index), minLines: timer.minLines });
        if (!decision.fire) {
          void bus.emit('timer.skipped', { timer: index, reason: decision.reason, lines: lines.of(index), minLines: timer.minLines });
          return;
        }
        void bus.emit('timer.sent', { timer: index, lines: lines.of(index) });
        lines.reset(index);
        outbox.enqueue(announcement(timer.message));
      });
    });
  },
};
