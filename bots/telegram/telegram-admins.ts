import type { Logger } from 'pino';
import type { TelegramCalls } from './telegram-calls.js';
import { roleForStatus, type AdminRole } from './telegram-normalize.js';

/** Telegram messages carry no roles; admins are looked up per chat and cached here. */
export class ChatAdmins {
  private readonly byRoom = new Map<string, Map<number, AdminRole>>();

  /** Replaces a room's admins with a getChatAdministrators answer. */
  set(room: string, members: ReadonlyArray<{ status: string; user: { id: number } }>): void {
    const admins = new Map<number, AdminRole>();
    for (const m of members) {
      const role = roleForStatus(m.status);
      if (role) admins.set(m.user.id, role);
    }
    this.byRoom.set(room, admins);
  }

  /** Applies one member's new status (a chat_member update) without asking Telegram again. */
  apply(room: string, userId: number, status: string): void {
    const admins = this.byRoom.get(room) ?? new Map<number, AdminRole>();
    const role = roleForStatus(status);
    if (role) admins.set(userId, role);
    else admins.delete(userId);
    this.byRoom.set(room, admins);
  }

  /** The role in one room, or the highest one in any room when `room` is undefined (private chats). */
  roleOf(userId: number, room?: string): AdminRole | undefined {
    if (room !== undefined) return this.byRoom.get(room)?.get(userId);
    let best: AdminRole | undefined;
    for (const admins of this.byRoom.values()) {
      const role = admins.get(userId);
      if (role === 'broadcaster') return role;
      best ??= role;
    }
    return best;
  }
}

/** A chat id as the Bot API takes it: a number, or an `@username` string. */
export function apiChatId(id: string): number | string {
  return /^-?\d+$/.test(id) ? Number(id) : id;
}

/**
 * Asks Telegram who administers each room. A failure keeps the previous list: roles going stale
 * for ten minutes is better than every moderator turning into a plain member.
 */
export async function refreshAdmins(calls: TelegramCalls, rooms: readonly string[], admins: ChatAdmins, log: Logger): Promise<void> {
  await Promise.all(
    rooms.map(async (room) => {
      const members: unknown = await calls.tryCall(
        'getChatAdministrators',
        { chat_id: apiChatId(room) },
        'could not read the chat admins (is the bot in this chat?)',
        'warn',
      );
      if (Array.isArray(members)) admins.set(room, members as Array<{ status: string; user: { id: number } }>);
      else if (members !== undefined) log.warn({ room }, 'getChatAdministrators answered something that is not a list; roles unknown');
    }),
  );
}
