import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { ShowConfig } from '../config/schema/index.js';
import { planChannels, type BotFactories, type SkippedChannel } from '../bots/registry.js';
import { Bus } from './bus.js';
import type { Channel } from './channel.js';
import { CommandRouter } from './commands/command-router.js';
import { CommandTable } from './commands/command-table.js';
import type { Feature, FeatureContext } from './features/feature.js';
import { help } from './features/help/help.js';
import { relay } from './features/relay/relay.js';
import { orders } from './features/orders/orders.js';
import { catalogCommands } from './features/orders/catalog-commands.js';
import { alerts } from './features/alerts/alerts.js';
import { linking } from './features/linking/linking.js';
import { moderation } from './features/moderation/moderation.js';
import { Catalog } from './commerce/catalog.js';
import { OrderService } from './commerce/order-service.js';
import { PromoCodes } from './commerce/promo-codes.js';
import { AmbassadorStore } from './commerce/ambassador-store.js';
import { ambassadors } from './features/ambassadors/ambassadors.js';
import { wholesale } from './features/orders/wholesale.js';
import { tips } from './features/tips/tips.js';
import { faq } from './features/faq/faq.js';
import { leaderboards } from './features/leaderboards/leaderboards.js';
import { recommendations } from './features/recommendations/recommendations.js';
import { timers } from './features/timers/timers.js';
import { announcements } from './features/announcements/announcements.js';
import { Tips } from './commerce/tips.js';
import { createPromotions, type FlashControl } from './features/promotions/promotions.js';
import { createMediaRouter, startMedia, type MediaEvent, type MediaServer } from '../media/index.js';
import { supporterDiscounts } from './commerce/supporter-perks.js';
import { createHttpApp } from './http/http-app.js';
import { paymentWebhook } from './http/payment-webhook.js';
import { commerceRoutes } from './http/commerce-routes.js';
import { createInbound, InboundGates } from './inbound.js';
import { Outbox } from './outbox/outbox.js';
import type { Secrets } from './secrets.js';
import { RunningShow } from './show.js';
import { syncCatalog } from './store/catalog-sync.js';
import type { DatabaseOptions } from './store/database.js';
import { EventLog } from './store/event-log.js';
import { openStore, type Store } from './store/store.js';
import { ViewerDirectory } from './store/viewer-directory.js';

/** Features in the order they subscribe; each is a small module that only talks to the bus and the outbox. */
export const FEATURES: readonly Feature[] = [moderation, relay, help, catalogCommands, orders, wholesale, alerts, ambassadors, tips, linking, faq, timers, announcements, leaderboards, recommendations];

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
  stop(): Promise<void>;
}

/** Starts everything one show needs; `stop()` shuts down in the safe order. */
export async function startShowcart(options: ShowcartOptions): Promise<Showcart> {
  const { config, log } = options;
  const store = await openStore(options.database);
  if (store.applied.length > 0) log.info({ migrations: store.applied }, 'database schema updated');
  const catalog = await syncCatalog(store.writes, config);
  if (catalog.length > 0) log.info({ changes: catalog.length }, 'catalog synced from the show file');

  const show = new RunningShow(config);
  const bus = new Bus((event, err) => log.error({ err, event }, 'a feature failed on an event'));
  const outbox = new Outbox({ log: log.child({ part: 'outbox' }) });
  const events = new EventLog(show.id, (at) => show.clock(at), log);
  const table = new CommandTable(config.commands);
  const commands = new CommandRouter(bus, outbox, log);
  const catalogIndex = new Catalog(config);
  const codes = new PromoCodes(store.db, store.writes, show.id);
  await codes.sync(config);
  const promotions = createPromotions(codes);
  const orderService = new OrderService(store.db, store.writes, show.id, catalogIndex, {
    mode: config.checkout?.mode ?? 'hold',
    holdMs: config.checkout?.hold ?? 15 * 60_000,
    wholesale: config.show.private,
    codes,
    flash: promotions.flash,
    supporterDiscount: supporterDiscounts(config),
  });
  const ambassadorStore = new AmbassadorStore(store.db, store.writes, show.id, codes, config.ambassadors);
  const tipJar = new Tips(store.writes, show.id);
  const commerce = { catalog: catalogIndex, orders: orderService, codes, ambassadors: ambassadorStore, tips: tipJar };
  const gates = new InboundGates();
  const ctx: FeatureContext = { config, bus, outbox, commands, table, show, events, log, commerce, store, viewers: new ViewerDirectory(store.writes), gates };
  const stopFeatures = [...FEATURES, promotions.feature].map((feature) => feature(ctx));
  bus.on('stream.live', async ({ at }) => show.goLive(at));
  bus.on('stream.offline', async ({ at }) => show.goOffAir(at));

  const media = options.media?.enabled ? await startMediaServer(options, bus, events) : undefined;

  const inbound = createInbound({ config, bus, table, commands, viewers: ctx.viewers, events, log, gates });
  const server = createServer();
  const plan = planChannels(config, { server, secrets: options.secrets, log, factories: options.factories ?? {} });
  const channels = [...plan.channels, ...(options.extraChannels ?? [])];
  const paymentSecret = config.checkout ? options.secrets.read(config.checkout.paymentSecretEnv) : undefined;
  const api = [
    paymentWebhook({ secret: paymentSecret, orders: orderService, tips: tipJar, bus, events, log }),
    commerceRoutes({ ambassadors: ambassadorStore, names: config.engagement.leaderboards.names, currency: config.show.currency }),
  ];
  const root = media ? [createMediaRouter(media)] : [];
  const app = createHttpApp({ show, channels: () => channels, skipped: () => plan.skipped, outbox: () => outbox.stats(), startedAt: Date.now(), api, root });
  server.on('request', app);

  for (const s of plan.skipped) log.info({ platform: s.platform }, `${s.platform} skipped: ${s.reason}`);
  for (const channel of channels) {
    outbox.register(channel);
    // A platform that cannot connect retries on its own; it never holds up the others.
    await channel.start((e) => void inbound.ingest(e)).catch((err: unknown) => log.error({ err, platform: channel.platform }, 'channel failed to start'));
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
      await inbound.close();
      // Features stop first so what they still have to say (merged alerts) is flushed with the rest.
      for (const s of stopFeatures) s?.();
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

  return { url, port, server, bus, outbox, show, store, events, channels, skipped: plan.skipped, flash: promotions.flash, media, stop };
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
