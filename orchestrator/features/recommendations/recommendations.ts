import { commandPrefix } from '../../commands/command-router.js';
import { command } from '../../commands/command-specs.js';
import { toBuyer } from '../../commerce/notify.js';
import type { OrderSummary } from '../../commerce/order-types.js';
import type { Feature } from '../../feature.js';
import type { RunningShow } from '../../show.js';
import type { ShowReads } from '../../store/show-reads.js';
import { recommend, type RecommendProduct, type Recommendation } from './recommend.js';
import { nothingToRecommend, recommendationLine } from './render-recommendation.js';

const RECOMMEND = command('recommend', '', 'a product picked for you');

/**
 * `!recommend` suggests the one product this viewer most likely wants, from what they bought, what
 * others bought with it and what they asked about. With `afterPurchase`, a buyer gets it privately
 * right after ordering.
 */
export const recommendations: Feature = {
  name: 'recommendations',
  commands: [RECOMMEND],
  wire: (ctx) => {
    const { config, bus, outbox, commands, log, show } = ctx;
    const settings = config.engagement.recommendations;
    if (!settings.enabled) return;

    commands.handle(RECOMMEND, async ({ viewer, prefix }) => {
      const rec = await pick(ctx, viewer.viewerId);
      return [{ text: rec ? recommendationLine(show.texts, rec, prefix) : nothingToRecommend(show.texts, prefix) }];
    });

    if (!settings.afterPurchase) return;
    const afterPurchase = async (order: OrderSummary) => {
      // The order is counted in the store already; naming it again keeps it out of the picks whatever its status.
      const rec = await pick(ctx, order.buyer.viewerId, order.sku);
      if (!rec) return;
      const text = recommendationLine(show.texts, rec, commandPrefix(order.buyer.platform));
      void bus.emit('recommendation.sent', {
        platform: order.buyer.platform,
        viewerId: order.buyer.viewerId,
        order: order.publicId,
        sku: rec.product.sku,
        reason: rec.reason.kind,
      });
      // Below reply priority: the order's own answer (with its pay link) goes first.
      outbox.enqueue(toBuyer(order.buyer, text, 'alert'));
    };
    // Detached: the buyer's order reply must not wait for our queries (app.idle() still does).
    bus.on('order.placed', ({ order }) => {
      bus.detach(
        'order.placed',
        afterPurchase(order).catch((err: unknown) => log.error({ err, order: order.publicId }, 'recommendation after purchase failed')),
      );
    });
  },
};

/** Where a pick reads from: what sold, what the viewer said, what is in stock, and the catalog. */
export interface PickSource {
  reads: Pick<ShowReads, 'purchases' | 'viewerLines' | 'inStockSkus'>;
  show: Pick<RunningShow, 'catalog'>;
}

/** The pick for one viewer (`!recommend`, the after-purchase line and the storefront's "for you" slot). */
export async function pick({ reads, show }: PickSource, viewerId: number, justBought?: string): Promise<Recommendation | undefined> {
  const [purchases, lines, inStock] = await Promise.all([reads.purchases(), reads.viewerLines(viewerId), reads.inStockSkus()]);
  // The catalog minus what is sold out: recommending what cannot be bought only disappoints.
  const products: RecommendProduct[] = show.catalog
    .all()
    .filter((item) => inStock.has(item.sku.toUpperCase()))
    .map((item) => ({
      sku: item.sku,
      title: item.title,
      category: item.category,
      priceCents: Math.min(...item.variants.map((v) => v.priceCents)),
      currency: item.currency,
    }));
  const all = justBought ? [...purchases, { viewerId, sku: justBought }] : purchases;
  return recommend({ viewerId, purchases: all, lines }, products);
}
