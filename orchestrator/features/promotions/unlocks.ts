import type { PromoIssuer } from '../../commerce/promo-issuer.js';
import type { FeatureServices } from '../../feature.js';
import { announcement, codePrefix, type UnlockConfig } from './promotions-context.js';
import { unlockProgressText, unlockReachedText } from './promotion-texts.js';
import { UnlockTracker } from './unlock-counter.js';
import { keywordMatcher } from './unlock-keyword.js';

/** One unlock as the dashboard shows it. */
export interface UnlockProgress {
  id: string;
  keyword: string;
  count: number;
  goal: number;
  discount: UnlockConfig['discount'];
  reached: boolean;
}

interface Tracked {
  /** What the tracker counts toward; a reload that changes it starts that unlock afresh. */
  terms: string;
  matches: (text: string) => boolean;
  tracker: UnlockTracker;
}

/**
 * Group unlocks: "15% unlocks when 1000 viewers ask". Every chat line on any platform is checked
 * for each unlock's keyword; progress is announced at the milestones, and when the goal is
 * reached a code is issued and announced everywhere, once per show run. Counts are kept per
 * unlock id for the whole run, whatever reloads happen meanwhile.
 */
export class Unlocks {
  private readonly tracked = new Map<string, Tracked>();

  constructor(
    private readonly services: Pick<FeatureServices, 'show' | 'outbox' | 'bus' | 'log'>,
    private readonly issuer: PromoIssuer,
  ) {
    // A new show run: every unlock may fire again, counted from zero.
    services.bus.on('show.live', () => this.tracked.clear());
  }

  /** A viewer's chat line; resolves once any announcement it caused is queued. */
  async hear(viewerId: number, text: string, at: number = Date.now()): Promise<void> {
    for (const unlock of this.configured()) {
      const t = this.track(unlock);
      if (t.tracker.done || !t.matches(text)) continue;
      const outcome = t.tracker.ask(viewerId, at);
      if (outcome.kind === 'milestone') this.progress(unlock, outcome.count, outcome.percent);
      if (outcome.kind === 'reached') await this.reach(unlock, t, outcome.count);
    }
  }

  /** Reaches an unlock now, as if its goal were met (the dashboard); false when unknown or already reached. */
  async reachNow(id: string, at: number = Date.now()): Promise<boolean> {
    const unlock = this.configured().find((u) => u.id === id);
    if (!unlock) return false;
    const t = this.track(unlock);
    if (!t.tracker.force()) return false;
    await this.reach(unlock, t, t.tracker.count(at), 'dashboard');
    return t.tracker.done;
  }

  /** Each unlock of the show file with its progress in this run, for the dashboard and overlay. */
  list(at: number = Date.now()): UnlockProgress[] {
    return this.configured().map((unlock) => {
      const { tracker } = this.track(unlock);
      return { id: unlock.id, keyword: unlock.keyword, count: tracker.count(at), goal: unlock.goal, discount: unlock.discount, reached: tracker.done };
    });
  }

  private configured(): readonly UnlockConfig[] {
    return this.services.show.config.promotions.unlocks;
  }

  private track(unlock: UnlockConfig): Tracked {
    const terms = JSON.stringify([unlock.keyword, unlock.goal, unlock.milestones, unlock.window]);
    let t = this.tracked.get(unlock.id);
    if (t?.terms !== terms) {
      t = { terms, matches: keywordMatcher(unlock.keyword), tracker: new UnlockTracker(unlock.goal, unlock.milestones, unlock.window) };
      this.tracked.set(unlock.id, t);
    }
    return t;
  }

  private progress(unlock: UnlockConfig, count: number, milestone: number): void {
    const { show } = this.services;
    void this.services.bus.emit('unlock.progress', { id: unlock.id, milestone, count, goal: unlock.goal });
    const text = unlockProgressText(show.texts, unlock.discount, show.config.show.currency, count, unlock.goal, unlock.keyword);
    this.services.outbox.enqueue(announcement(text));
  }

  private async reach(unlock: UnlockConfig, t: Tracked, count: number, by: 'viewers' | 'dashboard' = 'viewers'): Promise<void> {
    let issued: { code: string; expiresAt: number };
    try {
      issued = await this.issuer.issue({
        source: 'unlock',
        discount: unlock.discount,
        validMs: unlock.valid,
        ...(unlock.products && { products: unlock.products }),
        // A code the show file names is announced exactly as written ("UYUT15").
        ...(unlock.code === undefined ? { prefix: codePrefix(unlock.id) } : { code: unlock.code }),
      });
    } catch (err) {
      // The viewers did their part; the next ask tries again rather than losing the unlock.
      t.tracker.reopen();
      this.services.log.error({ err, unlock: unlock.id }, 'unlock reached but its code could not be issued');
      return;
    }
    void this.services.bus.emit('unlock.reached', { id: unlock.id, count, goal: unlock.goal, code: issued.code, expiresAt: issued.expiresAt, by });
    const { show } = this.services;
    const text = unlockReachedText(show.texts, {
      code: issued.code,
      discount: unlock.discount,
      validMs: unlock.valid,
      products: unlock.products,
      currency: show.config.show.currency,
      featured: show.featured,
      timeZone: show.config.show.timezone,
    });
    this.services.outbox.enqueue(announcement(text));
  }
}
