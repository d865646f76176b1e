import type { SendRequest } from '../../orchestrator/channel.js';
import { usableLink } from '../render-link.js';
import { directFallback, directFallbackHint, linkTail } from './telegram-render.js';

/**
 * What goes to the chat instead when Telegram would not deliver a private message to
 * `request.userId`: the viewer mentioned by `name`, the reply on the first part and the buttons
 * and the link on the last (with room left for the link's address, in case it cannot be a button).
 * A secret (a one-time code) never goes to the group: only the mention and how to get it privately.
 */
export function chatFallback(
  request: SendRequest & { userId: string },
  name: string | undefined,
  botUsername: string | undefined,
  maxLength: number,
): SendRequest[] {
  const user = { id: request.userId, name };
  const link = request.secret ? undefined : usableLink(request.link);
  const room = maxLength - (link ? linkTail(link).length : 0);
  const parts = request.secret ? [directFallbackHint(user, botUsername)] : directFallback(request.text, user, botUsername, room);
  return parts.map((text, i) => ({
    channelId: request.channelId,
    text,
    priority: request.priority,
    ...(i === 0 && request.replyToMessageId !== undefined && { replyToMessageId: request.replyToMessageId }),
    ...(i === parts.length - 1 && request.buttons && { buttons: request.buttons }),
    ...(i === parts.length - 1 && link && { link }),
  }));
}
