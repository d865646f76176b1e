import type { SendRequest } from '../channel.js';
import { PRIORITIES, type Addressee, type Outbound, type Priority, type RelayLine } from '../chat-types.js';

/** A queued message; `parts` is set once it has been rendered (a long text becomes several parts). */
export interface QueuedItem {
  out: Outbound;
  parts?: string[];
  attempts: number;
  /** Already rendered by the channel (a refused private message's text for the room): sent as is. */
  request?: SendRequest;
}

/** Messages of one priority a room keeps waiting at most (relay lines have their own cap). */
const MAX_WAITING: Record<Priority, number> = { moderation: 500, reply: 1000, alert: 200, relay: Number.POSITIVE_INFINITY };

/**
 * One room's waiting messages, a FIFO per priority. Relay lines wait as lines so that a slow
 * platform gets them merged into digests; lines dropped for age or backlog are remembered and
 * announced as "+N more" in the next digest, so nothing disappears without a trace.
 */
export class RoomQueue {
  private readonly queues: Record<Priority, QueuedItem[]> = { moderation: [], reply: [], alert: [], relay: [] };
  private unannounced = 0;
  /** Relay lines waiting, kept as a count: a storm pushes thousands a second into a full queue. */
  private relayLines = 0;

  constructor(
    private readonly maxRelayLines: number,
    private readonly maxRelayAgeMs: number,
  ) {}

  /**
   * Adds a message; returns how many had to be dropped to stay within the caps: relay lines past
   * `maxRelayLines`, and the oldest waiting message past `MAX_WAITING` of its priority (a room
   * flooded with commands must not grow without bound; what goes is counted).
   */
  push(out: Outbound, request?: SendRequest): number {
    const queue = this.queues[out.priority];
    queue.push({ out, attempts: 0, ...(request && { request, parts: [request.text] }) });
    if (out.priority !== 'relay') {
      if (queue.length <= MAX_WAITING[out.priority]) return 0;
      queue.shift();
      return 1;
    }
    this.relayLines += out.body.kind === 'relay' ? out.body.lines.length : 0;
    let dropped = 0;
    while (this.relayLines > this.maxRelayLines) {
      // Oldest first: a stale line matters least in live chat.
      dropped += this.shiftRelay().length;
    }
    this.unannounced += dropped;
    return dropped;
  }

  /** Puts an item back at the front of its priority (after a failed or partial send). */
  unshift(item: QueuedItem): void {
    this.queues[item.out.priority].unshift(item);
    if (item.out.priority === 'relay') this.relayLines += linesOf(item).length;
  }

  get size(): number {
    return PRIORITIES.reduce((n, p) => n + this.queues[p].length, 0);
  }

  /** The highest priority waiting, or undefined when empty. */
  peekPriority(): Priority | undefined {
    return PRIORITIES.find((p) => this.queues[p].length > 0);
  }

  /**
   * Takes the next message. All waiting relay lines are merged into one digest; lines older than
   * the age limit are left out and counted in `stale`.
   */
  take(now: number): { item: QueuedItem; merged: number; stale: number } | undefined {
    const priority = this.peekPriority();
    if (!priority) return undefined;
    if (priority !== 'relay') return this.takeAnswer(priority);
    const first = this.queues.relay[0]!;
    const firstLines = this.shiftRelay();
    if (first.parts) return { item: first, merged: 1, stale: 0 };
    const lines: RelayLine[] = [...firstLines];
    while (this.queues.relay.length > 0 && !this.queues.relay[0]!.parts) for (const line of this.shiftRelay()) lines.push(line);
    const fresh = lines.filter((l) => now - (l.releasedAt ?? l.at) <= this.maxRelayAgeMs);
    const stale = lines.length - fresh.length;
    const more = this.unannounced + stale;
    this.unannounced = 0;
    if (fresh.length === 0 && more === 0) return this.take(now);
    const out: Outbound = { ...first.out, body: { kind: 'relay', lines: fresh, ...(more > 0 && { more }) } };
    return { item: { out, attempts: first.attempts }, merged: fresh.length, stale };
  }

  /**
   * The next message of a priority; an answer with a merge form takes every waiting answer of the
   * same key with it, as one notice naming them all. `merged` counts the people in it.
   */
  private takeAnswer(priority: Priority): { item: QueuedItem; merged: number; stale: number } {
    const queue = this.queues[priority];
    const first = queue.shift()!;
    const form = first.out.merge;
    if (!form) return { item: first, merged: 1, stale: 0 };
    const same: QueuedItem[] = [];
    for (let i = 0; i < queue.length;) {
      if (queue[i]!.out.merge?.key === form.key) same.push(...queue.splice(i, 1));
      else i++;
    }
    if (same.length === 0 && first.out.body.kind !== 'notice') return { item: first, merged: 1, stale: 0 };
    const people = [first, ...same].flatMap(addresseesOf);
    const target = first.out.target;
    const out: Outbound = {
      priority,
      target: target.kind === 'broadcast' ? target : { kind: 'room', platform: target.platform, channelId: target.channelId },
      body: { kind: 'notice', text: form.text, ...(form.spans && { spans: form.spans }), people },
      merge: form,
      ...(form.buttons && { buttons: form.buttons }),
    };
    return { item: { out, attempts: first.attempts }, merged: people.length, stale: 0 };
  }

  /** Empties the queue, returning what was in it (for shutdown accounting). */
  drain(): QueuedItem[] {
    this.relayLines = 0;
    return PRIORITIES.flatMap((p) => this.queues[p].splice(0));
  }

  /** Takes the oldest relay item off the queue and returns its lines. */
  private shiftRelay(): RelayLine[] {
    const lines = linesOf(this.queues.relay.shift()!);
    this.relayLines -= lines.length;
    return lines;
  }
}

/** Who an answer waiting to be merged speaks to: its addressee, or everyone a notice already names. */
function addresseesOf(item: QueuedItem): Addressee[] {
  const { body, replyTo, merge, link } = item.out;
  if (body.kind === 'notice') return body.people;
  if (!replyTo) return [];
  return [
    {
      userId: replyTo.userId ?? '',
      userName: replyTo.userName,
      ...(replyTo.messageId !== undefined && { messageId: replyTo.messageId }),
      ...(merge?.detail !== undefined && { detail: merge.detail }),
      ...(link && { link }),
    },
  ];
}

export function linesOf(item: QueuedItem): RelayLine[] {
  return item.out.body.kind === 'relay' ? item.out.body.lines : [];
}
