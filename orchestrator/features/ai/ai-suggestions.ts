import type { AiSuggestion } from '../../events/ai-types.js';

export type { AiSuggestion };

/** At most this many drafts wait; the oldest goes first (a live question goes stale in minutes). */
const MAX_WAITING = 50;

/** The drafts the dashboard shows, newest first. Process-lived: a reload of the show file keeps them. */
export class AiSuggestions {
  private readonly waiting: AiSuggestion[] = [];
  private counter = 0;

  add(s: Omit<AiSuggestion, 'id'>): AiSuggestion {
    const suggestion = { ...s, id: `s${++this.counter}` };
    this.waiting.unshift(suggestion);
    if (this.waiting.length > MAX_WAITING) this.waiting.pop();
    return suggestion;
  }

  list(): AiSuggestion[] {
    return [...this.waiting];
  }

  /** Takes a draft off the list (sent or dismissed); undefined when it is gone already. */
  take(id: string): AiSuggestion | undefined {
    const at = this.waiting.findIndex((s) => s.id === id);
    return at < 0 ? undefined : this.waiting.splice(at, 1)[0];
  }
}
