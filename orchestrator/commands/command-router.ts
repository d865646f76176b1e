import type { Logger } from 'pino';
import type { ChatEvent, MergeForm, Outbound, OutboundLink, Priority, TextSpan } from '../chat-types.js';
import { textsFor, type Texts } from '../i18n/texts.js';
import type { Outbox } from '../outbox/outbox.js';
import type { ViewerRef } from '../store/viewer-directory.js';
import type { ParsedCommand } from './parse-command.js';
import type { CommandSpec } from './command-specs.js';

/** What a command handler answers; handlers return replies as data and never talk to a platform. */
export interface CommandReply {
  text: string;
  /** `text` with its viewer values marked (spread a `said` text in), so renderers escape them. */
  spans?: readonly TextSpan[];
  /** Send privately where the platform allows (order links, personal codes). */
  private?: boolean;
  /** Private only: if it cannot be delivered privately, the room gets a hint, never the text. */
  secret?: boolean;
  /** To everyone everywhere instead of the asker (e.g. a moderator's announcement). */
  broadcast?: boolean;
  priority?: Priority;
  /** A page the reply is about (a checkout link): a button or link where the platform has them. */
  link?: OutboundLink;
  /** Its short form, merged with the same answer to others while they wait for a busy room (a burst of buyers). */
  merge?: MergeForm;
}

export interface CommandInput {
  event: ChatEvent;
  viewer: ViewerRef;
  command: ParsedCommand;
  /** "!" or "/" as this platform writes commands, for replies that quote a command. */
  prefix: string;
}

export type CommandHandler = (input: CommandInput) => CommandReply[] | Promise<CommandReply[]>;

/** Telegram bots take /commands; every other platform here uses !commands. */
export function commandPrefix(platform: ChatEvent['platform']): string {
  return platform === 'telegram' ? '/' : '!';
}

/** Where a feature's wiring registers the handler of a command it defines, and answers outside a command. */
export interface CommandRegistry {
  handle(spec: CommandSpec, handler: CommandHandler): void;
  has(name: string): boolean;
  /** Answers the viewer who wrote `event`, publicly or privately. */
  reply(event: ChatEvent, reply: CommandReply): void;
}

/**
 * Routes parsed commands to the feature that handles each, and delivers their replies through the
 * outbox. One per wiring of a show file: its handlers go when the wiring does.
 */
export class CommandRouter implements CommandRegistry {
  private readonly handlers = new Map<string, CommandHandler>();

  constructor(
    private readonly outbox: Pick<Outbox, 'enqueue'>,
    private readonly log: Logger,
    /** The show's texts in force (they follow a reload's `language`); English where none is given. */
    private readonly texts: () => Texts = () => textsFor('en'),
  ) {}

  handle(spec: CommandSpec, handler: CommandHandler): void {
    if (this.handlers.has(spec.name)) throw new Error(`command ${spec.name} already has a handler`);
    this.handlers.set(spec.name, handler);
  }

  has(name: string): boolean {
    return this.handlers.has(name);
  }

  reply(event: ChatEvent, reply: CommandReply): void {
    this.outbox.enqueue(replyOutbound(event, reply));
  }

  /** Runs the command's handler and queues its replies; resolves when they are queued. */
  async dispatch({ event, viewer, command, prefix }: CommandInput): Promise<void> {
    const handler = this.handlers.get(command.name);
    if (!handler) {
      this.reply(event, { text: this.texts().t('commands.notYet', { command: `${prefix}${command.alias}`, prefix }) });
      return;
    }
    let replies: CommandReply[];
    try {
      replies = await handler({ event, viewer, command, prefix });
    } catch (err) {
      this.log.error({ err, command: command.name, platform: event.platform }, 'command failed');
      replies = [{ text: this.texts().t('commands.failed', { command: `${prefix}${command.alias}` }) }];
    }
    for (const r of replies) this.reply(event, r);
  }
}

export function replyOutbound(event: ChatEvent, reply: CommandReply): Outbound {
  const priority = reply.priority ?? 'reply';
  const body = { kind: 'text' as const, text: reply.text, ...(reply.spans && { spans: reply.spans }) };
  if (reply.broadcast) return { priority, target: { kind: 'broadcast' }, body };
  return {
    priority,
    target: reply.private
      ? { kind: 'direct', platform: event.platform, userId: event.user.id, channelId: event.channelId }
      : { kind: 'room', platform: event.platform, channelId: event.channelId },
    body,
    replyTo: { messageId: event.messageId, userName: event.user.name, userId: event.user.id },
    ...(reply.merge && { merge: reply.merge }),
    ...(reply.secret && { secret: true }),
    ...(reply.link && { link: reply.link }),
  };
}
