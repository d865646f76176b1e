import type { RelayLine } from '../../orchestrator/chat-types.js';
import type { WebLine } from './web-protocol.js';

/** Longer than the outbox keeps a relay line; one not back by then was stopped or dropped. */
const KEEP_MS = 120_000;
const MAX_WAITING = 10_000;

export interface Awaiting<S> {
  line: WebLine;
  /** The socket that already shows it (the sender's). */
  shownOn: S;
}

/**
 * Web viewer lines the orchestrator has not judged yet. The sender sees their line at once; the
 * others only when the relay sends it back to the web room, so a line moderation stops never
 * reaches them. A line comes back as a RelayLine (author, text, time); it is matched here to the
 * line it stands for, to show it with its id (for deletes) and author id.
 */
export class AwaitingRelay<S> {
  /** By `at` and author: the relay line carries both unchanged. */
  private readonly byKey = new Map<string, Array<Awaiting<S>>>();
  /** The same entries by line id, oldest first. */
  private readonly byId = new Map<string, { key: string; since: number }>();

  add(line: WebLine, shownOn: S, now = Date.now()): void {
    const key = keyOf(line.at, line.author ?? '');
    const list = this.byKey.get(key);
    if (list) list.push({ line, shownOn });
    else this.byKey.set(key, [{ line, shownOn }]);
    this.byId.set(line.id, { key, since: now });
    if (this.byId.size > MAX_WAITING) this.drop(this.byId.keys().next().value!);
  }

  /**
   * The waiting line a relayed web line stands for, taken off the list; undefined if none matches
   * (then what the relay sent is all there is). The text must match too: the relay may have
   * shortened it with "…", and one author may have sent two lines in one millisecond.
   */
  take(relayed: RelayLine): Awaiting<S> | undefined {
    const key = keyOf(relayed.at, relayed.author);
    const list = this.byKey.get(key);
    const i = list?.findIndex(({ line }) => sameText(line.text ?? '', relayed.text)) ?? -1;
    if (!list || i < 0) return undefined;
    const [found] = list.splice(i, 1);
    if (list.length === 0) this.byKey.delete(key);
    this.byId.delete(found!.line.id);
    return found;
  }

  /** Forgets a line (deleted by a moderator before it came back). */
  drop(id: string): void {
    const entry = this.byId.get(id);
    if (!entry) return;
    this.byId.delete(id);
    const list = this.byKey.get(entry.key);
    const i = list?.findIndex(({ line }) => line.id === id) ?? -1;
    if (list && i >= 0) list.splice(i, 1);
    if (list?.length === 0) this.byKey.delete(entry.key);
  }

  /** Forgets lines that will not come back any more. */
  sweep(now = Date.now()): void {
    for (const [id, { since }] of this.byId) {
      if (now - since < KEEP_MS) break;
      this.drop(id);
    }
  }

  get size(): number {
    return this.byId.size;
  }
}

function keyOf(at: number, author: string): string {
  return `${at}\u0000${author}`;
}

function sameText(original: string, relayed: string): boolean {
  return original === relayed || (relayed.endsWith('…') && original.startsWith(relayed.slice(0, -1)));
}
