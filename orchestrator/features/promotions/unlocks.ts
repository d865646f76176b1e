import type { PromoIssuer } from '../../commerce/promo-issuer.js';
import { announcement, codePrefix, type PromotionsContext, type UnlockConfig } from './promotions-context.js';
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

interface UnlockRun {
  unlock: UnlockConfig;
  matches: (text: string) => boolean;
  tracker: UnlockTracker;
}

/**
 * Group unlocks: "15% unlocks when 1000 viewers ask". Every chat line on any platform is checked
 * for each unlock's keyword; progress is announced at the milestones, and when the goal is
 * reached a code is issued and announced everywhere, once per show run.
 */
export class Unlocks {
  private readonly runs: UnlockRun[];

  constructor(
    private readonly ctx: PromotionsContext,
    private readonly issuer: PromoIssuer,
  ) {
    this.runs = ctx.config.promotions.unlocks.map((unlock) => ({
      unlock,
      matches: keywordMatcher(unlock.keyword),
      tracker: new UnlockTracker(unlock.goal, unlock.milestones, unlock.window),
    }));
  }

  /** A viewer's chat line; resolves once any announcement it caused is queued. */
  async hear(viewerId: number, text: string, at: number = Date.now()): Promise<void> {
    for (const run of this.runs) {
      if (run.tracker.done || !run.matches(text)) continue;
      const outcome = run.tracker.ask(viewerId, at);
      if (outcome.kind === 'milestone') this.progress(run, outcome.count, outcome.percent);
      if (outcome.kind === 'reached') await this.reach(run, outcome.count);
    }
  }

  /** Reaches an unlock now, as if its goal were met (the dashboard); false when unknown or already reached. */
  async reachNow(id: string, at: number = Date.now()): Promise<boolean> {
    const run = this.runs.find((r) => r.unlock.id === id);
    if (!run || !run.tracker.force()) return false;
    await this.reach(run, run.tracker.count(at), 'dashboard');
    return run.tracker.done;
  }

  /** Each unlock's progress in this run, for the dashboard and overlay. */
  list(at: number = Date.now()): UnlockProgress[] {
    return this.runs.map(({ unlock, tracker }) => ({
      id: unlock.id,
      keyword: unlock.keyword,
      count: tracker.count(at),
      goal: unlock.goal,
      discount: unlock.discount,
      reached: tracker.done,
    }));
  }

  /** A new show run: every unlock may fire again, counted from zero. */
  reset(): void {
    for (const run of this.runs) run.tracker.reset();
  }

  private progress({ unlock }: UnlockRun, count: number, milestone: number): void {
    const { currency } = this.ctx.config.show;
    this.ctx.events.append({ type: 'unlock.progress', data: { id: unlock.id, milestone, count, goal: unlock.goal } });
    this.ctx.outbox.enqueue(announcement(unlockProgressText(unlock.discount, currency, count, unlock.goal, unlock.keyword)));
  }

  private async reach(run: UnlockRun, count: number, by: 'viewers' | 'dashboard' = 'viewers'): Promise<void> {
    const { unlock } = run;
    let issued: { code: string; expiresAt: number };
    try {
      issued = await this.issuer.issue({
        source: 'unlock',
        discount: unlock.discount,
        validMs: unlock.valid,
        ...(unlock.products && { products: unlock.products }),
        prefix: codePrefix(unlock.id),
      });
    } catch (err) {
      // The viewers did their part; the next ask tries again rather than losing the unlock.
      run.tracker.reopen();
      this.ctx.log.error({ err, unlock: unlock.id }, 'unlock reached but its code could not be issued');
      return;
    }
    this.ctx.events.append({ type: 'unlock.reached', data: { id: unlock.id, count, goal: unlock.goal, code: issued.code, expiresAt: issued.expiresAt, by } });
    const text = unlockReachedText({
      code: issued.code,
      discount: unlock.discount,
      validMs: unlock.valid,
      products: unlock.products,
      currency: this.ctx.config.show.currency,
      featured: this.ctx.show.featured,
    });
    this.ctx.outbox.enqueue(announcement(text));
  }
}
