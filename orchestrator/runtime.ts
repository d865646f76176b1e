import type { Logger } from 'pino';
import type { ShowConfig } from '../config/schema/index.js';
import { Bus } from './bus.js';
import { AmbassadorStore } from './commerce/ambassador-store.js';
import { AuctionHouse } from './commerce/auctions/auction-house.js';
import { GiveawayDesk } from './commerce/giveaways/giveaway-desk.js';
import { FlashSales } from './commerce/flash-sales.js';
import { Carts } from './commerce/carts/cart-service.js';
import { OrderService, type OrderRules } from './commerce/order-service.js';
import { paymentProviders } from './commerce/payments/payment-providers.js';
import { Payments } from './commerce/payments/payments.js';
import { SiteLinks } from './commerce/payments/site-links.js';
import { TelegramInvoices } from './commerce/payments/telegram-invoices.js';
import { planPolicy } from './commerce/order-plan.js';
import { PromoCodes } from './commerce/promo-codes.js';
import { Tips } from './commerce/tips.js';
import { EventLog } from './events/event-log.js';
import type { FeatureServices } from './feature.js';
import { Outbox } from './outbox/outbox.js';
import { cronScheduler } from './shared/cron.js';
import type { Secrets } from './shared/secrets.js';
import { ShowSchedule, type ShowScheduleDeps } from './show-schedule.js';
import { RunningShow } from './show.js';
import { syncCatalog } from './store/catalog-sync.js';
import type { DatabaseOptions } from './store/database.js';
import { linkCodes } from './store/link-codes.js';
import { PollStore } from './store/poll-store.js';
import { showReads } from './store/show-reads.js';
import { sentLine } from './events/sent-lines.js';
import { showRunLog } from './store/show-runs.js';
import { openStore, type Store } from './store/store.js';
import { ViewerDirectory } from './store/viewer-directory.js';

export interface RuntimeOptions {
  config: ShowConfig;
  database: DatabaseOptions;
  log: Logger;
  /** Where payment providers read their keys. */
  secrets: Secrets;
  /** How cron plans and random moments are drawn; croner and Math.random unless a test pins them. */
  schedule?: Partial<ShowScheduleDeps>;
  /** Other shows link accounts on the same database (`--shows`): trust cached viewer mappings this long. */
  viewerCacheMs?: number;
}

/**
 * Everything that lives as long as the process: the store, the one event stream, the outbox, the
 * running show and its clock, and every stateful core service. Built once; a reload of the show
 * file swaps the config the show holds and nothing here.
 */
export interface Runtime extends FeatureServices {
  store: Store;
  events: EventLog;
  flash: FlashSales;
  schedule: ShowSchedule;
  /** Telegram Bot Payments: the app attaches the Telegram channel's desk once it is made. */
  telegramInvoices: TelegramInvoices;
  /** Resolves when the bus, the outbox, the write queue and the event log are drained (after `also`). */
  idle(also?: () => Promise<void>): Promise<void>;
  /** Shuts the store after the event log's last rows; channels and wiring must be stopped first. */
  close(): Promise<void>;
}

export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { config, log } = options;
  const store = await openStore(options.database);
  if (store.applied.length > 0) log.info({ migrations: store.applied }, 'database schema updated');
  const catalog = await syncCatalog(store, config);
  if (catalog.length > 0) log.info({ changes: catalog.length }, 'catalog synced from the show file');

  const bus = new Bus((event, err) => log.error({ err, event }, 'a feature failed on an event'));
  const show = new RunningShow(config, showRunLog(store.models), bus);
  const events = new EventLog(
    bus,
    store.models.LoggedEvent,
    () => show.id,
    (at) => show.clock(at),
    log,
  );
  const outbox = new Outbox({
    log: log.child({ part: 'outbox' }),
    // Our own lines become a fact too, so the dashboard's chat column (and its history) shows what the show said.
    onQueued: (out) => {
      const line = sentLine(out);
      if (line) void bus.emit('chat.sent', line);
    },
  });
  const codes = new PromoCodes(store, show.id);
  await codes.sync(config);
  const flash = new FlashSales(bus, show);
  const orders = new OrderService(store, show.id, orderRulesOf(show), { codes, flash });
  const carts = new Carts(store, show.id, orders.writes, {
    shipping: () => show.config.checkout?.shipping,
    manualPayWithinMs: () => show.config.checkout?.builtin.payWithin ?? 72 * 3_600_000,
    holdMs: () => show.config.checkout?.hold ?? 15 * 60_000,
    texts: () => show.texts,
  });
  const site = new SiteLinks(show);
  // Payments is made with the providers, and Telegram's payments land in Payments: hence the closure.
  const telegramInvoices: TelegramInvoices = new TelegramInvoices({
    carts,
    apply: (report) => payments.apply(report),
    log: log.child({ part: 'payments' }),
    texts: () => show.texts,
  });
  const payments = new Payments({
    carts,
    bus,
    show,
    site,
    log: log.child({ part: 'payments' }),
    providers: paymentProviders(
      config,
      options.secrets,
      () => show.config.checkout,
      () => telegramInvoices.desk,
    ),
  });
  const auctions = new AuctionHouse({
    store,
    bus,
    show,
    writes: orders.writes,
    carts,
    holds: () => planPolicy(show.config).mode === 'hold',
    log: log.child({ part: 'auctions' }),
  });
  await auctions.restore();
  const ambassadors = new AmbassadorStore(store, show.id, codes, () => show.config.ambassadors);
  const schedule = new ShowSchedule(bus, show, { cron: options.schedule?.cron ?? cronScheduler, random: options.schedule?.random ?? Math.random });
  const reads = showReads(
    store,
    () => show.id,
    () => events.flush(),
  );
  const giveaways = new GiveawayDesk({
    store,
    bus,
    show,
    writes: orders.writes,
    holds: () => planPolicy(show.config).mode === 'hold',
    reads,
    log: log.child({ part: 'giveaways' }),
  });
  await giveaways.restore();

  const idle = async (also?: () => Promise<void>) => {
    // Each step may start work for the others (a handler queues a reply, a reply's send logs a fact), so go round until all are still.
    for (let round = 0; round < 100; round++) {
      await also?.();
      await bus.settled();
      await outbox.drained();
      await store.writes.idle();
      await events.flush();
      if (!bus.busy && outbox.isIdle) return;
    }
  };

  return {
    store,
    bus,
    outbox,
    show,
    log,
    events,
    flash,
    schedule,
    telegramInvoices,
    viewers: new ViewerDirectory(store, options.viewerCacheMs),
    orders,
    carts,
    payments,
    site,
    codes,
    ambassadors,
    tips: new Tips(store, show.id),
    links: linkCodes(store, show.id),
    auctions,
    giveaways,
    secrets: options.secrets,
    pollRecords: new PollStore(store, show.id, (err, lost) => log.error({ err, lost }, 'votes could not be stored')),
    reads,
    idle,
    close: async () => {
      flash.dispose();
      auctions.dispose();
      giveaways.dispose();
      events.close();
      await events.flush();
      await store.close();
    },
  };
}

/** The catalog and order policy of the show file in force, made once per config. */
function orderRulesOf(show: RunningShow): () => OrderRules {
  let made: { config: ShowConfig; rules: OrderRules } | undefined;
  return () => {
    if (made?.config !== show.config) made = { config: show.config, rules: { catalog: show.catalog, policy: planPolicy(show.config) } };
    return made.rules;
  };
}
