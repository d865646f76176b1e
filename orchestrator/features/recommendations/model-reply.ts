import { unsupportedClaim } from '../ai/answer-guard.js';

/** A candidate as the model is shown it: its own words, no price (prices come from the catalog). */
export interface ModelCandidate {
  sku: string;
  title: string;
  category?: string | undefined;
  description?: string | undefined;
  /** Why the rules picked it, in plain English for the model. */
  hint: string;
}

/** What a model's pick may be used as, or why it may not. */
export type CheckedPick =
  { ok: true; sku: string; reason: string } | { ok: false; reason: 'garbage' | 'outside' | 'too-long' | 'unsupported-figure' | 'unsupported-code' };

export const MAX_REASON = 120;

// Markup or a link has no place in a one-line reason: a model echoing a viewer's injection might add one.
const MARKUP = /[<>`]|https?:\/\/|\bwww\./i;

/** The JSON object in a reply, also when a model wraps it in a code fence or a sentence. */
function jsonIn(raw: string): unknown {
  const start = raw.indexOf('{');
  const end = raw.lastIndexOf('}');
  if (start < 0 || end <= start) return undefined;
  try {
    return JSON.parse(raw.slice(start, end + 1)) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A model's `{"sku": "...", "reason": "..."}` checked against the candidates it was shown: the SKU
 * must be one of them, the reason one short line, and every figure and code-like word in it must
 * come from the candidates' own texts. So a prompt injection in a viewer's line cannot make the
 * offer name a price, a discount or a code the catalog does not have.
 */
export function checkPick(raw: string, candidates: readonly ModelCandidate[]): CheckedPick {
  const reply = jsonIn(raw);
  if (typeof reply !== 'object' || reply === null) return { ok: false, reason: 'garbage' };
  const { sku, reason } = reply as { sku?: unknown; reason?: unknown };
  if (typeof sku !== 'string' || typeof reason !== 'string') return { ok: false, reason: 'garbage' };
  const chosen = candidates.find((c) => c.sku.toUpperCase() === sku.trim().toUpperCase());
  if (!chosen) return { ok: false, reason: 'outside' };
  // One line, without the full stop the chat line adds its own punctuation after.
  const line = reason
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.!。…]+$/u, '')
    .trim();
  if (line === '' || MARKUP.test(line)) return { ok: false, reason: 'garbage' };
  if (line.length > MAX_REASON) return { ok: false, reason: 'too-long' };
  const given = candidates.map((c) => [c.sku, c.title, c.category ?? '', c.description ?? ''].join(' ')).join('\n');
  const unsupported = unsupportedClaim(line, given);
  return unsupported ? { ok: false, reason: unsupported } : { ok: true, sku: chosen.sku, reason: line };
}
