import type { Logger } from 'pino';
import type { ShowConfig } from '../config/schema/index.js';
import type { Bus } from './bus.js';
import type { CommandRegistry } from './commands/command-router.js';
import type { CommandTable } from './commands/command-table.js';
import type { CommandSpec } from './commands/command-specs.js';
import type { AmbassadorStore } from './commerce/ambassador-store.js';
import type { AuctionHouse } from './commerce/auctions/auction-house.js';
import type { GiveawayDesk } from './commerce/giveaways/giveaway-desk.js';
import type { FlashSales } from './commerce/flash-sales.js';
import type { Carts } from './commerce/carts/cart-service.js';
import type { OrderService } from './commerce/order-service.js';
import type { Payments } from './commerce/payments/payments.js';
import type { SiteLinks } from './commerce/payments/site-links.js';
import type { PromoCodes } from './commerce/promo-codes.js';
import type { Tips } from './commerce/tips.js';
import type { InboundGates } from './inbound.js';
import type { Outbox } from './outbox/outbox.js';
import type { ShowTimetable } from './show-schedule.js';
import type { RunningShow } from './show.js';
import type { ShowReads } from './store/show-reads.js';
import type { LinkCodes } from './store/link-codes.js';
import type { PollStore } from './store/poll-store.js';
import type { ViewerDirectory } from './store/viewer-directory.js';
import type { Secrets } from './shared/secrets.js';

/**
 * The process-lived services every feature may use: facts in and out, messages out, the show and
 * its clock, and commerce through its services. Never a platform client, never the ORM.
 */
export interface FeatureServices {
  bus: Bus;
  outbox: Outbox;
  show: RunningShow;
  log: Logger;
  /** Who is who: told when identities are linked, so no line resolves to a merged viewer. */
  viewers: ViewerDirectory;
  orders: OrderService;
  /** One cart per buyer per show: what they check out, pay once and get shipped. */
  carts: Carts;
  /** Who takes the money, and the one place payments arrive. */
  payments: Payments;
  /** Links to showcart's own pages (checkout) as viewers reach them. */
  site: SiteLinks;
  /** Flash prices the order path uses; started by schedule or the dashboard. */
  flash: FlashSales;
  codes: PromoCodes;
  ambassadors: AmbassadorStore;
  tips: Tips;
  links: LinkCodes;
  /** Where polls and their votes are kept. */
  pollRecords: PollStore;
  /** Live auctions: bids decided in one ordering across every chat, the winner's item to their cart. */
  auctions: AuctionHouse;
  /** Giveaways: entries across every chat, a draw anyone can check, the prize to the winner's cart. */
  giveaways: GiveawayDesk;
  reads: ShowReads;
  /** Keys of outside services a feature talks to itself (the AI helper's model server), read from the environment. */
  secrets: Pick<Secrets, 'read'>;
}

/**
 * One show file's wiring of a feature: its config, where it registers commands, gates and
 * schedules, and a bus whose subscriptions end with this wiring. Nothing here outlives a reload.
 */
export interface FeatureContext extends FeatureServices {
  config: ShowConfig;
  commands: CommandRegistry;
  table: CommandTable;
  gates: InboundGates;
  timetable: ShowTimetable;
}

/**
 * A feature in two lifetimes. `start` makes its state once per process (an open poll, strikes,
 * pending alerts); `wire` connects it to one show file (commands, gates, subscriptions, schedules)
 * and holds nothing, so a reload simply wires again. No feature knows that reloads exist.
 */
export interface Feature<S = void> {
  readonly name: string;
  /** The commands this feature defines (their handlers are registered in `wire`). */
  readonly commands?: readonly CommandSpec[];
  start?(services: FeatureServices): S;
  wire(ctx: FeatureContext, state: S): void;
  /** At shutdown, before the outbox is flushed: say what is still due, clear timers. */
  stop?(state: S): void | Promise<void>;
}

/** A feature of any state, as lists hold them. */
export type AnyFeature = Feature<unknown>;

/** The states of a list of features, made once when showcart starts. */
export class FeatureStates {
  private readonly states = new Map<AnyFeature, unknown>();

  constructor(
    readonly features: ReadonlyArray<AnyFeature>,
    services: FeatureServices,
  ) {
    for (const f of features) this.states.set(f, f.start?.(services));
  }

  of<S>(feature: Feature<S>): S {
    const key = feature as unknown as AnyFeature;
    if (!this.states.has(key)) throw new Error(`feature ${feature.name} is not running`);
    return this.states.get(key) as S;
  }

  wire(ctx: FeatureContext): void {
    for (const f of this.features) f.wire(ctx, this.states.get(f));
  }

  async stop(): Promise<void> {
    for (const f of this.features) await f.stop?.(this.states.get(f));
  }
}
