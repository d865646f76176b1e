import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { checkCommandNames } from '../config/command-names.js';
import type { ShowConfig } from '../config/schema/index.js';
import { planChannels, type BotFactories, type BotPlatform, type SkippedChannel } from '../bots/registry.js';
import { startMedia, type MediaEvent, type MediaServer } from '../media/index.js';
import { sampleAudience } from './audience-sampler.js';
import type { Bus } from './bus.js';
import type { Channel } from './channel.js';
import type { FlashControl } from './commerce/flash-sales.js';
import type { EventLog } from './events/event-log.js';
import { FeatureStates, type AnyFeature } from './feature.js';
import { FEATURES } from './features/index.js';
import type { PollControl } from './events/poll-types.js';
import { polls as pollsFeature } from './features/polls/polls.js';
import { promotions as promotionsFeature, type PromotionControl } from './features/promotions/promotions.js';
import { aiHelper } from './features/ai/ai-helper.js';
import { recommendations } from './features/recommendations/recommendations.js';
import { createAdminAuth, type AdminAuth } from './http/admin/admin-auth.js';
import { adminTokenDir, adminTokenFile } from './http/admin/admin-token.js';
import { sessionCookieName } from './http/admin/admin-session.js';
import type { ConfigControl } from './http/admin/admin-api.js';
import { createHttpApp } from './http/http-app.js';
import { startCoreFeeds } from './http/edge/core-feeds.js';
import { storefront } from './http/live/storefront.js';
import { showRouters } from './http/show-routers.js';
import { createLiveConfig } from './live-config.js';
import type { Outbox } from './outbox/outbox.js';
import { TokenShares } from './outbox/token-shares.js';
import { createRuntime, type Runtime } from './runtime.js';
import type { Secrets } from './shared/secrets.js';
import { LiveWiring } from './show-wiring.js';
import type { ShowScheduleDeps } from './show-schedule.js';
import type { RunningShow } from './show.js';
import type { DatabaseOptions } from './store/database.js';
import type { Store } from './store/store.js';

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
  /**
   * The ids of the other shows run beside this one on the same database (`npm start -- --shows`):
   * this show gets a token file of its own, and its analytics never list theirs.
   */
  siblings?: readonly string[];
  /** The show file the config came from: POST /api/admin/reload and saving the file re-read it. */
  configPath?: string;
  /** Reload when the show file is saved (default: on when `configPath` is given). */
  watchConfig?: boolean;
  /** How cron plans run and random moments are drawn (tests pin them). */
  schedule?: Partial<ShowScheduleDeps>;
  /** The features, in the order they are wired (moderation first: its gate sees every line). */
  features?: readonly AnyFeature[];
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
  /** The process-lived core: services and the show clock. */
  runtime: Runtime;
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
  /**
   * Resolves when every line received so far is handled and its consequences (replies sent, facts
   * logged, writes done) have played out. Timers (holds, merge windows) are not waited for, and a
   * platform that is disconnected holds it until its queued messages are sent.
   */
  idle(): Promise<void>;
  /** Chat lines handled since start, and a wait until `count` have been (a line that came in over a real client). */
  lines: { handled(): number; until(count: number): Promise<void> };
  stop(): Promise<void>;
}

