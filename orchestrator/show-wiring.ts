import type { Logger } from 'pino';
import type { ShowConfig } from '../config/schema/index.js';
import { Bus } from './bus.js';
import { AmbassadorStore } from './commerce/ambassador-store.js';
import { Catalog } from './commerce/catalog.js';
import { OrderService } from './commerce/order-service.js';
import type { PromoCodes } from './commerce/promo-codes.js';
import { supporterDiscounts } from './commerce/supporter-perks.js';
import type { Tips } from './commerce/tips.js';
import { CommandRouter } from './commands/command-router.js';
import { CommandTable } from './commands/command-table.js';
import type { ChatEvent } from './chat-types.js';
import type { Feature, FeatureContext } from './features/feature.js';
import type { FlashControl } from './features/promotions/promotions.js';
import { createInbound, InboundGates } from './inbound.js';
import type { Outbox } from './outbox/outbox.js';
import type { RunningShow } from './show.js';
import type { EventLog } from './store/event-log.js';
import type { Store } from './store/store.js';
import type { ViewerDirectory } from './store/viewer-directory.js';

/** What outlives a config reload: the connections, the queue, the store, the show and its clock. */
export interface WiringBase {
  bus: Bus;
  outbox: Outbox;
  show: RunningShow;
  events: EventLog;
  log: Logger;
  store: Store;
  viewers: ViewerDirectory;
  codes: PromoCodes;
  tips: Tips;
  flash: FlashControl;
  features: readonly Feature[];
}

/** What one show config wires: commands, the catalog, order rules, every feature, the inbound path. */
export interface Wiring {
  config: ShowConfig;
  commerce: FeatureContext['commerce'];
  ingest(event: ChatEvent): Promise<void>;
  /** Stops intake, waits for lines in flight, stops every feature and drops their subscriptions. */
  stop(): Promise<void>;
}

/**
 * Everything that depends on the show file, built from one config. A config reload stops one
 * wiring and starts the next, so new aliases, products and rules take effect without touching
 * the chat connections or the outbox.
 */
export function wireShow(config: ShowConfig, base: WiringBase): Wiring {
  const { store, show, log } = base;
  const scope = scopedBus(base.bus);
  const bus = scope.bus;
  const table = new CommandTable(config.commands);
  const commands = new CommandRouter(bus, base.outbox, log);
  const catalog = new Catalog(config);
  const orders = new OrderService(store, show.id, catalog, {
    mode: config.checkout?.mode ?? 'hold',
    holdMs: config.checkout?.hold ?? 15 * 60_000,
    wholesale: config.show.private,
    codes: base.codes,
    flash: base.flash,
    supporterDiscount: supporterDiscounts(config),
  });
  const ambassadors = new AmbassadorStore(store, show.id, base.codes, config.ambassadors);
  const commerce = { catalog, orders, codes: base.codes, ambassadors, tips: base.tips };
  const gates = new InboundGates();
  const { outbox, events, viewers } = base;
  const ctx: FeatureContext = { config, bus, outbox, commands, table, show, events, log, commerce, store, viewers, gates };
  const stops = base.features.map((feature) => feature(ctx));
  const inbound = createInbound({ config, bus, table, commands, viewers, events, log, gates });
  return {
    config,
    commerce,
    ingest: inbound.ingest,
    stop: async () => {
      await inbound.close();
      // Features stop first so what they still have to say (merged alerts) is queued with the rest.
      for (const s of stops) s?.();
      scope.close();
    },
  };
}

/**
 * The wiring of the running config, replaceable while chat flows: lines that arrive during a
 * swap wait and go to the new wiring, so none is lost and none is handled twice.
 */
export class LiveWiring {
  private wiring: Wiring;
  private waiting: ChatEvent[] | undefined;

  constructor(
    config: ShowConfig,
    private readonly base: WiringBase,
  ) {
    this.wiring = wireShow(config, base);
  }

  get commerce(): Wiring['commerce'] {
    return this.wiring.commerce;
  }

  /** What channels call for every inbound line. */
  readonly ingest = (event: ChatEvent): Promise<void> => {
    if (this.waiting) {
      this.waiting.push(event);
      return Promise.resolve();
    }
    return this.wiring.ingest(event);
  };

  /** Stops the current wiring and starts one for `config`; if that fails, the previous config is wired again and the error thrown. */
  async replace(config: ShowConfig): Promise<void> {
    this.waiting ??= [];
    const previous = this.wiring;
    try {
      await previous.stop();
      try {
        this.wiring = wireShow(config, this.base);
      } catch (err) {
        this.wiring = wireShow(previous.config, this.base);
        throw err;
      }
    } finally {
      const lines = this.waiting ?? [];
      this.waiting = undefined;
      for (const line of lines) void this.wiring.ingest(line);
    }
  }

  async stop(): Promise<void> {
    this.waiting = [];
    await this.wiring.stop();
  }
}

/**
 * The app's bus as one wiring sees it: the same subscribers and events, but every subscription
 * made through it can be dropped at once (the command router never unsubscribes on its own).
 */
function scopedBus(bus: Bus): { bus: Bus; close(): void } {
  const offs: Array<() => void> = [];
  // Inherits emit() and the handler table from the real bus; only on() is recorded.
  const scoped = Object.create(bus) as Bus;
  scoped.on = (event, handler) => {
    const off = bus.on(event, handler);
    offs.push(off);
    return off;
  };
  return { bus: scoped, close: () => offs.splice(0).forEach((off) => off()) };
}

/**
 * A stand-in that always calls the current object (the order service of the current wiring), for
 * routers built once at start-up.
 */
export function current<T extends object>(get: () => T): T {
  return new Proxy({} as T, {
    get(_target, key) {
      const target = get();
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
