import type { Logger } from 'pino';
import type { ShowConfig } from '../config/schema/index.js';
import type { Bus } from './bus.js';
import type { ChatEvent } from './chat-types.js';
import type { CommandRouter } from './commands/command-router.js';
import { commandPrefix } from './commands/command-router.js';
import type { CommandTable } from './commands/command-table.js';
import { parseCommand, type ParseResult } from './commands/parse-command.js';
import type { EventLog } from './store/event-log.js';
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
  commands: CommandRouter;
  viewers: ViewerDirectory;
  events: EventLog;
  log: Logger;
  gates: InboundGates;
}

/**
 * The one path every chat line takes, whatever its platform: drop our own lines, know the viewer,
 * log it, then hand it on as a command or as a message. Returns a function adapters call.
 */
export function createInbound(deps: InboundDeps): { ingest: (e: ChatEvent) => Promise<void>; close: () => Promise<void> } {
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
    deps.events.append({
      type: 'chat.message',
      platform: event.platform,
      viewerId: viewer.viewerId,
      at: event.receivedAt,
      data: { channelId: event.channelId, messageId: event.messageId, userId: event.user.id, user: event.user.name, roles: event.user.roles, text: event.text },
    });
    // Parsing is pure, so the gates and the dispatch below share one reading of the line.
    const parsed = parseCommand(event.text, deps.table);
    // A line stopped by moderation is neither relayed nor run as a command.
    const passed = deps.gates.pass({ event, viewer, parsed });
    if (!(typeof passed === 'boolean' ? passed : await passed)) return;
    if (parsed.kind === 'none') {
      // A private message to the bot is between the viewer and the bot.
      if (!event.direct) await deps.bus.emit('chat.message', { event, viewer });
      return;
    }
    if (parsed.kind === 'error') {
      deps.events.append({ type: 'command.error', platform: event.platform, viewerId: viewer.viewerId, data: { text: event.text, error: parsed.message } });
      // Unknown words after "!" may belong to another bot in the same chat; the show decides.
      if (parsed.name !== undefined || deps.config.commands.replyToUnknown) deps.commands.reply(event, { text: parsed.message });
      return;
    }
    const { command } = parsed;
    deps.events.append({
      type: 'command',
      platform: event.platform,
      viewerId: viewer.viewerId,
      data: { name: command.name, alias: command.alias, args: command.args, prefix: commandPrefix(event.platform) },
    });
    await deps.bus.emit('chat.command', { event, viewer, command });
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
    /** Stops intake and waits for lines already being handled, so shutdown never closes the store under them. */
    close: () => {
      open = false;
      if (inFlight === 0) return Promise.resolve();
      return (idle ??= new Promise<void>((resolve) => (drained = resolve)));
    },
  };
}
