import type { Logger } from 'pino';
import type { Bus } from './bus.js';
import type { Channel } from './channel.js';

export const AUDIENCE_EVERY_MS = 60_000;

/**
 * While the show is live, asks every platform that reports viewer counts (Twitch) how many watch,
 * once a minute, and logs `audience.count` per platform: analytics turns these into retention.
 * A failed sample is skipped (and said once until one succeeds again); it never touches chat.
 */
export function sampleAudience(deps: { channels: () => Channel[]; bus: Bus; log: Logger; everyMs?: number }): () => void {
  const everyMs = deps.everyMs ?? AUDIENCE_EVERY_MS;
  let timer: NodeJS.Timeout | undefined;
  const failing = new Set<string>();

  const sample = async () => {
    for (const channel of deps.channels()) {
      if (!channel.audience || channel.state().state !== 'connected') continue;
      try {
        const rooms = await channel.audience();
        failing.delete(channel.platform);
        if (rooms.size === 0) continue;
        const count = [...rooms.values()].reduce((a, b) => a + b, 0);
        void deps.bus.emit('audience.count', { platform: channel.platform, count, rooms: Object.fromEntries(rooms) });
      } catch (err) {
        if (!failing.has(channel.platform)) deps.log.warn({ err, platform: channel.platform }, 'viewer count could not be read; retention skips this sample');
        failing.add(channel.platform);
      }
    }
  };
  const stop = () => {
    clearInterval(timer);
    timer = undefined;
  };
  const offs = [
    deps.bus.on('show.live', () => {
      stop();
      void sample();
      timer = setInterval(() => void sample(), everyMs);
      timer.unref();
    }),
    deps.bus.on('show.offline', stop),
  ];
  return () => {
    stop();
    for (const off of offs) off();
  };
}
