import type { Platform } from '../../chat-types.js';
import type { QuestionGroup } from '../../events/ai-types.js';

/** Questions are grouped over this long: "what are people asking right now?". */
export const QUESTION_WINDOW_MS = 10 * 60_000;
const MAX_KEPT = 500;
const SAMPLES = 3;

interface Asked {
  at: number;
  group: string;
  title: string;
  text: string;
  platform: Platform;
  user: string;
  answered: boolean;
}

/**
 * The host's view of the chat's questions: each question-like line of the last minutes, grouped
 * by what it is about (the FAQ entry the rules matched, else the closest FAQ entry or product the
 * search finds, else "other"), with how many were answered. Process-lived, bounded.
 */
export class QuestionBoard {
  private readonly asked: Asked[] = [];

  add(q: Asked): void {
    this.asked.push(q);
    if (this.asked.length > MAX_KEPT) this.asked.shift();
  }

  /** Marks the latest question of `user` in `group` answered (an answer that came after it). */
  answered(user: string, group: string): void {
    for (let i = this.asked.length - 1; i >= 0; i--) {
      const q = this.asked[i]!;
      if (q.user === user && q.group === group) return void (q.answered = true);
    }
  }

  /** Groups of the last `windowMs`, most asked first. */
  groups(now: number, windowMs = QUESTION_WINDOW_MS): QuestionGroup[] {
    const by = new Map<string, QuestionGroup>();
    for (const q of this.asked) {
      if (q.at < now - windowMs) continue;
      const g = by.get(q.group) ?? { group: q.group, title: q.title, asked: 0, answered: 0, platforms: [], latest: [], lastAt: 0 };
      g.asked++;
      if (q.answered) g.answered++;
      if (!g.platforms.includes(q.platform)) g.platforms.push(q.platform);
      g.latest = [{ user: q.user, text: q.text, answered: q.answered }, ...g.latest].slice(0, SAMPLES);
      g.lastAt = q.at;
      by.set(q.group, g);
    }
    return [...by.values()].sort((a, b) => b.asked - a.asked || b.lastAt - a.lastAt);
  }
}
