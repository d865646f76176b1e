import { commandPrefix } from '../../commands/command-router.js';
import { toBuyer } from '../../commerce/notify.js';
import type { OrderSummary } from '../../commerce/order-types.js';
import type { Feature } from '../feature.js';
import { buyableProducts, showPurchases, viewerLines } from './recommend-history.js';
import { recommend, type Recommendation } from './recommend.js';
import { nothingToRecommend, recommendationLine } from './render-recommendation.js';

/**
 * `!recommend` suggests the one product this viewer most likely wants, from what they bought, what
 * others bought with it and what they asked about. With `afterPurchase`, a buyer gets it privately
 * right after ordering.
 */
export const recommendations: Feature = ({ config, bus, outbox, commands, commerce, events, show, store, log }) => {
  const settings = config.engagement.recommendations;
  if (!settings.enabled) return;

  const pick = async (viewerId: number, justBought?: string): Promise<Recommendation | undefined> => {
    // Chat lines are logged in batches; the ones just typed count too.
    await events.flush();
    const [purchases, lines, catalog] = await Promise.all([
      showPurchases(store.db, show.id),
      viewerLines(store.models, show.id, viewerId),
      buyableProducts(store.models, commerce.catalog, show.id),
    ]);
    const all = justBought ? [...purchases, { viewerId, sku: justBought }] : purchases;
    return recommend({ viewerId, purchases: all, lines }, catalog);
  };

  commands.handle('recommend', async ({ viewer, prefix }) => {
    const rec = await pick(viewer.viewerId);
    return [{ text: rec ? recommendationLine(rec, prefix) : nothingToRecommend(prefix) }];
  });

  if (!settings.afterPurchase) return;
  const afterPurchase = async (order: OrderSummary) => {
    // The order is counted in the store already; naming it again keeps it out of the picks whatever its status.
    const rec = await pick(order.buyer.viewerId, order.sku);
    if (!rec) return;
    const text = recommendationLine(rec, commandPrefix(order.buyer.platform));
    events.append({ type: 'recommendation.sent', platform: order.buyer.platform, viewerId: order.buyer.viewerId, data: { order: order.publicId, sku: rec.product.sku, reason: rec.reason.kind } });
    // Below reply priority: the order's own answer (with its pay link) goes first.
    outbox.enqueue(toBuyer(order.buyer, text, 'alert'));
  };
  // Not awaited: the buyer's order reply must not wait for our queries.
  return bus.on('order.placed', ({ order }) => {
    void afterPurchase(order).catch((err: unknown) => log.error({ err, order: order.publicId }, 'recommendation after purchase failed'));
  });
};
