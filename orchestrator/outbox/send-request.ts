import type { SendRequest } from '../channel.js';
import type { Outbound, Platform } from '../chat-types.js';
import type { QueuedItem } from './room-queue.js';

/** The room a message is being sent to: a chat, or one person's private conversation. */
export interface SendingRoom {
  channelId: string;
  userId?: string;
}

/** What the channel's `send` gets for the next part of `item` (`text`), once rendered. */
export function sendRequestFor(item: QueuedItem, room: SendingRoom, text: string, parts: number): SendRequest {
  if (item.request) return item.request;
  const out = item.out;
  const one = parts === 1;
  return {
    // A private conversation's room is the person; where they wrote is this message's own.
    channelId: out.target.kind === 'direct' ? out.target.channelId : room.channelId,
    text,
    priority: out.priority,
    ...(room.userId !== undefined && { userId: room.userId }),
    // Whom it is for travels with it: a fallback to the room names them even when the platform has forgotten them.
    ...(room.userId !== undefined && out.replyTo?.userName !== undefined && { userName: out.replyTo.userName }),
    ...(out.replyTo?.messageId !== undefined && { replyToMessageId: out.replyTo.messageId }),
    ...(out.body.kind === 'notice' && { mentions: out.body.people.map((p) => p.userId) }),
    ...(out.buttons && one && { buttons: out.buttons }),
    ...(out.link && one && { link: out.link }),
    ...(out.secret && { secret: true }),
    ...(out.poll && one && { poll: out.poll }),
    // Every part carries it; closing is idempotent on the channel's side.
    ...(out.closesPoll !== undefined && { closesPoll: out.closesPoll }),
  };
}

/**
 * What the room gets in place of a private message the platform refused: the channel's own
 * stand-in (`request`, already rendered), which keeps the answer's merge form and addressee so
 * that under a burst it is merged with the others instead of costing the room a line each.
 */
export function roomStandIn(original: Outbound, request: SendRequest, platform: Outbound['target'] & { kind: 'direct' }): Outbound {
  const mergeable = original.merge !== undefined && !original.secret && original.replyTo !== undefined;
  return {
    priority: original.priority,
    target: { kind: 'room', platform: platform.platform, channelId: request.channelId },
    body: { kind: 'text', text: request.text },
    ...(mergeable && {
      merge: original.merge,
      replyTo: { ...original.replyTo!, userId: platform.userId },
    }),
  };
}

/**
 * The room's lines in place of a refused private message: the answer's own stand-in when the
 * channel made one (mergeable under a burst), else each of the channel's lines as plain text.
 */
export function standInsFor(original: Outbound, requests: readonly SendRequest[], platform: Platform): Outbound[] {
  const target = original.target;
  if (target.kind === 'direct' && requests.length === 1) return [roomStandIn(original, requests[0]!, target)];
  return requests.map((request) => ({
    priority: original.priority,
    target: { kind: 'room', platform, channelId: request.channelId },
    body: { kind: 'text', text: request.text },
  }));
}
