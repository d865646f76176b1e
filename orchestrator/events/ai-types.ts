import type { ChatEvent } from '../chat-types.js';

/** A draft answer from the AI helper waiting for a moderator: sent as is, edited first, or dismissed. */
export interface AiSuggestion {
  id: string;
  at: number;
  question: string;
  /** What it is about on the questions board (an FAQ entry, a product, or "other"). */
  group: string;
  draft: string;
  sources: Array<{ id: string; title: string }>;
  /** Where the question was asked and by whom: the answer goes there, replying to them. */
  asked: Pick<ChatEvent, 'platform' | 'channelId' | 'messageId'> & { user: string; userId: string };
}

/** Questions of the last minutes about one thing (an FAQ entry, a product, or "other"). */
export interface QuestionGroup {
  group: string;
  title: string;
  asked: number;
  answered: number;
  platforms: string[];
  /** The latest few, newest first. */
  latest: Array<{ user: string; text: string; answered: boolean }>;
  lastAt: number;
}

/**
 * A chat line the review model found doubtful. `held`: it waits for a moderator and was not relayed;
 * `passed`: its verdict came after the wait budget, so it went on and is reviewed after.
 */
export interface ReviewItem {
  id: string;
  at: number;
  status: 'held' | 'passed';
  label: 'abusive' | 'scam' | 'spam';
  /** How sure the model was, 0–1. */
  score: number;
  line: Pick<ChatEvent, 'platform' | 'channelId' | 'messageId' | 'text'> & { user: string; userId: string };
}

/** The review's figures since showcart started: lines the model judged, held, flagged late, and left unchecked (budget, timeout, errors). */
export interface ReviewCounts {
  checked: number;
  held: number;
  late: number;
  unchecked: number;
}

/** approve: a held line goes on as if it had passed; deny: deleted where it was written; timeout: deleted, and its writer timed out. */
export type ReviewDecision = 'approve' | 'deny' | 'timeout';

/** What the dashboard may do with the drafts (features/ai/ai-helper.ts keeps them), and the questions board. */
export interface AiControl {
  suggestions(): AiSuggestion[];
  /** "What are people asking?": questions of the last minutes, grouped, most asked first. */
  questions(): QuestionGroup[];
  /** Sends a draft (or the moderator's edit of it) to where it was asked; false when it is gone. */
  send(id: string, text?: string, by?: string): boolean;
  dismiss(id: string): boolean;
  /** Doubtful lines waiting for a moderator, newest first, and the review's figures. */
  review(): { items: ReviewItem[]; counts: ReviewCounts };
  /** Carries out a moderator's decision on one; false when it was decided already. */
  decide(id: string, decision: ReviewDecision, by?: string): boolean;
}
