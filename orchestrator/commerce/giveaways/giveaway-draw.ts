import { createHash, randomBytes } from 'node:crypto';

/**
 * A giveaway draw anyone can check. When entries open, showcart picks a random seed and publishes
 * only its SHA-256 (the commitment), so the seed cannot be chosen after seeing who entered. When
 * entries close it publishes the seed and the SHA-256 of every entry; the winner of round k is
 *
 *   index = SHA-256(seed "\n" k "\n" remaining hashes, sorted, joined by "\n") as a number, mod the count of remaining
 *
 * where "remaining" leaves out the winners of earlier rounds (a winner who did not claim). Anyone
 * with the published seed and list recomputes it; a viewer finds their own entry by hashing
 * "<giveaway>\n<platform>\n<their platform user id>".
 */
export const DRAW_RULE =
  'winner of round k = sorted(remaining entry hashes)[ SHA-256(seed + "\\n" + k + "\\n" + sorted(remaining).join("\\n")) as an integer mod count(remaining) ]; remaining = entries minus earlier rounds\' winners; entry hash = SHA-256(giveaway + "\\n" + platform + "\\n" + platform user id); commitment = SHA-256(seed)';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** A fresh seed: 32 random bytes, hex. */
export function newSeed(): string {
  return randomBytes(32).toString('hex');
}

/** What is published when entries open: the seed's SHA-256. */
export function commitmentOf(seed: string): string {
  return sha256(seed);
}

/** One entry as published: it names no one, but its viewer can recompute it. */
export function entryHash(giveaway: string, platform: string, platformUserId: string): string {
  return sha256(`${giveaway}\n${platform}\n${platformUserId}`);
}

/** The winning entry hash of `round` (1, 2, …), or undefined when no entry is left to draw. */
export function drawRound(
  seed: string,
  round: number,
  entries: readonly string[],
  earlierWinners: readonly string[],
): { winner: string; digest: string } | undefined {
  const out = new Set(earlierWinners);
  const remaining = [...new Set(entries)].filter((h) => !out.has(h)).sort();
  if (remaining.length === 0) return undefined;
  const digest = sha256(`${seed}\n${round}\n${remaining.join('\n')}`);
  const index = Number(BigInt(`0x${digest}`) % BigInt(remaining.length));
  return { winner: remaining[index]!, digest };
}
