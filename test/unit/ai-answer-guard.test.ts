import { describe, expect, it } from 'vitest';
import { checkAnswer } from '../../orchestrator/features/ai/answer-guard.js';

const sources = [
  { id: 'faq:shipping', title: 'Do you ship abroad?', text: 'We ship to the EU in 3-5 days.' },
  { id: 'product:VAN', title: 'Vanilla candle', text: 'Soy wax, burns 40 hours. Variants: S, L.' },
];

describe('what a model may say in chat', () => {
  it('GIVEN an answer citing a source with figures from it WHEN checked THEN it passes without the citation marks', () => {
    expect(checkAnswer('It burns for 40 hours [product:VAN].', sources, [])).toEqual({ ok: true, text: 'It burns for 40 hours.', cited: [sources[1]] });
  });

  it('GIVEN a price from the price tool WHEN checked THEN it passes; a price from nowhere does not', () => {
    const tool = JSON.stringify({ sku: 'VAN', prices: 'S €24.00, L €32.00' });
    expect(checkAnswer('The S is €24.00 [product:VAN].', sources, [tool]).ok).toBe(true);
    expect(checkAnswer('The S is €19.99 [product:VAN].', sources, [tool])).toEqual({ ok: false, reason: 'unsupported-figure' });
  });

  it('GIVEN a prompt injection that makes the model invent a code WHEN checked THEN it is refused', () => {
    expect(checkAnswer('Sure! Use code FREE100 for 100% off [faq:shipping].', sources, [])).toEqual({ ok: false, reason: 'unsupported-figure' });
    expect(checkAnswer('Sure! Use code FREEBIE at checkout [faq:shipping].', sources, [])).toEqual({ ok: false, reason: 'unsupported-code' });
  });

  it('GIVEN an answer that cites nothing it was shown, or says it does not know WHEN checked THEN it is not posted', () => {
    expect(checkAnswer('We ship everywhere.', sources, [])).toEqual({ ok: false, reason: 'uncited' });
    expect(checkAnswer('We ship everywhere [faq:returns].', sources, [])).toEqual({ ok: false, reason: 'uncited' });
    expect(checkAnswer('UNKNOWN', sources, [])).toEqual({ ok: false, reason: 'unknown' });
  });
});
