import { prefixFrom } from '../../commerce/promo-codes.js';
import type { PromoIssuer } from '../../commerce/promo-issuer.js';
import type { FeatureServices } from '../../feature.js';
import { announcement, codePrefix, type DropConfig } from './promotions-context.js';
import { dropText } from './promotion-texts.js';

/**
 * Surprise drops: a code announced everywhere. When they fall (a cron schedule in the show
 * timezone, or one random moment of a window of the show clock) is the wiring's plan on the show
 * timetable; issuing and announcing the code is here.
 */
export class Drops {
  constructor(
    private readonly services: Pick<FeatureServices, 'show' | 'outbox' | 'bus' | 'log'>,
    private readonly issuer: PromoIssuer,
  ) {}

  /**
   * Issues and announces the code of drop `id` now; undefined when the id is unknown or the code
   * could not be issued. A code issued for a run that ended meanwhile is kept but not announced.
   */
  async fire(id: string, by: 'schedule' | 'dashboard' = 'schedule'): Promise<{ code: string; expiresAt: number } | undefined> {
    const { show } = this.services;
    const drop = show.config.promotions.drops.find((d) => d.id === id);
    if (!drop) return undefined;
    const run = show.clock().runId;
    try {
      const issued = await this.issuer.issue({
        source: 'drop',
        discount: drop.discount,
        validMs: drop.valid,
        ...(drop.maxUses !== undefined && { maxUses: drop.maxUses }),
        ...(drop.products && { products: drop.products }),
        prefix: prefixFrom(show.config.engagement.codePrefixes.drops, { id: codePrefix(drop.id) }),
      });
      const result = { code: issued.code, expiresAt: issued.expiresAt };
      const announced = by === 'dashboard' || show.clock().runId === run;
      void this.services.bus.emit('drop.issued', { id: drop.id, ...result, announced, by });
      if (announced) this.services.outbox.enqueue(announcement(this.text(drop, issued.code)));
      return result;
    } catch (err) {
      this.services.log.error({ err, drop: drop.id }, 'drop code could not be issued');
      return undefined;
    }
  }

  private text(drop: DropConfig, code: string): string {
    const { show } = this.services;
    return dropText(show.texts, {
      code,
      discount: drop.discount,
      validMs: drop.valid,
      products: drop.products,
      currency: show.config.show.currency,
      featured: show.featured,
      message: drop.message,
      maxUses: drop.maxUses,
      timeZone: show.config.show.timezone,
    });
  }
}
