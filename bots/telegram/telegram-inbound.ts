import type { Logger } from 'pino';
import type { Ingest } from '../../orchestrator/channel.js';
import { RecentMap } from './recent.js';
import type { ChatAdmins } from './telegram-admins.js';
import type { Speakers } from './telegram-mentions.js';
import type { TelegramCalls } from './telegram-calls.js';
import { roomOf, toChatEvent, type TgUpdateLike } from './telegram-normalize.js';
import type { TelegramPaymentDesk } from './telegram-payments.js';
import type { NativePolls, TgPollAnswerLike } from './telegram-polls.js';

/** What {@link TelegramInbound} shares with the rest of the adapter. */
export interface InboundDeps {
  rooms: readonly string[];
  admins: ChatAdmins;
  polls: NativePolls;
  /** Filled here with the display names of recent speakers, for the private-reply fallback. */
  names: RecentMap<string, string>;
  /** Filled here with who spoke in which room under which name, to mention a viewer a reply speaks to. */
  speakers: Speakers;
  calls: TelegramCalls;
  /** Takes pre-checkout queries and payment messages before they could be read as chat. */
  payments: Pick<TelegramPaymentDesk, 'received'>;
  log: Logger;
  /** Asks Telegram again who administers these rooms. */
  refreshAdmins: (rooms: string[]) => void;
}

/** Who the bot is, from getMe. */
export interface BotIdentity {
  id: number;
  username: string;
}

/** Turns each update of the current connection into at most one inbound event, once. */
export class TelegramInbound {
  private readonly seen = new RecentMap<number, true>(1000);
  private onEvent: Ingest | undefined;

  constructor(private readonly deps: InboundDeps) {}

  start(onEvent: Ingest): void {
    this.onEvent = onEvent;
  }

  received(update: TgUpdateLike, me: BotIdentity): void {
    // After a reconnect Telegram repeats the last batch: its offset was never confirmed.
    if (this.seen.has(update.update_id)) return;
    this.seen.set(update.update_id, true);
    if (this.deps.payments.received(update)) return;
    this.trackMembers(update);
    const query = update.callback_query;
    if (query !== undefined) {
      // Unanswered, the viewer's button spins and then shows an error.
      void this.deps.calls.tryCall('answerCallbackQuery', { callback_query_id: query.id }, 'button press not acknowledged');
    }
    const answer = (update as { poll_answer?: TgPollAnswerLike }).poll_answer;
    if (answer !== undefined) {
      const vote = this.deps.polls.answerEvent(answer, (userId, room) => this.deps.admins.roleOf(userId, room), Date.now());
      if (vote !== undefined) void this.onEvent?.(vote);
      return;
    }
    const event = toChatEvent(update, {
      botId: me.id,
      botUsername: me.username,
      rooms: this.deps.rooms,
      roleOf: (userId, room) => this.deps.admins.roleOf(userId, room),
      now: Date.now(),
    });
    if (event === undefined) return;
    if (!event.self) this.deps.names.set(event.user.id, event.user.name);
    if (!event.self && !event.direct) this.deps.speakers.heard(event.channelId, event.user.id, event.user.name);
    void this.onEvent?.(event);
  }

  private trackMembers(update: TgUpdateLike): void {
    const changed = update.chat_member ?? update.my_chat_member;
    const room = changed && roomOf(changed.chat, this.deps.rooms);
    if (changed === undefined || room === undefined) return;
    this.deps.admins.apply(room, changed.new_chat_member.user.id, changed.new_chat_member.status);
    if (update.my_chat_member !== undefined) {
      // The bot itself was promoted or removed: what it may see and do in the chat changed.
      this.deps.log.info({ room, status: changed.new_chat_member.status }, 'the bot’s status in a Telegram chat changed');
      this.deps.refreshAdmins([room]);
    }
  }
}
