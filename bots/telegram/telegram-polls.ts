import type { ChatEvent } from '../../orchestrator/chat-types.js';
import { displayName, type AdminRole, type TgUserLike } from './telegram-normalize.js';
import { RecentMap } from './recent.js';

/** A poll_answer update: who answered which native poll, and the options now chosen (none: retracted). */
export interface TgPollAnswerLike {
  poll_id: string;
  user?: TgUserLike;
  option_ids: number[];
}

interface OpenedPoll {
  key: string;
  chatId: string;
  messageId: number;
}

/**
 * The native polls this bot opened, by Telegram's poll id. Telegram's poll_answer names only the
 * poll, not the chat, so the adapter remembers where each went; answers to polls it did not open
 * (another bot's, or one from before a restart) are not ours to count.
 */
export class NativePolls {
  private readonly byTelegramId = new RecentMap<string, OpenedPoll>(500);

  opened(telegramPollId: string, poll: OpenedPoll): void {
    this.byTelegramId.set(telegramPollId, poll);
  }

  /** The messages of poll `key` still open in `chatId`; they are forgotten as they are returned. */
  closeIn(key: string, chatId: string): number[] {
    const found: number[] = [];
    for (const [id, poll] of this.byTelegramId.list()) {
      if (poll.key !== key || poll.chatId !== chatId) continue;
      found.push(poll.messageId);
      this.byTelegramId.delete(id);
    }
    return found;
  }

  /** A viewer's answer as an inbound event, or undefined when the poll is not one of ours. */
  answerEvent(answer: TgPollAnswerLike, roleOf: (userId: number, room: string) => AdminRole | undefined, now: number): ChatEvent | undefined {
    const poll = this.byTelegramId.get(answer.poll_id);
    const user = answer.user;
    // Anonymous voters (answering as a channel) carry no user: there is no viewer to count once.
    if (poll === undefined || user === undefined || user.is_bot === true) return undefined;
    const role = roleOf(user.id, poll.chatId);
    return {
      platform: 'telegram',
      channelId: poll.chatId,
      messageId: `poll-answer:${answer.poll_id}:${user.id}:${now}`,
      user: { id: String(user.id), name: displayName(user), roles: role ? [role] : [] },
      text: '',
      receivedAt: now,
      pollAnswer: { pollKey: poll.key, options: answer.option_ids },
    };
  }
}
