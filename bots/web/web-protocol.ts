import type { RawData } from 'ws';
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
  /** For a bot notice answering several viewers at once (a burst of buyers): their names. */
  mentions?: string[];
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

/**
 * `watch`: read the chat without a name (a reader gets lines, never sends); to send or buy, the page
 * opens a new socket and says `hello`. `buy`: the page's Buy button, which the channel turns into
 * the viewer's own `!buy` line so it takes the same path as a typed one.
 */
export type ClientMessage =
  { type: 'hello'; name: string; session?: string; invite?: string } | { type: 'watch'; invite?: string } | { type: 'say'; text: string } | BuyMessage;

export interface BuyMessage {
  type: 'buy';
  sku: string;
  /** Absent for a product without variants. */
  variant?: string;
  qty: number;
}

export type ServerMessage =
  | { type: 'welcome'; userId: string; name: string; session: string; title: string; maxLength: number; history: WebLine[] }
  | { type: 'watching'; title: string; maxLength: number; history: WebLine[] }
  | { type: 'line'; line: WebLine }
  | { type: 'delete'; id: string }
  /**
   * Whether the shop behind this page answers (sent by a web edge): while the core is away the page
   * stays up and says so; chat lines are refused, commands are kept and handled once it is back.
   */
  | { type: 'status'; core: CoreStatus }
  /**
   * A refusal: `message` in English for any client, `code` (and its `values`) for the page to say
   * it in the show's language (web.chat.refusal.<code> in the message catalog).
   */
  | { type: 'error'; message: string; code?: RefusalCode; values?: Record<string, number> };

/** Why the web chat refused something, as the page's texts name it. */
export type RefusalCode = 'unreadable' | 'helloFirst' | 'tooLong' | 'timedOut' | 'tooFast' | 'badName' | 'tooManyNew' | 'private' | 'reconnecting';

/** What a web edge knows of the core: it answers, or the edge waits for it to come back. */
export type CoreStatus = 'live' | 'reconnecting';

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
  if (m.type === 'watch') return { type: 'watch', ...(typeof m.invite === 'string' && { invite: m.invite }) };
  if (m.type === 'buy') return parseBuyMessage(m);
  return undefined;
}

/** What a SKU may be in a show file (config/schema/primitives.ts). */
const SKU = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;
/** One word of letters, digits and marks: `!buy` splits on spaces and reads no other markup. */
const VARIANT = /^[\p{L}\p{N}][\p{L}\p{N}\p{M}_.+/-]{0,31}$/u;

/** A Buy press, or nothing when any part is not what the page sends (the line it becomes must be one `!buy`). */
function parseBuyMessage(m: Record<string, unknown>): BuyMessage | undefined {
  const { sku, variant, qty } = m;
  if (typeof sku !== 'string' || !SKU.test(sku)) return undefined;
  if (variant !== undefined && variant !== '' && (typeof variant !== 'string' || !VARIANT.test(variant))) return undefined;
  if (typeof qty !== 'number' || !Number.isInteger(qty) || qty < 1 || qty > 99) return undefined;
  return { type: 'buy', sku, ...(typeof variant === 'string' && variant !== '' && { variant }), qty };
}

/** The chat line a Buy press stands for: exactly what the viewer would type. */
export function buyCommand(buy: BuyMessage): string {
  return ['!buy', buy.sku, buy.variant, String(buy.qty)].filter((w) => w !== undefined).join(' ');
}

/** A received frame's text, whichever of its shapes `ws` hands over. */
export function frameText(data: RawData): string {
  return (Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data)).toString('utf8');
}
