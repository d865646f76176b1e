import type { ShowConfig } from '../../config/schema/index.js';
import type { ChatEvent } from '../chat-types.js';

/**
 * Who may buy: everyone in a public show; in a private (B2B) show, buyers with a listed role or
 * writing in a listed room (web visitors came in through the invite link). No lists: every room.
 */
export function buyerAccess(config: ShowConfig): (event: ChatEvent) => boolean {
  if (!config.show.private) return () => true;
  const { buyerRoles, buyerRooms } = config.show.access;
  if (buyerRoles.length === 0 && buyerRooms.length === 0) return () => true;
  return (event) => event.platform === 'web' || buyerRooms.includes(event.channelId) || event.user.roles.some((r) => buyerRoles.includes(r));
}
