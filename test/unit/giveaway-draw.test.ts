import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { commitmentOf, drawRound, entryHash, newSeed } from '../../orchestrator/commerce/giveaways/giveaway-draw.js';

const sha = (t: string) => createHash('sha256').update(t).digest('hex');

describe('a giveaway draw anyone can check', () => {
  const entries = Array.from({ length: 500 }, (_, i) => entryHash('spring', i % 2 ? 'twitch' : 'telegram', String(1000 + i)));

  it('GIVEN a published seed and entry list WHEN recomputed by hand THEN it names the same winner, whatever order the list was in', () => {
    const seed = 'a'.repeat(64);
    const drawn = drawRound(seed, 1, entries, [])!;
    const sorted = [...entries].sort();
    const digest = sha(`${seed}\n1\n${sorted.join('\n')}`);
    expect(drawn).toEqual({ winner: sorted[Number(BigInt(`0x${digest}`) % 500n)], digest });
    expect(drawRound(seed, 1, [...entries].reverse(), [])).toEqual(drawn);
  });

  it('GIVEN the commitment published at the start WHEN the seed is revealed THEN it matches, and another seed would not', () => {
    const seed = newSeed();
    expect(seed).toMatch(/^[0-9a-f]{64}$/);
    expect(commitmentOf(seed)).toBe(sha(seed));
    expect(commitmentOf(newSeed())).not.toBe(commitmentOf(seed));
  });

  it('GIVEN a winner who did not claim WHEN drawn again THEN the next round never picks them, and rounds run out with the entries', () => {
    const seed = newSeed();
    const few = entries.slice(0, 3);
    const first = drawRound(seed, 1, few, [])!.winner;
    const second = drawRound(seed, 2, few, [first])!.winner;
    const third = drawRound(seed, 3, few, [first, second])!.winner;
    expect(new Set([first, second, third]).size).toBe(3);
    expect(drawRound(seed, 4, few, [first, second, third])).toBeUndefined();
  });

  it('GIVEN many seeds WHEN drawn THEN every entry can win and none is favoured beyond chance', () => {
    const four = entries.slice(0, 4);
    const wins = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      const w = drawRound(sha(String(i)), 1, four, [])!.winner;
      wins.set(w, (wins.get(w) ?? 0) + 1);
    }
    expect(wins.size).toBe(4);
    for (const n of wins.values()) expect(n).toBeGreaterThan(850);
  });
});
