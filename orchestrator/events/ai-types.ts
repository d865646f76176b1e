import type { ChatEvent } from '../chat-types.js';

/** A draft answer from the AI helper waiting for a moderator: sent as is, edited first, or dismissed. */
export interface AiSuggestion {
  id: string;
  at: number;
  question: string;
  draft: string;
  sources: Array<{ id: string; title: string }>;
  /** Where the question was asked and by whom: the answer goes there, replying to them. */
  asked: Pick<ChatEvent, 'platform' | 'channelId' | 'messageId'> & { user: string; userId: string };
}

/** What the dashboard may do with the drafts (features/ai/ai-helper.ts keeps them). */
export interface AiControl {
  suggestions(): AiSuggestion[];
  /** Sends a draft (or the moderator's edit of it) to where it was asked; false when it is gone. */
  send(id: string, text?: string, by?: string): boolean;
  dismiss(id: string): boolean;
}
