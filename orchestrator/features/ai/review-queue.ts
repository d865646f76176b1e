import type { ChatEvent } from '../../chat-types.js';
import type { ReviewCounts, ReviewItem } from '../../events/ai-types.js';
import type { ViewerRef } from '../../store/viewer-directory.js';

/** A queued line with what it takes to let it go on later. */
export interface Queued {
  item: ReviewItem;
  event: ChatEvent;
  viewer: ViewerRef;
}

/** Lines waiting at most: a moderator away for an hour must not grow the process without bound. */
const MAX_WAITING = 200;

/**
 * Doubtful chat lines waiting for a moderator, oldest first in memory and newest first on the
 * dashboard. When full, the oldest goes: a line held that long is past its moment anyway.
 */
export class ReviewQueue {
  private readonly waiting = new Map<string, Queued>();
  private counter = 0;
  readonly counts: ReviewCounts = { checked: 0, held: 0, late: 0, unchecked: 0 };

  add(item: Omit<ReviewItem, 'id'>, event: ChatEvent, viewer: ViewerRef): ReviewItem {
    const full: ReviewItem = { ...item, id: `r${++this.counter}` };
    if (this.waiting.size >= MAX_WAITING) this.waiting.delete(this.waiting.keys().next().value!);
    this.waiting.set(full.id, { item: full, event, viewer });
    return full;
  }

  list(): ReviewItem[] {
    return [...this.waiting.values()].map((q) => q.item).reverse();
  }

  /** Takes a line out to decide on it; undefined when it was decided already (or dropped). */
  take(id: string): Queued | undefined {
    const queued = this.waiting.get(id);
    this.waiting.delete(id);
    return queued;
  }
}
