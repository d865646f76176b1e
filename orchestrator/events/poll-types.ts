import type { Platform } from '../chat-types.js';

/** A poll as everyone sees it: the dashboard, the overlay, the bus and the event log share this shape. */
export interface PollView {
  /** The YAML id, or `api-<n>` for a poll started from the dashboard. */
  id: string;
  question: string;
  options: Array<{ label: string; votes: number }>;
  /** Distinct viewers who voted (linked identities count once). */
  total: number;
  state: 'open' | 'closed';
  startedAt: number;
  endsAt: number;
  /** Indexes (0-based) of the leading options; more than one on a tie. */
  leaders: number[];
  /** Votes per platform, for the dashboard. */
  byPlatform: Partial<Record<Platform, number>>;
}

/** A poll to start: one of the show file's by id, or one written on the dashboard. */
export type PollStart = { id: string } | { question: string; options: string[]; durationMs: number };

export type PollStartResult = { ok: true; poll: PollView } | { ok: false; reason: 'unknown' | 'running' | 'invalid' | 'not-ready'; message: string };

/** What the admin API uses. */
export interface PollControl {
  start(request: PollStart): Promise<PollStartResult>;
  /** Ends an open poll now and announces the result; false when no such poll is open. */
  stop(id: string): Promise<boolean>;
  /** The open poll first, then those closed in this process, newest first. */
  list(): PollView[];
  current(): PollView | undefined;
}