/** Starts everything one show needs; `stop()` shuts down in the safe order. */
export async function startShowcart(options: ShowcartOptions): Promise<Showcart> {
  const { config, log } = options;
  const featureList = options.features ?? FEATURES;
  const commandNames = featureList.flatMap((f) => f.commands ?? []).map((c) => c.name);
  // A show handed over as an object (not read from a file) is held to the same command names.
  const misnamed = checkCommandNames(config, commandNames);
  if (misnamed.length > 0) throw new Error(`the show config has unknown command names: ${misnamed.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const runtime = await createRuntime({
    config,
    database: options.database,
    log,
    secrets: options.secrets,
    ...(options.schedule && { schedule: options.schedule }),
    // A link made by a sibling show reaches this one within half a minute.
    ...(options.siblings !== undefined && { viewerCacheMs: 30_000 }),
  });
  const { store, bus, outbox, show, events } = runtime;
  const features = new FeatureStates(featureList, runtime);
  const wiring = new LiveWiring(config, { services: runtime, features, schedule: runtime.schedule });
  const polls = features.of(pollsFeature);
  const promotions = features.of(promotionsFeature).control;

  const media = options.media?.enabled ? await startMediaServer(options, runtime) : undefined;

  const server = createServer();
  const shares = new TokenShares({ store, showId: show.id, outbox, log });
  const hooks = (platform: BotPlatform, token: string) => {
    shares.add(platform, token);
    const beforeLogin = shares.beforeLogin(platform, token);
    return beforeLogin ? { beforeLogin } : {};
  };
  const plan = planChannels(config, { server, secrets: options.secrets, log, factories: options.factories ?? {}, hooks });
  const channels = [...plan.channels, ...(options.extraChannels ?? [])];
  // The page's cart drawer asks the web chat whose session it holds.
  const webChat = channels.find((c): c is Channel & { viewerOf(session: unknown): string | undefined } => c.platform === 'web' && 'viewerOf' in c);
  const admin = createAdminAuth({
    tokenEnv: config.admin.tokenEnv,
    secrets: options.secrets,
    dir: options.adminTokenDir !== undefined ? options.adminTokenDir : adminTokenDir(options.database),
    file: adminTokenFile(config.show.id, options.siblings !== undefined),
    cookie: sessionCookieName(config.show.id, options.siblings !== undefined),
    log,
  });
  const liveConfig = createLiveConfig({
    file: options.configPath ?? null,
    show,
    store,
    codes: runtime.codes,
    bus,
    secrets: options.secrets,
    log,
    rewire: (next) => wiring.replace(next),
    watch: options.watchConfig ?? true,
    commands: commandNames,
  });
  const { api, root, metrics, overlay } = showRouters({
    options,
    runtime,
    admin,
    liveConfig,
    media,
    polls: polls.control,
    promotions,
    ai: features.of(aiHelper).control,
    picks: features.of(recommendations),
    channels: () => channels,
    skipped: () => plan.skipped,
    webViewer: (session) => webChat?.viewerOf(session),
  });
  const app = createHttpApp({
    show,
    channels: () => channels,
    skipped: () => plan.skipped,
    outbox: () => outbox.stats(),
    startedAt: Date.now(),
    api,
    root,
    log,
  });
  server.on('request', app);

  const stopAudience = sampleAudience({
    channels: () => channels,
    bus,
    log,
    ...(options.audienceEveryMs !== undefined && { everyMs: options.audienceEveryMs }),
  });
  for (const s of plan.skipped) log.info({ platform: s.platform }, `${s.platform} skipped: ${s.reason}`);
  for (const u of runtime.payments.unconfigured()) {
    log.warn({ provider: u.provider, missing: u.missing }, `checkout provider ${u.provider} is off: set ${u.missing.join(' and ')} in the environment`);
  }
  for (const channel of channels) {
    if (channel.platform === 'telegram' && channel.payments) runtime.telegramInvoices.attach(channel.payments);
    outbox.register(channel);
    // A platform that cannot connect retries on its own; it never holds up the others.
    await channel.start(wiring.ingest).catch((err: unknown) => log.error({ err, platform: channel.platform }, 'channel failed to start'));
  }
  await shares.start();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.server.port, config.server.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = config.server.publicUrl ?? `http://localhost:${port}`;
  runtime.site.listening(port);
  // With web edges (scale.nats) the page's public picture and a viewer's reads reach them over NATS.
  const edges = config.scale
    ? await startCoreFeeds({
        natsUrl: config.scale.nats,
        showId: config.show.id,
        storefront: () => storefront({ show, flash: runtime.flash, reads: runtime.reads, log }),
        overlay,
        selfUrl: `http://${loopback(config.server.host)}:${port}`,
        log,
      })
    : undefined;
  void bus.emit('app.started', { channels: channels.map((c) => c.platform), skipped: plan.skipped });

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      liveConfig.close();
      metrics.stop();
      await edges?.stop();
      for (const c of channels) if (c.stopIntake) await c.stopIntake();
      stopAudience();
      await wiring.stop();
      // Features stop before the outbox is flushed so what they still have to say (merged alerts) goes out with the rest.
      await features.stop();
      const left = await outbox.flush(5000);
      if (left > 0) log.warn({ left }, 'messages still queued at shutdown were dropped');
      await Promise.allSettled(channels.map((c) => c.stop()));
      await shares.stop();
      // Stopping media ends the show (show.offline), which is logged before the store closes.
      await media?.stop().catch((err: unknown) => log.error({ err }, 'media did not stop cleanly'));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await bus.emit('app.stopped', { droppedAtShutdown: left });
      await runtime.close();
    })());

  return {
    url,
    port,
    server,
    bus,
    outbox,
    show,
    store,
    events,
    channels,
    skipped: plan.skipped,
    runtime,
    flash: runtime.flash,
    media,
    polls: polls.control,
    admin: { require: admin.require, source: admin.source },
    promotions,
    config: liveConfig,
    idle: () => runtime.idle(() => wiring.settled()),
    lines: { handled: () => wiring.linesHandled, until: (count) => wiring.whenHandled(count) },
    stop,
  };
}

/** The RTMP server: a failure (a port in use) is logged and the show runs on without it. */
async function startMediaServer(options: ShowcartOptions, runtime: Runtime): Promise<MediaServer | undefined> {
  const { log } = options;
  const { show, bus } = runtime;
  // The stream starts and ends the show run (and its clock); everything else media says is a status fact.
  const onEvent = (e: MediaEvent) => {
    const { type, at, ...data } = e;
    if (type === 'stream.live') void show.goLive(at, data);
    else if (type === 'stream.offline') void show.goOffAir(at, data);
    else void bus.emit('media.status', { type, at, data });
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

/** This process's own server from inside: a wildcard listen address is reached on the loopback. */
const loopback = (host: string) => (host === '0.0.0.0' || host === '' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host);
