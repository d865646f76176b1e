import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { ShowConfig } from '../config/schema/index.js';
import { planChannels, type BotFactories, type SkippedChannel } from '../bots/registry.js';
import { Bus } from './bus.js';
import type { Channel } from './channel.js';
import type { Feature } from './features/feature.js';
import { help } from './features/help/help.js';
import { relay } from './features/relay/relay.js';
import { orders } from './features/orders/orders.js';
import { catalogCommands } from './features/orders/catalog-commands.js';
import { alerts } from './features/alerts/alerts.js';
import { linking } from './features/linking/linking.js';
import { moderation } from './features/moderation/moderation.js';
import { PromoCodes } from './commerce/promo-codes.js';
import { ambassadors } from './features/ambassadors/ambassadors.js';
import { wholesale } from './features/orders/wholesale.js';
import { tips } from './features/tips/tips.js';
import { codes } from './features/codes/codes.js';
import { faq } from './features/faq/faq.js';
import { leaderboards } from './features/leaderboards/leaderboards.js';
import { recommendations } from './features/recommendations/recommendations.js';
import { timers } from './features/timers/timers.js';
import { announcements } from './features/announcements/announcements.js';
import { Tips } from './commerce/tips.js';
import { createPromotions, type FlashControl, type PromotionControl } from './features/promotions/promotions.js';
import { createPolls } from './features/polls/polls.js';
import { sampleAudience } from './audience-sampler.js';
import type { PollControl } from './features/polls/poll-types.js';
import { createMediaRouter, startMedia, type MediaEvent, type MediaServer } from '../media/index.js';
import { createHttpApp } from './http/http-app.js';
import { paymentWebhook } from './http/payment-webhook.js';
import { commerceRoutes } from './http/commerce-routes.js';
import { analyticsPage, analyticsRoutes } from './analytics/analytics-routes.js';
import { createAdminAuth, type AdminAuth } from './http/admin/admin-auth.js';
import { adminTokenDir } from './http/admin/admin-token.js';
import { liveRoutes } from './http/live/live-routes.js';
import { createAdminApi, type AdminDeps, type ConfigControl } from './http/admin/admin-api.js';
import { adminState } from './http/admin/state-routes.js';
import { createMetrics } from './metrics/metrics.js';
import { countOrdersByStatus } from './metrics/show-metrics.js';
import { createLiveConfig } from './live-config.js';
import { current, LiveWiring } from './show-wiring.js';
import { Outbox } from './outbox/outbox.js';
import type { Secrets } from './shared/secrets.js';
import { RunningShow } from './show.js';
import { syncCatalog } from './store/catalog-sync.js';
import type { DatabaseOptions } from './store/database.js';
import { EventLog } from './store/event-log.js';
import { openStore, type Store } from './store/store.js';
import { ViewerDirectory } from './store/viewer-directory.js';
import { showRunLog } from './store/show-runs.js';

/** Features in the order they subscribe; each is a small module that only talks to the bus and the outbox. */
export const FEATURES: readonly Feature[] = [moderation, relay, help, catalogCommands, orders, wholesale, alerts, ambassadors, tips, linking, faq, timers, announcements, leaderboards, recommendations, codes];

export interface ShowcartOptions {
  config: ShowConfig;
  database: DatabaseOptions;
  secrets: Secrets;
  log: Logger;
  /** Channels besides those the show file asks for (tests add in-memory ones). */
  extraChannels?: Channel[];
  factories?: BotFactories;
  /** The RTMP server and restreams; off unless asked for (tests start many apps at once). */
  media?: { enabled: boolean; ffmpegPath?: string | null };
  /** How often live viewer counts are read from the platforms that report them (default 60 s). */
  audienceEveryMs?: number;
  /** Where a generated admin token is kept; by default next to the SQLite file (none for ':memory:'). */
  adminTokenDir?: string | null;
  /** The show file the config came from: POST /api/admin/reload and saving the file re-read it. */
  configPath?: string;
  /** Reload when the show file is saved (default: on when `configPath` is given). */
  watchConfig?: boolean;
}

