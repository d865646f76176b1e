import { AckPolicy, DiscardPolicy, JSONCodec, nanos, RetentionPolicy, StorageType, type NatsConnection } from 'nats';
import type { SendRequest } from '../../orchestrator/channel.js';
import type { ChatEvent, ModerationAction } from '../../orchestrator/chat-types.js';

/** The subjects one show's core and web edges share on NATS (a show id has no dots or wildcards). */
export interface WebSubjects {
  /** Edge → core: viewer lines, as chat events (core NATS: a line said while the core is away is refused on the edge). */
  in: string;
  /** Edge → core through JetStream: command lines (`!buy`…), kept while the core is away and handled once it is back. */
  commands: string;
  /** Core → every edge: what the page shows and what moderation does. */
  out: string;
  /** Edge → core, request/reply: the page's recent public lines, for an edge that just started. */
  history: string;
}

/** Every showcart message on NATS is JSON: the web chat's subjects here and the core's feeds (http/edge). */
export const codec = JSONCodec<unknown>();

export function webSubjects(showId: string): WebSubjects {
  const base = `showcart.${showId}.web`;
  return { in: `${base}.in`, commands: `${base}.commands`, out: `${base}.out`, history: `${base}.history` };
}

/** What the core tells every edge. */
export type EdgeCommand = { send: SendRequest } | { moderate: ModerationAction };

/** The core's answer to a history request: public sends in order, and the ids deleted since. */
export interface WebHistory {
  sends: SendRequest[];
  deleted: string[];
}

/** The JetStream stream of one show's command lines and the core's durable consumer of it. */
export const commandStream = (showId: string) => ({ stream: `showcart-${showId}-commands`, consumer: 'core' });

/** A command kept longer than this while the core was away is dropped: the viewer has long moved on. */
const COMMAND_MAX_AGE_MS = 60 * 60_000;
/** An edge that publishes a line twice (a retry after a lost ack) within this window stores it once. */
const DUPLICATE_WINDOW_MS = 2 * 60_000;

/**
 * Makes sure the command stream exists (the edge and the core both call it, whichever starts
 * first): a work queue on disk, so a command outlives a restart of NATS or the core, is taken by
 * the core once, and is gone once handled.
 */
export async function ensureCommandStream(nc: NatsConnection, showId: string, subject: string): Promise<void> {
  const jsm = await nc.jetstreamManager();
  const { stream, consumer } = commandStream(showId);
  try {
    await jsm.streams.info(stream);
  } catch {
    await jsm.streams.add({
      name: stream,
      subjects: [subject],
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.File,
      discard: DiscardPolicy.Old,
      max_age: nanos(COMMAND_MAX_AGE_MS),
      duplicate_window: nanos(DUPLICATE_WINDOW_MS),
      max_msgs: 100_000,
    });
  }
  try {
    await jsm.consumers.info(stream, consumer);
  } catch {
    await jsm.consumers.add(stream, { durable_name: consumer, ack_policy: AckPolicy.Explicit, ack_wait: nanos(30_000), max_ack_pending: 1000 });
  }
}

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
