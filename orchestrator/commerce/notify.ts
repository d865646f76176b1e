import { textBody, type Outbound, type Priority, type Words } from '../chat-types.js';
import type { Buyer } from './order-types.js';

/** A message to one buyer: privately where the platform allows, else in the room they bought from. */
export function toBuyer(buyer: Buyer, words: Words, priority: Priority = 'reply'): Outbound {
  return {
    priority,
    target: { kind: 'direct', platform: buyer.platform, userId: buyer.userId, channelId: buyer.channelId },
    body: textBody(words),
    replyTo: { userName: buyer.name },
  };
}
