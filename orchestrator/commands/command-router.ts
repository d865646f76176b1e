import type { Logger } from 'pino';
import type { CommandName } from '../../config/schema/commands.js';
import type { Bus } from '../bus.js';
import type { ChatEvent, Outbound, Priority } from '../chat-types.js';
import type { Outbox } from '../outbox/outbox.js';
import type { ViewerRef } from '../store/viewer-directory.js';
import type { ParsedCommand } from './parse-command.js';

/** What a command handler answers; handlers return replies as data and never talk to a platform. */
export interface CommandReply {
  text: string;
  /** Send privately where the platform allows (order links, personal codes). */
  private?: boolean;
  /** Private only: if it cannot be delivered privately, the room gets a hint, never the text. */
  secret?: boolean;
  /** To everyone everywhere instead of the asker (e.g. a moderator's announcement). */
  broadcast?: boolean;
  priority?: Priority;
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

/** Routes parsed commands to the feature that owns each, and delivers their replies through the outbox. */
export class CommandRouter {
  private readonly handlers = new Map<CommandName, CommandHandler>();

  constructor(
    bus: Bus,
    private readonly outbox: Outbox,
    private readonly log: Logger,
  ) {
    bus.on('chat.command', (input) => this.dispatch(input.event, input.viewer, input.command));
  }

  handle(name: CommandName, handler: CommandHandler): void {
    if (this.handlers.has(name)) throw new Error(`command ${name} already has a handler`);
    this.handlers.set(name, handler);
  }

  has(name: CommandName): boolean {
    return this.handlers.has(name);
  }

  /** Answers the viewer who wrote `event`, publicly or privately. */
  reply(event: ChatEvent, reply: CommandReply): void {
    this.outbox.enqueue(replyOutbound(event, reply));
  }

  private async dispatch(event: ChatEvent, viewer: ViewerRef, command: ParsedCommand): Promise<void> {
    const prefix = commandPrefix(event.platform);
    const handler = this.handlers.get(command.name);
    if (!handler) {
      this.reply(event, { text: `${prefix}${command.alias} is not available in this show yet. Type ${prefix}help for what works now.` });
      return;
    }
    let replies: CommandReply[];
    try {
      replies = await handler({ event, viewer, command, prefix });
    } catch (err) {
      this.log.error({ err, command: command.name, platform: event.platform }, 'command failed');
      replies = [{ text: `Sorry, ${prefix}${command.alias} failed on our side. Please try again in a moment.` }];
    }
    for (const r of replies) this.reply(event, r);
  }
}

export function replyOutbound(event: ChatEvent, reply: CommandReply): Outbound {
  const priority = reply.priority ?? 'reply';
  if (reply.broadcast) return { priority, target: { kind: 'broadcast' }, body: { kind: 'text', text: reply.text } };
  return {
    priority,
    target: reply.private
      ? { kind: 'direct', platform: event.platform, userId: event.user.id, channelId: event.channelId }
      : { kind: 'room', platform: event.platform, channelId: event.channelId },
    body: { kind: 'text', text: reply.text },
    replyTo: { messageId: event.messageId, userName: event.user.name },
    ...(reply.secret && { secret: true }),
  };
}
