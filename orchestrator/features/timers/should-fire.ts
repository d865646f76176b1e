/** What a timer knows when its interval comes round. */
export interface TimerState {
  live: boolean;
  /** Viewer lines (every room) since this timer last fired, or since the show went live. */
  linesSince: number;
  minLines: number;
}

export type TimerDecision = { fire: true } | { fire: false; reason: 'off-air' | 'quiet-chat' };

/** Fire only on air, and only when chat said enough since last time, so a quiet room is not spammed. */
export function shouldFire(state: TimerState): TimerDecision {
  if (!state.live) return { fire: false, reason: 'off-air' };
  if (state.linesSince < state.minLines) return { fire: false, reason: 'quiet-chat' };
  return { fire: true };
}
