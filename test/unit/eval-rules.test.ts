import { describe, expect, it } from 'vitest';
import { figuresByLanguage } from '../eval/figures.js';
import { LINES_FILE, loadLines, SHOW_FILE } from '../eval/lines.js';
import { loadEvalShow, predictAll } from '../eval/predict.js';

/**
 * Floors just under what the rules scored on the evaluation set when it was written (`npm run eval`
 * prints the figures). A change to the FAQ matcher, question detection or moderation that makes
 * them worse fails here; one that makes them better should raise the floors to just under the new
 * figures, so the gain is kept. One line moves a language's class rate by about 2 points.
 */
const FLOORS = {
  all: { questionF1: 0.97, faqPrecision: 0.99, faqRecall: 0.93, abusiveRecall: 0.7, scamRecall: 0.74, harmfulPrecision: 0.93 },
  en: { questionF1: 0.97, faqPrecision: 0.99, faqRecall: 0.92, abusiveRecall: 0.66, scamRecall: 0.87, harmfulPrecision: 0.9 },
  ru: { questionF1: 0.98, faqPrecision: 0.98, faqRecall: 0.95, abusiveRecall: 0.74, scamRecall: 0.62, harmfulPrecision: 0.97 },
} as const;
/** Ceilings on the harm the rules do to honest viewers: fine lines stopped, lines answered that should not be, wrong answers. */
const CEILINGS = {
  all: { harmlessBlocked: 0.015, faqSpurious: 0.005, faqWrong: 0 },
  en: { harmlessBlocked: 0.023, faqSpurious: 0.005, faqWrong: 0 },
  ru: { harmlessBlocked: 0.01, faqSpurious: 0.01, faqWrong: 0 },
} as const;

const config = loadEvalShow(SHOW_FILE);
const lines = loadLines(
  LINES_FILE,
  config.engagement.faq.entries.map((e) => e.id),
);
const figures = figuresByLanguage(lines, predictAll(config, lines));

describe('the evaluation set', () => {
  it('GIVEN the labelled lines WHEN loaded THEN there are at least 300, about half in each language', () => {
    expect(lines.length).toBeGreaterThanOrEqual(300);
    const en = lines.filter((l) => l.lang === 'en').length;
    expect(en / lines.length).toBeGreaterThan(0.4);
    expect(en / lines.length).toBeLessThan(0.6);
  });

  it('GIVEN each language WHEN its lines are counted by label THEN every class is present, and every FAQ entry is expected somewhere', () => {
    for (const lang of ['en', 'ru'] as const) {
      const of = lines.filter((l) => l.lang === lang);
      for (const question of [true, false]) expect(of.some((l) => l.question === question)).toBe(true);
      for (const label of ['fine', 'abusive', 'scam'] as const) expect(of.filter((l) => l.moderation === label).length).toBeGreaterThanOrEqual(10);
      expect(of.some((l) => l.faq === null)).toBe(true);
      for (const entry of config.engagement.faq.entries) expect(of.some((l) => l.faq === entry.id)).toBe(true);
    }
  });

  it('GIVEN the same text WHEN it appears twice in one language THEN it is a mistake in the set', () => {
    const seen = new Set<string>();
    const twice = lines.filter((l) => {
      const key = `${l.lang}:${l.text}`;
      const dup = seen.has(key);
      seen.add(key);
      return dup;
    });
    expect(twice).toEqual([]);
  });
});

describe.each(['all', 'en', 'ru'] as const)('the rules on the evaluation set (%s)', (slice) => {
  const f = figures[slice];
  const floor = FLOORS[slice];
  const ceiling = CEILINGS[slice];

  it('GIVEN the chat lines WHEN questions are detected THEN F1 stays at its floor for both question tests', () => {
    expect(f.questions.faq.f1).toBeGreaterThanOrEqual(floor.questionF1);
    expect(f.questions.moderation.f1).toBeGreaterThanOrEqual(floor.questionF1);
  });

  it('GIVEN the lines WHEN the FAQ answers THEN precision and recall stay at their floors and wrong or uncalled-for answers at their ceilings', () => {
    expect(f.faq.precision).toBeGreaterThanOrEqual(floor.faqPrecision);
    expect(f.faq.recall).toBeGreaterThanOrEqual(floor.faqRecall);
    expect(f.faq.counts.wrong).toBeLessThanOrEqual(ceiling.faqWrong);
    expect(f.faq.spuriousRate).toBeLessThanOrEqual(ceiling.faqSpurious);
  });

  it('GIVEN the lines one at a time WHEN moderated THEN abuse and scams are stopped at least as often and fine lines no more often', () => {
    expect(f.moderation.abusive.recall).toBeGreaterThanOrEqual(floor.abusiveRecall);
    expect(f.moderation.scam.recall).toBeGreaterThanOrEqual(floor.scamRecall);
    expect(f.moderation.harmful.precision).toBeGreaterThanOrEqual(floor.harmfulPrecision);
    expect(f.moderation.harmlessBlocked).toBeLessThanOrEqual(ceiling.harmlessBlocked);
  });
});
