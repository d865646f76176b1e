import type { Outbound, Priority } from '../chat-types.js';
import type { Buyer } from './order-types.js';

/** A message to one buyer: privately where the platform allows, else in the room they bought from. */
export function toBuyer(buyer: Buyer, text: string, priority: Priority = 'reply'): Outbound {
  return {
    priority,
    target: { kind: 'direct', platform: buyer.platform, userId: buyer.userId, channelId: buyer.channelId },
    body: { kind: 'text', text },
    replyTo: { userName: buyer.name },
  };
}
