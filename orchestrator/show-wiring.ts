import type { ShowConfig } from '../config/schema/index.js';
import type { Bus } from './bus.js';
import type { ChatEvent } from './chat-types.js';
import { CommandRouter } from './commands/command-router.js';
import type { CommandSpec } from './commands/command-specs.js';
import { CommandTable } from './commands/command-table.js';
import type { FeatureServices, FeatureStates } from './feature.js';
import { createInbound, InboundGates, type Inbound } from './inbound.js';
import type { ShowSchedule } from './show-schedule.js';

/** What wiring a show file needs from the process: the features' services and states, and the show clock's schedule. */
export interface WiringBase {
  services: FeatureServices;
  features: FeatureStates;
  schedule: ShowSchedule;
}

/** One show file wired: the command table and router, gates, subscriptions, schedules and the inbound path. */
interface Wiring {
  config: ShowConfig;
  inbound: Inbound;
  /** Stops intake, waits for lines in flight, then drops every subscription, handler and schedule. */
  stop(): Promise<void>;
}

/** Every command the features define, in their order. */
export function commandSpecs(features: FeatureStates): CommandSpec[] {
  return features.features.flatMap((f) => f.commands ?? []);
}

/**
 * Everything that depends on the show file, built from one config. It holds no state: features
 * keep theirs in the states made once at start, so a reload is "stop this wiring, wire again".
 */
function wireShow(config: ShowConfig, base: WiringBase): Wiring {
  const { services, features } = base;
  const scope = scopedBus(services.bus);
  const timetable = base.schedule.scope();
  const table = new CommandTable(config.commands, commandSpecs(features));
  const commands = new CommandRouter(services.outbox, services.log, () => services.show.texts);
  const gates = new InboundGates();
  scope.bus.on('chat.command', (input) => commands.dispatch(input));
  features.wire({ ...services, bus: scope.bus, config, commands, table, gates, timetable });
  const inbound = createInbound({ config, bus: scope.bus, table, viewers: services.viewers, log: services.log, gates, reply: (e, r) => commands.reply(e, r) });
  return {
    config,
    inbound,
    stop: async () => {
      await inbound.close();
      timetable.close();
      scope.close();
    },
  };
}

/**
 * The wiring of the show file in force, replaceable while chat flows: lines that arrive during a
 * swap wait and go to the new wiring, so none is lost and none is handled twice.
 */
export class LiveWiring {
  private wiring: Wiring;
  private waiting: Array<{ event: ChatEvent; done: () => void }> | undefined;
  private handled = 0;
  private readonly watchers: Array<{ count: number; resolve: () => void }> = [];

  constructor(
    config: ShowConfig,
    private readonly base: WiringBase,
  ) {
    this.wiring = wireShow(config, base);
  }

  /** What channels call for every inbound line; resolves when it has been handled. */
  readonly ingest = (event: ChatEvent): Promise<void> => {
    const handled = this.waiting ? new Promise<void>((done) => this.waiting!.push({ event, done })) : this.wiring.inbound.ingest(event);
    // The bots' own lines echoed back by a platform are not counted: a test waits for the viewers' lines.
    return event.self ? handled : handled.then(() => this.count());
  };

  /** Viewer lines handled since start, for whoever waits on a line that came in over a real client (tests). */
  get linesHandled(): number {
    return this.handled;
  }

  /** Resolves once `count` lines in all have been handled. */
  whenHandled(count: number): Promise<void> {
    if (this.handled >= count) return Promise.resolve();
    return new Promise((resolve) => this.watchers.push({ count, resolve }));
  }

  private count(): void {
    this.handled++;
    for (let i = this.watchers.length - 1; i >= 0; i--) {
      if (this.watchers[i]!.count <= this.handled) this.watchers.splice(i, 1)[0]!.resolve();
    }
  }

  /** Resolves once no line is being handled by the wiring in force. */
  settled(): Promise<void> {
    return this.wiring.inbound.settled();
  }

  /** Stops the current wiring and wires `config`; if that fails, the previous config is wired again and the error thrown. */
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
      for (const { event, done } of lines) void this.wiring.inbound.ingest(event).then(done);
    }
  }

  async stop(): Promise<void> {
    this.waiting = [];
    await this.wiring.stop();
  }
}

/**
 * The app's bus as one wiring sees it: the same subscribers and events, but every subscription
 * made through it can be dropped at once.
 */
function scopedBus(bus: Bus): { bus: Bus; close(): void } {
  const offs: Array<() => void> = [];
  // Everything but on() runs on the real bus itself (its counters must not be shadowed here).
  const scoped = Object.create(bus) as Bus;
  scoped.emit = bus.emit.bind(bus);
  scoped.tap = bus.tap.bind(bus);
  scoped.settled = bus.settled.bind(bus);
  scoped.detach = bus.detach.bind(bus);
  scoped.on = (event, handler) => {
    const off = bus.on(event, handler);
    offs.push(off);
    return off;
  };
  return { bus: scoped, close: () => offs.splice(0).forEach((off) => off()) };
}