export interface Showcart {
  url: string;
  port: number;
  server: Server;
  bus: Bus;
  outbox: Outbox;
  show: RunningShow;
  store: Store;
  events: EventLog;
  channels: Channel[];
  skipped: SkippedChannel[];
  /** Flash sales, for the admin API and dashboard. */
  flash: FlashControl;
  /** The RTMP ingest and restreams, when running. */
  media: MediaServer | undefined;
  /** Cross-platform polls, for the admin API and dashboard. */
  polls: PollControl;
  /** The admin gate (`require` for routers of other parts) and where its token lives. */
  admin: Pick<AdminAuth, 'require' | 'source'>;
  /** Drops and unlocks fired from the dashboard, and their progress. */
  promotions: PromotionControl;
  /** The show file's live reload and its last error. */
  config: ConfigControl;
  stop(): Promise<void>;
}

/** Starts everything one show needs; `stop()` shuts down in the safe order. */
export async function startShowcart(options: ShowcartOptions): Promise<Showcart> {
  const { config, log } = options;
  const store = await openStore(options.database);
  if (store.applied.length > 0) log.info({ migrations: store.applied }, 'database schema updated');
  const catalog = await syncCatalog(store, config);
  if (catalog.length > 0) log.info({ changes: catalog.length }, 'catalog synced from the show file');

  const show = new RunningShow(config, showRunLog(store.models));
  const bus = new Bus((event, err) => log.error({ err, event }, 'a feature failed on an event'));
  const outbox = new Outbox({ log: log.child({ part: 'outbox' }) });
  const events = new EventLog(store.models.LoggedEvent, show.id, (at) => show.clock(at), log);
  const codes = new PromoCodes(store, show.id);
  await codes.sync(config);
  const promotions = createPromotions(codes);
  const polls = createPolls();
  const tipJar = new Tips(store, show.id);
  // Commands, catalog, order rules and features follow the show file; a reload swaps them as one.
  const features = [...FEATURES, promotions.feature, polls.feature];
  const wiring = new LiveWiring(config, { bus, outbox, show, events, log, store, viewers: new ViewerDirectory(store), codes, tips: tipJar, flash: promotions.flash, features });
  bus.on('stream.live', async ({ at }) => {
    await show.goLive(at);
    // Analytics reads segments from show.featured rows: the product on screen at the start opens the first one.
    if (show.featured) events.append({ type: 'show.featured', at, data: { sku: show.featured, by: 'show start' } });
  });
  bus.on('stream.offline', async ({ at }) => show.goOffAir(at));

  const media = options.media?.enabled ? await startMediaServer(options, bus, events) : undefined;

  const server = createServer();
  const plan = planChannels(config, { server, secrets: options.secrets, log, factories: options.factories ?? {} });
  const channels = [...plan.channels, ...(options.extraChannels ?? [])];
  const paymentSecret = config.checkout ? options.secrets.read(config.checkout.paymentSecretEnv) : undefined;
  const admin = createAdminAuth({ tokenEnv: config.admin.tokenEnv, secrets: options.secrets, dir: options.adminTokenDir !== undefined ? options.adminTokenDir : adminTokenDir(options.database), log });
  const liveConfig = createLiveConfig({ file: options.configPath ?? null, show, store, codes, events, secrets: options.secrets, log, rewire: (next) => wiring.replace(next), watch: options.watchConfig ?? true });
  const adminDeps: AdminDeps = {
    require: admin.require, show, store, bus, events, outbox, log, channels: () => channels, skipped: () => plan.skipped, media,
    catalog: () => wiring.commerce.catalog, flash: promotions.flash, promotions: promotions.control, polls: () => polls.control, config: liveConfig,
  };
  const adminApi = createAdminApi(adminDeps);
  const metrics = createMetrics({ require: admin.require, events, outbox: () => outbox.stats(), orders: () => countOrdersByStatus(store.models, show.id), media });
  const live = liveRoutes({
    require: admin.require,
    store,
    bus,
    events,
    show,
    flash: promotions.flash,
    polls: () => polls.control,
    unlocks: () => promotions.control.unlocks(),
    // The same snapshot as GET /api/admin/state, pushed to open dashboards when it changes.
    state: () => adminState(adminDeps),
    log,
  });
  const api = [
    paymentWebhook({ secret: paymentSecret, store, orders: current(() => wiring.commerce.orders), tips: tipJar, bus, events, log }),
    commerceRoutes({ ambassadors: current(() => wiring.commerce.ambassadors), names: config.engagement.leaderboards.names, currency: config.show.currency }),
    analyticsRoutes({ require: admin.require, store, current: () => ({ id: show.id, featured: show.config.featured ?? null, timezone: show.config.show.timezone }), log }),
    ...live.api,
  ];
  const root = [admin.router, adminApi, metrics.router, ...live.root, analyticsPage(), ...(media ? [createMediaRouter(media, { admin: admin.require })] : [])];
  const app = createHttpApp({ show, channels: () => channels, skipped: () => plan.skipped, outbox: () => outbox.stats(), startedAt: Date.now(), api, root });
  server.on('request', app);

  const stopAudience = sampleAudience({ channels: () => channels, bus, events, log, ...(options.audienceEveryMs !== undefined && { everyMs: options.audienceEveryMs }) });
  for (const s of plan.skipped) log.info({ platform: s.platform }, `${s.platform} skipped: ${s.reason}`);
  for (const channel of channels) {
    outbox.register(channel);
    // A platform that cannot connect retries on its own; it never holds up the others.
    await channel.start(wiring.ingest).catch((err: unknown) => log.error({ err, platform: channel.platform }, 'channel failed to start'));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.server.port, config.server.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = config.server.publicUrl ?? `http://localhost:${port}`;
  events.append({ type: 'app.started', data: { channels: channels.map((c) => c.platform), skipped: plan.skipped } });

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      liveConfig.close();
      metrics.stop();
      stopAudience();
      // Features stop first so what they still have to say (merged alerts) is flushed with the rest.
      await wiring.stop();
      const left = await outbox.flush(5000);
      if (left > 0) log.warn({ left }, 'messages still queued at shutdown were dropped');
      await Promise.allSettled(channels.map((c) => c.stop()));
      // Stopping media ends the show (stream.offline), which is written before the store closes.
      await media?.stop().catch((err: unknown) => log.error({ err }, 'media did not stop cleanly'));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      events.append({ type: 'app.stopped', data: { droppedAtShutdown: left } });
      await events.flush();
      await store.close();
    })());

  return { url, port, server, bus, outbox, show, store, events, channels, skipped: plan.skipped, flash: promotions.flash, media, polls: polls.control, admin: { require: admin.require, source: admin.source }, promotions: promotions.control, config: liveConfig, stop };
}

/** The RTMP server: a failure (a port in use) is logged and the show runs on without it. */
async function startMediaServer(options: ShowcartOptions, bus: Bus, events: EventLog): Promise<MediaServer | undefined> {
  const { log } = options;
  const onEvent = (e: MediaEvent) => {
    const { type, at, ...data } = e;
    if (type === 'stream.live' || type === 'stream.offline') {
      // The show clock starts (or stops) first, so the event is logged on it.
      void bus.emit(type, { at }).then(() => events.append({ type, at, data }));
    } else {
      events.append({ type, at, data });
    }
  };
  try {
    return await startMedia({
      config: options.config.media,
      secrets: options.secrets,
      log,
      onEvent,
      ...(options.media?.ffmpegPath !== undefined && { ffmpegPath: options.media.ffmpegPath }),
    });
  } catch (err) {
    log.error({ err }, 'the RTMP server could not start; the show runs without streaming');
    return undefined;
  }
}
