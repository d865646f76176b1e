import type { Logger } from 'pino';
import type { ShowConfig } from '../config/schema/index.js';
import type { Bus } from './bus.js';
import type { ChatEvent } from './chat-types.js';
import { commandPrefix, type CommandReply } from './commands/command-router.js';
import type { CommandTable } from './commands/command-table.js';
import { parseCommand, type ParseResult } from './commands/parse-command.js';
import { textsFor } from './i18n/texts.js';
import type { ViewerDirectory, ViewerRef } from './store/viewer-directory.js';

/** What a gate is shown: the line, its viewer, and the line read as a command (parsed once per line). */
export interface GateInput {
  event: ChatEvent;
  viewer: ViewerRef;
  parsed: ParseResult;
}

/**
 * A check every viewer line passes before it counts as a message or a command (moderation).
 * It answers whether the line may go on; a gate that stops a line takes its own actions.
 */
export type InboundGate = (input: GateInput) => boolean | Promise<boolean>;

/** Where features add gates; the inbound path runs them in the order they were added. */
export class InboundGates {
  private readonly gates: InboundGate[] = [];

  add(gate: InboundGate): () => void {
    this.gates.push(gate);
    return () => {
      const i = this.gates.indexOf(gate);
      if (i >= 0) this.gates.splice(i, 1);
    };
  }

  /** Synchronous while every gate answers synchronously (moderation does), so a chat line waits for nothing. */
  pass(input: GateInput): boolean | Promise<boolean> {
    for (let i = 0; i < this.gates.length; i++) {
      const verdict = this.gates[i]!(input);
      if (typeof verdict !== 'boolean') return this.passFrom(i, verdict, input);
      if (!verdict) return false;
    }
    return true;
  }

  private async passFrom(i: number, pending: Promise<boolean>, input: GateInput): Promise<boolean> {
    if (!(await pending)) return false;
    const gates = this.gates.slice(i + 1);
    for (const gate of gates) if (!(await gate(input))) return false;
    return true;
  }
}

export interface InboundDeps {
  config: ShowConfig;
  bus: Bus;
  table: CommandTable;
  viewers: ViewerDirectory;
  log: Logger;
  gates: InboundGates;
  /** Answers a line that is no command of this show (its error message). */
  reply(event: ChatEvent, reply: CommandReply): void;
}

/**
 * The one path every chat line takes, whatever its platform: drop our own lines, know the viewer,
 * tell it (`chat.received`, which the event log keeps), let the gates judge it, then hand it on as
 * a command or as a message. The promise resolves when every subscriber has handled the line.
 */
export interface Inbound {
  ingest(event: ChatEvent): Promise<void>;
  /** Resolves once no line is being handled. */
  settled(): Promise<void>;
  /** Stops intake and waits for lines already being handled, so shutdown never closes the store under them. */
  close(): Promise<void>;
}

export function createInbound(deps: InboundDeps): Inbound {
  // One wiring per show file: its language is this wiring's for every mistake the parser answers.
  const texts = textsFor(deps.config.show.language);
  let open = true;
  // Viewers are resolved one line at a time so lines keep their arrival order even when one
  // needs a database round trip (a new viewer) and the next is a cache hit.
  let tail: Promise<unknown> = Promise.resolve();
  // Lines whose viewer is being resolved through the chain; while none is, a known viewer needs no wait.
  let resolving = 0;
  const ingest = async (event: ChatEvent): Promise<void> => {
    if (!open || event.self) return;
    let viewer = resolving === 0 ? deps.viewers.known(event.platform, event.user) : undefined;
    if (!viewer) {
      resolving++;
      const resolved = tail.then(() => deps.viewers.resolve(event.platform, event.user));
      tail = resolved.catch(() => undefined);
      try {
        viewer = await resolved;
      } finally {
        resolving--;
      }
    }
    // A tap in a native poll is a vote, not a chat line: nothing to moderate, parse or relay.
    if (event.pollAnswer) {
      await deps.bus.emit('poll.answer', { event, viewer, ...event.pollAnswer });
      return;
    }
    await deps.bus.emit('chat.received', { event, viewer });
    // Parsing is pure, so the gates and the dispatch below share one reading of the line.
    const parsed = parseCommand(event.text, deps.table, texts);
    // A line stopped by moderation is neither relayed nor run as a command.
    const passed = deps.gates.pass({ event, viewer, parsed });
    if (!(typeof passed === 'boolean' ? passed : await passed)) return;
    if (parsed.kind === 'none') {
      // A private message to the bot is between the viewer and the bot.
      if (!event.direct) await deps.bus.emit('chat.message', { event, viewer });
      return;
    }
    if (parsed.kind === 'error') {
      // Unknown words after "!" may belong to another bot in the same chat; the show decides.
      const answer = parsed.name !== undefined || deps.config.commands.replyToUnknown;
      await deps.bus.emit('command.error', { event, viewer, message: parsed.message });
      if (answer) deps.reply(event, { text: parsed.message });
      return;
    }
    await deps.bus.emit('chat.command', { event, viewer, command: parsed.command, prefix: commandPrefix(event.platform) });
    if (deps.config.relay.commands && !event.direct) await deps.bus.emit('chat.message', { event, viewer });
  };
  // Lines being handled, counted rather than kept: one settle callback per line, no set of promises.
  let inFlight = 0;
  let drained: (() => void) | undefined;
  let idle: Promise<void> | undefined;
  const settle = () => {
    if (--inFlight === 0 && drained) {
      drained();
      drained = idle = undefined;
    }
  };
  return {
    ingest: (e) => {
      inFlight++;
      return ingest(e).then(settle, (err: unknown) => {
        deps.log.error({ err, platform: e.platform }, 'inbound line failed');
        settle();
      });
    },
    settled: () => {
      if (inFlight === 0) return Promise.resolve();
      return (idle ??= new Promise<void>((resolve) => (drained = resolve)));
    },
    close: () => {
      open = false;
      if (inFlight === 0) return Promise.resolve();
      return (idle ??= new Promise<void>((resolve) => (drained = resolve)));
    },
  };
}
