import { commandPrefix } from '../../commands/command-router.js';
import { command } from '../../commands/command-specs.js';
import { toBuyer } from '../../commerce/notify.js';
import type { OrderSummary } from '../../commerce/order-types.js';
import type { Feature } from '../../feature.js';
import { ModelPicks } from './model-pick.js';
import { PersonalPicks } from './personal-pick.js';
import { nothingToRecommend, recommendationLine } from './render-recommendation.js';

const RECOMMEND = command('recommend', '', 'a product picked for you');

/**
 * `!recommend` suggests the one product this viewer most likely wants, from what they bought, what
 * others bought with it and what they asked about. With `afterPurchase`, a buyer gets it privately
 * right after ordering. The picks (and the model's budget and memory) live for the process: the
 * storefront's "for you" slot asks the same PersonalPicks.
 */
export const recommendations: Feature<PersonalPicks> = {
  name: 'recommendations',
  commands: [RECOMMEND],
  start: ({ reads, show, secrets, log }) =>
    new PersonalPicks({
      reads,
      show,
      model: new ModelPicks({
        config: () => show.config.ai,
        apiKey: () => secrets.read(show.config.ai.apiKeyEnv),
        language: () => show.config.show.language,
        log: log.child({ part: 'recommendations' }),
      }),
    }),
  wire: (ctx, picks) => {
    const { config, bus, outbox, commands, log, show } = ctx;
    const settings = config.engagement.recommendations;
    if (!settings.enabled) return;

    commands.handle(RECOMMEND, async ({ viewer, prefix }) => {
      const rec = await picks.pick(viewer.viewerId);
      return [rec ? recommendationLine(show.texts, rec, prefix) : { text: nothingToRecommend(show.texts, prefix) }];
    });

    if (!settings.afterPurchase) return;
    const afterPurchase = async (order: OrderSummary) => {
      // The order is counted in the store already; naming it again keeps it out of the picks whatever its status.
      const rec = await picks.pick(order.buyer.viewerId, { justBought: order.sku });
      if (!rec) return;
      const words = recommendationLine(show.texts, rec, commandPrefix(order.buyer.platform));
      void bus.emit('recommendation.sent', {
        platform: order.buyer.platform,
        viewerId: order.buyer.viewerId,
        order: order.publicId,
        sku: rec.product.sku,
        reason: rec.written !== undefined ? `model:${rec.reason.kind}` : rec.reason.kind,
      });
      // Below reply priority: the order's own answer (with its pay link) goes first.
      outbox.enqueue(toBuyer(order.buyer, words, 'alert'));
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
