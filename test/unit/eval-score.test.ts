import { describe, expect, it } from 'vitest';
import { faqOutcome, ratio, scoreBinary, scoreFaq, scoreModeration } from '../eval/score.js';

describe('eval scoring', () => {
  it('GIVEN nothing to divide by WHEN a rate is taken THEN it is null, not 0 or 1', () => {
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(1, 4)).toBe(0.25);
  });

  it('GIVEN 3 hits, 1 false alarm, 1 miss and 5 right rejections WHEN scored THEN precision 3/4, recall 3/4, F1 3/4', () => {
    const pairs = [
      ...Array.from({ length: 3 }, () => ({ expected: true, predicted: true })),
      { expected: false, predicted: true },
      { expected: true, predicted: false },
      ...Array.from({ length: 5 }, () => ({ expected: false, predicted: false })),
    ];
    expect(scoreBinary(pairs)).toEqual({ tp: 3, fp: 1, fn: 1, tn: 5, precision: 0.75, recall: 0.75, f1: 0.75 });
  });

  it('GIVEN a decision that never says yes WHEN scored THEN precision and F1 are null and recall is 0', () => {
    const s = scoreBinary([
      { expected: true, predicted: false },
      { expected: false, predicted: false },
    ]);
    expect(s).toMatchObject({ precision: null, recall: 0, f1: null });
  });

  it('GIVEN expected and given FAQ answers WHEN classified THEN each of the five outcomes is named', () => {
    expect(faqOutcome('shipping', 'shipping')).toBe('correct');
    expect(faqOutcome('shipping', 'returns')).toBe('wrong');
    expect(faqOutcome('shipping', undefined)).toBe('missed');
    expect(faqOutcome(null, undefined)).toBe('silent');
    expect(faqOutcome(null, 'payment')).toBe('spurious');
  });

  it('GIVEN FAQ outcomes WHEN tallied THEN precision counts wrong and spurious answers, recall only answerable lines', () => {
    const s = scoreFaq(['correct', 'correct', 'correct', 'wrong', 'missed', 'silent', 'silent', 'silent', 'spurious']);
    expect(s.answerable).toBe(5);
    expect(s.recall).toBe(3 / 5);
    expect(s.precision).toBe(3 / 5);
    expect(s.wrongRate).toBe(1 / 5);
    expect(s.missedRate).toBe(1 / 5);
    expect(s.spuriousRate).toBe(1 / 4);
  });

  it('GIVEN stopped and passed lines WHEN moderation is scored THEN each class has recall and passing, precision is measured against fine lines', () => {
    const s = scoreModeration([
      { expected: 'abusive', blocked: true },
      { expected: 'abusive', blocked: false },
      { expected: 'scam', blocked: true },
      { expected: 'scam', blocked: true },
      { expected: 'fine', blocked: true },
      { expected: 'fine', blocked: false },
      { expected: 'fine', blocked: false },
      { expected: 'fine', blocked: false },
    ]);
    expect(s.abusive).toEqual({ lines: 2, blocked: 1, recall: 0.5, passing: 0.5, precision: 0.5 });
    expect(s.scam).toEqual({ lines: 2, blocked: 2, recall: 1, passing: 0, precision: 2 / 3 });
    expect(s.harmful).toMatchObject({ tp: 3, fp: 1, fn: 1, tn: 3, precision: 0.75, recall: 0.75 });
    expect(s.fine).toBe(4);
    expect(s.harmlessBlocked).toBe(0.25);
  });

  it('GIVEN no harmful lines WHEN moderation is scored THEN their rates are null', () => {
    const s = scoreModeration([{ expected: 'fine', blocked: false }]);
    expect(s.abusive).toMatchObject({ lines: 0, recall: null, passing: null, precision: null });
    expect(s.harmlessBlocked).toBe(0);
  });
});
