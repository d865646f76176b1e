import type { Router } from 'express';
import { analyticsPage, analyticsRoutes } from '../analytics/analytics-routes.js';
import type { Logger } from 'pino';
import type { ShowConfig } from '../../config/schema/index.js';
import type { Channel, SkippedChannel } from '../channel.js';
import type { PollControl } from '../events/poll-types.js';
import type { AiControl } from '../events/ai-types.js';
import type { PromotionControl } from '../features/promotions/promotions.js';
import type { PersonalPicks } from '../features/recommendations/personal-pick.js';
import { createMetrics } from '../metrics/metrics.js';
import { countOrdersByStatus } from '../metrics/show-metrics.js';
import type { Runtime } from '../runtime.js';
import type { Secrets } from '../shared/secrets.js';
import { createMediaRouter, type MediaServer } from '../../media/index.js';
import { createAdminApi, type AdminDeps, type ConfigControl } from './admin/admin-api.js';
import type { AdminAuth } from './admin/admin-auth.js';
import { adminState } from './admin/state-routes.js';
import { checkoutRoutes } from './checkout/checkout-routes.js';
import { commerceRoutes } from './commerce-routes.js';
import { liveRoutes } from './live/live-routes.js';
import type { OverlayFeed } from './live/overlay-live.js';
import { storefrontRoutes } from './live/storefront.js';
import { storefrontCartRoutes } from './live/storefront-cart.js';
import { nextShowIcsRoutes } from './live/storefront-ics.js';
import { forYouRoutes } from './live/storefront-for-you.js';
import { giveawayProofRoutes } from './live/giveaway-proof.js';
import { paymentWebhook } from './payment-webhook.js';
import { stripeWebhook } from './stripe-webhook.js';
import { yookassaWebhook } from './yookassa-webhook.js';

/** What the show's HTTP routers are built from: the process's runtime and the parts the app made. */
export interface ShowRoutersDeps {
  /** The show file the app started with (webhook secrets are read once, at start). */
  options: { config: ShowConfig; secrets: Secrets; log: Logger; siblings?: readonly string[] };
  runtime: Runtime;
  admin: AdminAuth;
  liveConfig: ConfigControl;
  media: MediaServer | undefined;
  polls: PollControl;
  promotions: PromotionControl;
  ai: AiControl;
  /** Personal offers (features/recommendations): the storefront's "for you" slot asks the chat's picks. */
  picks: PersonalPicks;
  channels: () => Channel[];
  skipped: () => SkippedChannel[];
  /** The viewer a web chat session belongs to (the page's cart drawer and "for you"). */
  webViewer: (session: unknown) => string | undefined;
}

/**
 * Every router of a show's web server: `api` ones go under /api, `root` ones carry their own
 * paths. The metrics are returned too, for the app to stop them at shutdown.
 */
export function showRouters(deps: ShowRoutersDeps): { api: Router[]; root: Router[]; metrics: { stop(): void }; overlay: OverlayFeed } {
  const { runtime, admin, media, promotions } = deps;
  const { config, log } = deps.options;
  const options = deps.options;
  const { store, bus, outbox, show, events } = runtime;
  const paymentSecret = config.checkout ? options.secrets.read(config.checkout.paymentSecretEnv) : undefined;
  const adminDeps: AdminDeps = {
    require: admin.require,
    show,
    store,
    bus,
    events,
    outbox,
    log,
    channels: deps.channels,
    skipped: deps.skipped,
    media,
    flash: runtime.flash,
    promotions,
    polls: deps.polls,
    auctions: runtime.auctions,
    giveaways: runtime.giveaways,
    ai: deps.ai,
    config: deps.liveConfig,
    carts: runtime.carts,
    payments: runtime.payments,
  };
  const adminApi = createAdminApi(adminDeps);
  const metrics = createMetrics({ require: admin.require, bus, outbox: () => outbox.stats(), orders: () => countOrdersByStatus(store.models, show.id), media });
  const live = liveRoutes({
    require: admin.require,
    store,
    bus,
    events,
    show,
    flash: runtime.flash,
    polls: deps.polls,
    unlocks: () => promotions.unlocks(),
    auctions: runtime.auctions,
    giveaways: runtime.giveaways,
    // The same snapshot as GET /api/admin/state, pushed to open dashboards when it changes.
    state: () => adminState(adminDeps),
    log,
  });
  const checkout = checkoutRoutes({ show, carts: runtime.carts, payments: runtime.payments, bus, log });
  const api = [
    checkout.api,
    paymentWebhook({
      secret: paymentSecret,
      secretEnv: config.checkout?.paymentSecretEnv ?? 'SHOWCART_PAYMENT_SECRET',
      payments: runtime.payments,
      tips: runtime.tips,
      bus,
      log,
    }),
    yookassaWebhook({ config, checkout: () => show.config.checkout, secrets: options.secrets, carts: runtime.carts, payments: runtime.payments, bus, log }),
    stripeWebhook({
      secret: config.checkout ? options.secrets.read(config.checkout.stripe.webhookSecretEnv) : undefined,
      secretEnv: config.checkout?.stripe.webhookSecretEnv ?? 'STRIPE_WEBHOOK_SECRET',
      payments: runtime.payments,
      carts: runtime.carts,
      log,
    }),
    commerceRoutes({ ambassadors: runtime.ambassadors, names: config.engagement.leaderboards.names, currency: config.show.currency }),
    analyticsRoutes({
      require: admin.require,
      store,
      current: () => ({ id: show.id, featured: show.config.featured ?? null, timezone: show.config.show.timezone }),
      hidden: new Set(options.siblings ?? []),
      log,
    }),
    ...live.api,
    storefrontRoutes({ show, flash: runtime.flash, reads: runtime.reads, log }),
    storefrontCartRoutes({ webViewer: deps.webViewer, store, carts: runtime.carts, log }),
    nextShowIcsRoutes({ show, siteBase: () => runtime.site.base }),
    forYouRoutes({ webViewer: deps.webViewer, show, picks: deps.picks, reads: runtime.reads, store, log }),
    giveawayProofRoutes(runtime.giveaways),
  ];
  const root = [
    checkout.page,
    admin.router,
    adminApi,
    metrics.router,
    ...live.root,
    analyticsPage(),
    ...(media ? [createMediaRouter(media, { admin: admin.require })] : []),
  ];
  return { api, root, metrics, overlay: live.overlay };
}
