import type { PromoIssuer } from '../../commerce/promo-issuer.js';
import { announcement, codePrefix, type DropConfig, type PromotionsContext } from './promotions-context.js';
import { dropText } from './promotion-texts.js';
import { after, randomMoment, type Cancel, type CronScheduler } from './schedulers.js';

export interface DropDeps {
  random: () => number;
  cron: CronScheduler;
}

/**
 * Surprise drops: a code announced everywhere on a cron schedule (in the show timezone) or at one
 * random moment of a window of the show clock. Nothing is scheduled while off air: `live()` sets
 * everything up for one show run and `offline()` calls it all off.
 */
export class Drops {
  private scheduled: Cancel[] = [];
  // Bumped on every live/offline so a code issued for a run that has ended is not announced late.
  private run = 0;

  constructor(
    private readonly ctx: PromotionsContext,
    private readonly issuer: PromoIssuer,
    private readonly deps: DropDeps,
  ) {}

  /**
   * The show went live at `startedAt` (show clock zero). `joinedAt` is set when wired mid-show:
   * random windows are then narrowed to what is left of them.
   */
  live(startedAt: number, joinedAt?: number): void {
    this.offline();
    const now = Date.now();
    const run = this.run;
    const { timezone } = this.ctx.config.show;
    for (const drop of this.ctx.config.promotions.drops) {
      if (drop.cron !== undefined) {
        this.scheduled.push(this.deps.cron(drop.cron, timezone, () => void this.fire(drop, run), `drop:${drop.id}`));
      } else if (drop.randomBetween) {
        const moment = randomMoment(drop.randomBetween, this.deps.random, joinedAt === undefined ? 0 : joinedAt - startedAt);
        if (moment === undefined) continue;
        this.ctx.events.append({ type: 'drop.scheduled', data: { id: drop.id, showMs: moment } });
        this.scheduled.push(after(startedAt + moment - now, () => void this.fire(drop, run)));
      }
    }
  }

  /** Drops a code of the show file now (the dashboard), whatever its schedule; undefined when the id is unknown. */
  async dropNow(id: string): Promise<{ code: string; expiresAt: number } | undefined> {
    const drop = this.ctx.config.promotions.drops.find((d) => d.id === id);
    if (!drop) return undefined;
    return this.fire(drop, this.run, 'dashboard');
  }

  offline(): void {
    this.run++;
    for (const s of this.scheduled) s.stop();
    this.scheduled = [];
  }

  private async fire(drop: DropConfig, run: number, by: 'schedule' | 'dashboard' = 'schedule'): Promise<{ code: string; expiresAt: number } | undefined> {
    if (run !== this.run) return undefined;
    try {
      const issued = await this.issuer.issue({
        source: 'drop',
        discount: drop.discount,
        validMs: drop.valid,
        ...(drop.maxUses !== undefined && { maxUses: drop.maxUses }),
        ...(drop.products && { products: drop.products }),
        prefix: codePrefix(drop.id),
      });
      const result = { code: issued.code, expiresAt: issued.expiresAt };
      this.ctx.events.append({ type: 'drop.issued', data: { id: drop.id, ...result, announced: run === this.run, by } });
      if (run !== this.run) return result;
      const text = dropText({
        code: issued.code,
        discount: drop.discount,
        validMs: drop.valid,
        products: drop.products,
        currency: this.ctx.config.show.currency,
        featured: this.ctx.show.featured,
        message: drop.message,
        maxUses: drop.maxUses,
      });
      this.ctx.outbox.enqueue(announcement(text));
      return result;
    } catch (err) {
      this.ctx.log.error({ err, drop: drop.id }, 'drop code could not be issued');
      return undefined;
    }
  }
}
