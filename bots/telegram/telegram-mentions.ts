import type { Outbound } from '../../orchestrator/chat-types.js';
import { RecentMap } from './recent.js';

/**
 * Who spoke recently in each chat, by display name: a reply the orchestrator addresses to "Anna"
 * in a group becomes a real mention of that Anna (a `tg://user?id=` link, which Telegram turns into
 * a text_mention entity and notifies her), whether she has an @username or not. Two people with
 * one name in one chat are not told apart: then nobody is mentioned rather than the wrong one.
 */
export class Speakers {
  private readonly byName = new RecentMap<string, string>(5000);

  /** A viewer (Telegram user id) spoke in `chatId` under `name`. */
  heard(chatId: string, userId: string, name: string): void {
    const key = keyOf(chatId, name);
    const known = this.byName.get(key);
    // '' marks a name two people share here.
    this.byName.set(key, known === undefined || known === userId ? userId : '');
  }

  /** The Telegram user id of the one recent speaker called `name` in `chatId`. */
  idOf(chatId: string, name: string): string | undefined {
    const id = this.byName.get(keyOf(chatId, name));
    return id !== undefined && /^\d+$/.test(id) ? id : undefined;
  }
}

function keyOf(chatId: string, name: string): string {
  return `${chatId}\n${name}`;
}

/**
 * The viewer an outbound message speaks to in a room: the one it replies to, or the one a
 * moderation notice names first ("Anna, no links here please (1/3)"). Undefined for anything else
 * (an alert naming a buyer does not ping them).
 */
export function addresseeOf(out: Outbound): string | undefined {
  if (out.target.kind !== 'room' || out.body.kind !== 'text') return undefined;
  if (out.replyTo !== undefined) return out.replyTo.userName;
  if (out.priority !== 'moderation') return undefined;
  const first = out.body.spans?.find((s) => typeof s !== 'string');
  return first === undefined || typeof first === 'string' ? undefined : first.viewer;
}
