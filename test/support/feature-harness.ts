import { parseShow } from '../../config/loader.js';
import type { ShowConfig } from '../../config/schema/index.js';
import { Bus } from '../../orchestrator/bus.js';
import type { Outbound } from '../../orchestrator/chat-types.js';
import { FlashSales } from '../../orchestrator/commerce/flash-sales.js';
import type { IssueCodeRequest, PromoIssuer } from '../../orchestrator/commerce/promo-issuer.js';
import { logRowOf, type LogRow } from '../../orchestrator/events/log-rows.js';
import { FeatureStates, type AnyFeature, type Feature, type FeatureServices } from '../../orchestrator/feature.js';
import type { Outbox } from '../../orchestrator/outbox/outbox.js';
import type { CronScheduler } from '../../orchestrator/shared/cron.js';
import { ShowSchedule } from '../../orchestrator/show-schedule.js';
import { LiveWiring } from '../../orchestrator/show-wiring.js';
import { RunningShow } from '../../orchestrator/show.js';
import { memoryLog } from './quiet-log.js';

/** Codes issued in memory, in the order asked for. */
export class MemoryIssuer implements PromoIssuer {
  readonly issued: IssueCodeRequest[] = [];
  async issue(request: IssueCodeRequest) {
    this.issued.push(request);
    return { code: request.code ?? `${request.prefix}-${1000 + this.issued.length}`, expiresAt: Date.now() + request.validMs };
  }
}

/** A cron scheduler driven by hand: `tick(expr@tz)` is "the cron time came". */
export class HandCron {
  readonly active = new Map<string, () => void>();
  readonly scheduler: CronScheduler = (expression, timezone, run) => {
    const key = `${expression}@${timezone}`;
    this.active.set(key, run);
    return { stop: () => this.active.delete(key) };
  };
  tick(key: string): void {
    this.active.get(key)?.();
  }
}

export interface HarnessOptions {
  /** Services the features under test use (orders, reads …); the rest throw if touched. Made from the harness's bus and show when they need them. */
  services?: Partial<FeatureServices> | ((core: { bus: Bus; show: RunningShow }) => Partial<FeatureServices>);
  cron?: CronScheduler;
  random?: () => number;
}

export interface FeatureHarness {
  config: ShowConfig;
  bus: Bus;
  show: RunningShow;
  services: FeatureServices;
  states: FeatureStates;
  wiring: LiveWiring;
  /** Everything the features queued for the chats. */
  sent: Outbound[];
  texts(): string[];
  /** Every fact emitted, as the event log would write it. */
  logged: LogRow[];
  state<S>(feature: Feature<S>): S;
  /** The stream goes live at `at` (show clock zero); resolves once `show.live` is handled. */
  live(at?: number): Promise<void>;
  offline(at?: number): Promise<void>;
  /** A reload of the show file: the same features, wired for `yaml`. */
  reload(yaml: string): Promise<void>;
  stop(): Promise<void>;
}

export const parseYaml = (yaml: string): ShowConfig => parseShow(yaml, 'test.yaml', {}).config;

/**
 * Features on the real bus, show clock, schedule and wiring, without a store or channels: what
 * they queue for the chats and the facts they emit are recorded. Fake timers drive the clock.
 */
export function featureHarness(yaml: string, features: readonly AnyFeature[], options: HarnessOptions = {}): FeatureHarness {
  const config = parseYaml(yaml);
  const bus = new Bus((_event, err) => {
    throw err;
  });
  let runs = 0;
  const show = new RunningShow(config, { open: () => Promise.resolve(++runs), close: () => Promise.resolve() }, bus);
  const sent: Outbound[] = [];
  const logged: LogRow[] = [];
  bus.tap((e) => {
    const row = logRowOf(e);
    if (row) logged.push(row);
  });
  const outbox = { enqueue: (out: Outbound) => void sent.push(out), canDirectMessage: () => false, allRooms: () => [] } as unknown as Outbox;
  const unused = (name: string) =>
    new Proxy(
      {},
      {
        get: (_t, key) => {
          throw new Error(`the harness has no ${name} (asked for ${String(key)})`);
        },
      },
    );
  const services: FeatureServices = {
    bus,
    outbox,
    show,
    log: memoryLog().log,
    viewers: unused('viewers') as FeatureServices['viewers'],
    orders: unused('orders') as FeatureServices['orders'],
    carts: unused('carts') as FeatureServices['carts'],
    payments: unused('payments') as FeatureServices['payments'],
    site: unused('site') as FeatureServices['site'],
    codes: new MemoryIssuer() as unknown as FeatureServices['codes'],
    ambassadors: unused('ambassadors') as FeatureServices['ambassadors'],
    tips: unused('tips') as FeatureServices['tips'],
    links: unused('links') as FeatureServices['links'],
    reads: unused('reads') as FeatureServices['reads'],
    secrets: { read: () => undefined },
    pollRecords: unused('pollRecords') as FeatureServices['pollRecords'],
    auctions: unused('auctions') as FeatureServices['auctions'],
    giveaways: unused('giveaways') as FeatureServices['giveaways'],
    flash: new FlashSales(bus, show),
    ...(typeof options.services === 'function' ? options.services({ bus, show }) : options.services),
  };
  const schedule = new ShowSchedule(bus, show, { cron: options.cron ?? new HandCron().scheduler, random: options.random ?? (() => 0.5) });
  const states = new FeatureStates(features, services);
  const wiring = new LiveWiring(config, { services, features: states, schedule });
  const h: FeatureHarness = {
    config,
    bus,
    show,
    services,
    states,
    wiring,
    sent,
    texts: () => sent.map((o) => (o.body.kind === 'text' ? o.body.text : '')),
    logged,
    state: (feature) => states.of(feature),
    live: (at = Date.now()) => show.goLive(at),
    offline: (at = Date.now()) => show.goOffAir(at),
    reload: async (next) => {
      const nextConfig = { ...parseYaml(next), show: config.show };
      show.config = nextConfig;
      h.config = nextConfig;
      await wiring.replace(nextConfig);
    },
    stop: async () => {
      await wiring.stop();
      await states.stop();
      services.flash.dispose();
    },
  };
  return h;
}
