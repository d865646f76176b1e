import type { EventRow } from './analytics-types.js';
import { rate } from './conversions.js';

const MINUTE = 60_000;
const WINDOW_MINUTES = 10;

export interface AudienceRetention {
  source: 'audience.count';
  label: string;
  /** Viewers per show-clock minute: each platform's last count in that minute, summed. */
  perMinute: Array<{ minute: number; viewers: number }>;
  peak: { minute: number; viewers: number } | null;
  average: number;
  /** Viewers in the last counted minute as a share of the peak. */
  endOfPeak: number | null;
}

export interface ChatPresenceRetention {
  source: 'chat-presence';
  label: string;
  /** Distinct viewers who wrote in each show-clock minute. */
  perMinute: Array<{ minute: number; active: number }>;
  early: {
    firstMinutes: number;
    /** Viewers who wrote in the first `firstMinutes` minutes. */
    viewers: number;
    /** Of those, how many wrote again at any later minute. */
    stillActiveLater: number;
    share: number | null;
    byWindow: Array<{ fromMinute: number; toMinute: number; active: number; share: number | null }>;
  };
}

export type Retention = AudienceRetention | ChatPresenceRetention;

/**
 * Who stayed: from the platforms' own viewer counts (`audience.count` events) when any were
 * logged, else from chat presence, which only sees viewers who write; `source` says which.
 */
export function retention(events: readonly EventRow[], firstMinutes = 10): Retention {
  // who stayed through the broadcast: the warm-up before going live (negative showMs) is not part of it
  const onClock = events.filter((e) => e.showMs !== null && e.showMs >= 0);
  const counts = onClock.filter((e) => e.type === 'audience.count' && typeof e.data.count === 'number');
  return counts.length > 0
    ? fromAudience(counts)
    : fromChat(
        onClock.filter((e) => e.type === 'chat.message' && e.viewerId !== null),
        firstMinutes,
      );
}

function fromAudience(counts: readonly EventRow[]): AudienceRetention {
  const byMinute = new Map<number, Map<string, { at: number; count: number }>>();
  for (const e of counts) {
    const minute = Math.floor(e.showMs! / MINUTE);
    const platforms = byMinute.get(minute) ?? byMinute.set(minute, new Map()).get(minute)!;
    const key = e.platform ?? '';
    const seen = platforms.get(key);
    if (!seen || seen.at <= e.at) platforms.set(key, { at: e.at, count: e.data.count as number });
  }
  const perMinute = [...byMinute]
    .sort(([a], [b]) => a - b)
    .map(([minute, platforms]) => ({ minute, viewers: [...platforms.values()].reduce((n, p) => n + p.count, 0) }));
  const peak = perMinute.reduce<(typeof perMinute)[number] | null>((best, m) => (best === null || m.viewers > best.viewers ? m : best), null);
  const average = Math.round((perMinute.reduce((n, m) => n + m.viewers, 0) / perMinute.length) * 10) / 10;
  const last = perMinute[perMinute.length - 1];
  return {
    source: 'audience.count',
    label: 'viewer counts reported by the platforms (audience.count events)',
    perMinute,
    peak,
    average,
    endOfPeak: peak && last ? rate(last.viewers, peak.viewers) : null,
  };
}

function fromChat(lines: readonly EventRow[], firstMinutes: number): ChatPresenceRetention {
  const active = new Map<number, Set<number>>();
  for (const e of lines) {
    const minute = Math.floor(e.showMs! / MINUTE);
    (active.get(minute) ?? active.set(minute, new Set()).get(minute)!).add(e.viewerId!);
  }
  const lastMinute = Math.max(-1, ...active.keys());
  const perMinute = Array.from({ length: lastMinute + 1 }, (_, minute) => ({ minute, active: active.get(minute)?.size ?? 0 }));
  const between = (from: number, to: number) => {
    const out = new Set<number>();
    for (let m = from; m < to; m++) for (const v of active.get(m) ?? []) out.add(v);
    return out;
  };
  const cohort = between(0, firstMinutes);
  const inCohort = (s: Set<number>) => [...s].filter((v) => cohort.has(v)).length;
  const later = inCohort(between(firstMinutes, lastMinute + 1));
  const byWindow: ChatPresenceRetention['early']['byWindow'] = [];
  for (let from = firstMinutes; from <= lastMinute; from += WINDOW_MINUTES) {
    const n = inCohort(between(from, from + WINDOW_MINUTES));
    byWindow.push({ fromMinute: from, toMinute: from + WINDOW_MINUTES, active: n, share: rate(n, cohort.size) });
  }
  return {
    source: 'chat-presence',
    label: 'chat presence: only viewers who wrote are seen (no audience.count events were logged)',
    perMinute,
    early: { firstMinutes, viewers: cohort.size, stillActiveLater: later, share: rate(later, cohort.size), byWindow },
  };
}
