import type { FeatureContext } from '../feature.js';
import { announcement } from '../promotions/promotions-context.js';
import { shouldFire } from './should-fire.js';

/** The part of the feature context timers use, so tests hand in small fakes. */
export type TimersContext = Pick<FeatureContext, 'config' | 'bus' | 'outbox' | 'events'> & { show: Pick<FeatureContext['show'], 'state'> };

interface Running {
  linesSince: number;
  interval: NodeJS.Timeout;
}

/**
 * Repeating messages from the show file: each timer speaks every `every` while the show is live,
 * and only when at least `minLines` viewer lines came since it last spoke. The bot's own lines
 * never reach `chat.message`, so they can never keep a timer going on their own.
 */
export function timers(ctx: TimersContext): () => void {
  const configured = ctx.config.engagement.timers;
  let running: Running[] = [];
  // Our own idea of the run: the show's goLive() runs beside us on the same event.
  let onAir = false;

  const tick = (index: number) => {
    const timer = configured[index]!;
    const state = running[index]!;
    const decision = shouldFire({ live: onAir, linesSince: state.linesSince, minLines: timer.minLines });
    if (!decision.fire) {
      ctx.events.append({ type: 'timer.skipped', data: { timer: index, reason: decision.reason, lines: state.linesSince, minLines: timer.minLines } });
      return;
    }
    ctx.events.append({ type: 'timer.sent', data: { timer: index, lines: state.linesSince } });
    state.linesSince = 0;
    ctx.outbox.enqueue(announcement(timer.message));
  };

  const stopAll = () => {
    onAir = false;
    for (const r of running) clearInterval(r.interval);
    running = [];
  };

  const goLive = () => {
    if (onAir) return;
    onAir = true;
    // A floor of one second: `every: 0` in a show file must not become a busy loop.
    running = configured.map((timer, index) => ({ linesSince: 0, interval: setInterval(() => tick(index), Math.max(1000, timer.every)) }));
  };

  const offs = [
    ctx.bus.on('chat.message', () => {
      for (const r of running) r.linesSince++;
    }),
    ctx.bus.on('stream.live', goLive),
    ctx.bus.on('stream.offline', stopAll),
  ];
  // Wired while the show is already on air: start counting from now.
  if (ctx.show.state === 'live') goLive();

  return () => {
    for (const off of offs) off();
    stopAll();
  };
}
