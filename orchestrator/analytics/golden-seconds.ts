import { BUCKET_MS, type EventRow } from './analytics-types.js';
import { round2, type Bucket } from './timeline.js';
import { textOf } from '../shared/text-of.js';

export interface SaidLine {
  platform: string | null;
  user: string;
  text: string;
}

export interface GoldenMoment {
  runId: number;
  /** Show-clock second the 10 s bucket starts at. */
  second: number;
  score: number;
  chat: number;
  buys: number;
  votes: number;
  featured: string | null;
  lines: SaidLine[];
}

/** Buys weigh double: they are what the seller is there for. */
export const WEIGHTS = { chat: 1, buys: 2, votes: 1 } as const;
/** Two moments closer than this are one peak: only its best bucket is reported. */
export const PEAK_GAP_MS = 30_000;
const LINES_PER_MOMENT = 3;

export const SCORING =
  'score = 1·chat/mean(chat) + 2·buys/mean(buys) + 1·votes/mean(votes) per 10 s bucket (means over every bucket in scope; a signal with no events adds 0); ' +
  'the top buckets by score, ties to the earlier, none within 30 s of a better one';

/**
 * The "golden seconds": the buckets where the show caught fire. Each signal is divided by its own
 * mean per bucket, so a bucket's score reads "times the show's usual", and a chatty show's lines
 * do not drown its buys; then weighted (`WEIGHTS`) and summed. The best N buckets win, each at
 * least `PEAK_GAP_MS` from a better one so one burst is not reported three times.
 */
export function goldenSeconds(buckets: readonly Bucket[], events: readonly EventRow[], top = 5): GoldenMoment[] {
  const n = buckets.length;
  if (n === 0) return [];
  const mean = (pick: (b: Bucket) => number) => buckets.reduce((s, b) => s + pick(b), 0) / n;
  const means = { chat: mean((b) => b.chat), buys: mean((b) => b.buys), votes: mean((b) => b.votes) };
  const term = (x: number, m: number, w: number) => (m > 0 ? (w * x) / m : 0);
  const scored = buckets.map((b, i) => ({
    b,
    i,
    score: term(b.chat, means.chat, WEIGHTS.chat) + term(b.buys, means.buys, WEIGHTS.buys) + term(b.votes, means.votes, WEIGHTS.votes),
  }));
  scored.sort((x, y) => y.score - x.score || x.i - y.i);
  const chosen: typeof scored = [];
  for (const s of scored) {
    if (chosen.length >= top || s.score <= 0) break;
    if (chosen.some((c) => c.b.runId === s.b.runId && Math.abs(c.b.startMs - s.b.startMs) < PEAK_GAP_MS)) continue;
    chosen.push(s);
  }
  const moderated = moderatedMessages(events);
  return chosen.map(({ b, score }) => ({
    runId: b.runId,
    second: b.startMs / 1000,
    score: round2(score),
    chat: b.chat,
    buys: b.buys,
    votes: b.votes,
    featured: b.featured,
    lines: linesIn(events, b, moderated),
  }));
}

function moderatedMessages(events: readonly EventRow[]): Set<string> {
  const out = new Set<string>();
  for (const e of events) if (e.type === 'moderation.action') out.add(`${e.platform}:${String(e.data.messageId)}`);
  return out;
}

/** A few lines said in the bucket: conversation before commands, never a line moderation removed. */
function linesIn(events: readonly EventRow[], b: Bucket, moderated: ReadonlySet<string>): SaidLine[] {
  const said = events.filter(
    (e) =>
      e.type === 'chat.message' &&
      e.runId === b.runId &&
      e.showMs !== null &&
      e.showMs >= b.startMs &&
      e.showMs < b.startMs + BUCKET_MS &&
      !moderated.has(`${e.platform}:${String(e.data.messageId)}`),
  );
  const isCommand = (e: EventRow) => /^[!/]/.test(textOf(e.data.text).trim());
  const ordered = [...said.filter((e) => !isCommand(e)), ...said.filter(isCommand)].slice(0, LINES_PER_MOMENT);
  return ordered.map((e) => ({ platform: e.platform, user: textOf(e.data.user), text: textOf(e.data.text) }));
}
