import { JSONCodec } from 'nats';
import type { SendRequest } from '../../orchestrator/channel.js';
import type { ChatEvent, ModerationAction } from '../../orchestrator/chat-types.js';

/** The subjects one show's core and web edges share on NATS (a show id has no dots or wildcards). */
export interface WebSubjects {
  /** Edge → core: viewer lines, as chat events. */
  in: string;
  /** Core → every edge: what the page shows and what moderation does. */
  out: string;
}

/** Both directions carry JSON. */
export const codec = JSONCodec<unknown>();

export function webSubjects(showId: string): WebSubjects {
  return { in: `showcart.${showId}.web.in`, out: `showcart.${showId}.web.out` };
}

/** What the core tells every edge. */
export type EdgeCommand = { send: SendRequest } | { moderate: ModerationAction };

const MAX_TEXT = 4000;
const str = (v: unknown, max = 200): v is string => typeof v === 'string' && v.length <= max;

/**
 * A chat event from an edge, checked before the core takes it: NATS is our own network, but a
 * message on it is still bytes from elsewhere, and a broken edge must not feed the core garbage.
 */
export function readEdgeEvent(data: unknown): ChatEvent | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const e = data as Partial<ChatEvent>;
  const user = e.user as Partial<ChatEvent['user']> | undefined;
  if (e.platform !== 'web' || !str(e.channelId) || !str(e.messageId) || !str(e.text, MAX_TEXT) || typeof e.receivedAt !== 'number') return undefined;
  if (!user || !str(user.id) || !str(user.name) || !Array.isArray(user.roles)) return undefined;
  if (e.origin !== undefined && !str(e.origin)) return undefined;
  return {
    platform: 'web',
    channelId: e.channelId,
    messageId: e.messageId,
    user: { id: user.id, name: user.name, roles: [] },
    text: e.text,
    receivedAt: e.receivedAt,
    ...(e.origin !== undefined && { origin: e.origin }),
  };
}
