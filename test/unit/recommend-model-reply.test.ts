import { describe, expect, it } from 'vitest';
import { checkPick, type ModelCandidate } from '../../orchestrator/features/recommendations/model-reply.js';

const CANDIDATES: ModelCandidate[] = [
  { sku: 'SERUM', title: 'Hyaluronic serum', category: 'skincare', description: 'A rich serum for dry skin; SPF15 by day, 40 ml.', hint: 'asked' },
  { sku: 'PALETTE', title: 'Nude palette', category: 'makeup', description: 'Twelve matte shades.', hint: 'mentioned' },
];

describe('checkPick: a model pick is used only when it can be trusted', () => {
  const cases: Array<{ given: string; raw: string; expected: ReturnType<typeof checkPick> }> = [
    {
      given: 'a clean reply',
      raw: '{"sku": "SERUM", "reason": "Made for your dry skin."}',
      expected: { ok: true, sku: 'SERUM', reason: 'Made for your dry skin' },
    },
    {
      given: 'a fenced reply with a lower-case SKU',
      raw: '```json\n{"sku":"palette","reason":"Twelve shades, all matte"}\n```',
      expected: { ok: true, sku: 'PALETTE', reason: 'Twelve shades, all matte' },
    },
    {
      given: 'figures and codes the candidates name',
      raw: '{"sku":"SERUM","reason":"SPF15 and 40 ml for dry skin"}',
      expected: { ok: true, sku: 'SERUM', reason: 'SPF15 and 40 ml for dry skin' },
    },
    { given: 'a SKU outside the candidates', raw: '{"sku":"MUG","reason":"A mug for you"}', expected: { ok: false, reason: 'outside' } },
    { given: 'an invented price', raw: '{"sku":"SERUM","reason":"Only 9.99 today"}', expected: { ok: false, reason: 'unsupported-figure' } },
    { given: 'an invented code', raw: '{"sku":"SERUM","reason":"Take it with code GLOW20"}', expected: { ok: false, reason: 'unsupported-figure' } },
    { given: 'an invented all-caps code', raw: '{"sku":"SERUM","reason":"Use GLOWUP at checkout"}', expected: { ok: false, reason: 'unsupported-code' } },
    {
      given: 'a reason of more than 120 characters',
      raw: JSON.stringify({ sku: 'SERUM', reason: 'x '.repeat(70) }),
      expected: { ok: false, reason: 'too-long' },
    },
    { given: 'a link', raw: '{"sku":"SERUM","reason":"See https://evil.example"}', expected: { ok: false, reason: 'garbage' } },
    { given: 'words that are no JSON', raw: 'The serum, definitely!', expected: { ok: false, reason: 'garbage' } },
    { given: 'JSON without a reason', raw: '{"sku":"SERUM"}', expected: { ok: false, reason: 'garbage' } },
  ];

  it.each(cases)('GIVEN $given WHEN checked THEN $expected.ok', ({ raw, expected }) => {
    expect(checkPick(raw, CANDIDATES)).toEqual(expected);
  });
});
