import type { OutboundLink, Platform } from '../../orchestrator/chat-types.js';

/** One line in the web chat as the browser shows it. */
export interface WebLine {
  id: string;
  kind: 'viewer' | 'relay' | 'bot';
  at: number;
  /** For viewer lines: who wrote it. */
  author?: string;
  authorId?: string;
  text?: string;
  /** For relay lines: lines from other platforms. */
  lines?: Array<{ platform: Platform; author: string; text: string }>;
  /** Relay lines that were skipped because the chat was too busy. */
  more?: number;
  /** For bot replies: whose message this answers. */
  replyTo?: string;
  /** For bot lines: a link the line is about (an http(s) address), which the page shows as a button under the text. */
  link?: OutboundLink;
  private?: boolean;
}

/**
 * Close codes the chat socket ends with. The page does not reconnect after `refused` (a wrong
 * invite or name: the same hello would be refused again) or `secondHello`; after the others it
 * backs off and tries again.
 */
export const CLOSE = {
  shuttingDown: 1001,
  refused: 4000,
  secondHello: 4001,
  /** No hello in time, or more frames than a person types. */
  policy: 4008,
  /** This network has made too many new viewer ids; try again later. */
  tooManySessions: 4029,
} as const;

export type ClientMessage = { type: 'hello'; name: string; session?: string; invite?: string } | { type: 'say'; text: string };

export type ServerMessage =
  | { type: 'welcome'; userId: string; name: string; session: string; title: string; maxLength: number; history: WebLine[] }
  | { type: 'line'; line: WebLine }
  | { type: 'delete'; id: string }
  | { type: 'error'; message: string };

export function parseClientMessage(raw: string): ClientMessage | undefined {
  let msg: unknown;
  try {
    msg = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof msg !== 'object' || msg === null) return undefined;
  const m = msg as Record<string, unknown>;
  if (m.type === 'hello' && typeof m.name === 'string') {
    return {
      type: 'hello',
      name: m.name,
      ...(typeof m.session === 'string' && { session: m.session }),
      ...(typeof m.invite === 'string' && { invite: m.invite }),
    };
  }
  if (m.type === 'say' && typeof m.text === 'string') return { type: 'say', text: m.text };
  return undefined;
}
