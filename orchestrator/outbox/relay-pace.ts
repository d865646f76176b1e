import type { ChannelLimits } from '../channel.js';

/**
 * The steady gap between a room's relay digests that its limits sustain while relay keeps to
 * `share` of every window. Sending relay as fast as a window allows and then waiting it out makes
 * a line typed just after the window filled wait the whole window (a Telegram group: up to a
 * minute); one digest per gap holds every line at most one gap, whatever the inflow.
 */
export function relayPaceMs(limits: ChannelLimits, share: number): number {
  let pace = 0;
  for (const w of [...limits.perRoom, ...limits.perBot]) pace = Math.max(pace, w.windowMs / Math.max(1, Math.floor(w.limit * share)));
  return Math.ceil(pace);
}
