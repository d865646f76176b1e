import type { Platform } from '../../chat-types.js';
import type { PollView } from '../../events/poll-types.js';

export type CastResult = { kind: 'counted' } | { kind: 'changed'; from: number } | { kind: 'same' };

interface Ballot {
  option: number;
  platform: Platform;
}

/**
 * The live count of one poll: one ballot per viewer (a viewer is already one person across linked
 * platform identities), a new choice replaces the old one, a retraction removes it.
 */
export class PollTally {
  private readonly ballots = new Map<number, Ballot>();

  constructor(readonly options: readonly string[]) {}

  /** `option` is 0-based and must be in range; the caller turned "!vote 3" into 2 already. */
  cast(viewerId: number, option: number, platform: Platform): CastResult {
    const before = this.ballots.get(viewerId);
    this.ballots.set(viewerId, { option, platform });
    if (before === undefined) return { kind: 'counted' };
    return before.option === option ? { kind: 'same' } : { kind: 'changed', from: before.option };
  }

  retract(viewerId: number): boolean {
    return this.ballots.delete(viewerId);
  }

  /** Replaces every ballot with the stored ones: after identities were merged, the store knows best. */
  reset(rows: Iterable<{ viewerId: number; option: number; platform: Platform }>): void {
    this.ballots.clear();
    for (const r of rows) if (r.option >= 0 && r.option < this.options.length) this.ballots.set(r.viewerId, { option: r.option, platform: r.platform });
  }

  ballotsOf(): Array<{ viewerId: number; option: number; platform: Platform }> {
    return [...this.ballots].map(([viewerId, b]) => ({ viewerId, ...b }));
  }

  view(meta: Pick<PollView, 'id' | 'question' | 'state' | 'startedAt' | 'endsAt'>): PollView {
    const counts = this.options.map(() => 0);
    const byPlatform: PollView['byPlatform'] = {};
    for (const b of this.ballots.values()) {
      counts[b.option] = (counts[b.option] ?? 0) + 1;
      byPlatform[b.platform] = (byPlatform[b.platform] ?? 0) + 1;
    }
    const top = Math.max(...counts);
    const leaders = top === 0 ? [] : counts.flatMap((n, i) => (n === top ? [i] : []));
    return {
      ...meta,
      options: this.options.map((label, i) => ({ label, votes: counts[i] ?? 0 })),
      total: this.ballots.size,
      leaders,
      byPlatform,
    };
  }
}
