import type { LabelledLine } from './lines.js';
import type { Prediction } from './predict.js';
import { faqOutcome, scoreBinary, scoreFaq, scoreModeration, type BinaryScore, type FaqScore, type ModerationScore } from './score.js';

/** The figures of one slice of the set (one language, or all lines). */
export interface SliceFigures {
  lines: number;
  questions: {
    /** Command lines: the command parser's business, left out of question detection. */
    commandsLeftOut: number;
    /** Moderation's test, which exempts askers from tone rules. */
    moderation: BinaryScore;
    /** The FAQ matcher's test, which gates answers. */
    faq: BinaryScore;
  };
  faq: FaqScore;
  /** `stoppedBy`: lines each rule stopped; `fineStoppedBy`: fine lines each rule stopped (its false positives). */
  moderation: ModerationScore & { stoppedBy: Record<string, number>; fineStoppedBy: Record<string, number> };
}

/** One line the rules got wrong, for the report. */
export interface Example {
  text: string;
  lang: string;
  got: string;
  expected: string;
}

/** Up to a few lines per kind of error. */
export type Examples = Record<string, Example[]>;

/** Scores the predictions of one slice. */
export function sliceFigures(lines: readonly LabelledLine[], predictions: readonly Prediction[]): SliceFigures {
  const pairs = lines.map((line, i) => ({ line, p: predictions[i]! }));
  const chat = pairs.filter(({ p }) => !p.command);
  const stoppedBy: Record<string, number> = {};
  const fineStoppedBy: Record<string, number> = {};
  for (const { line, p } of pairs) {
    if (p.rule === undefined) continue;
    stoppedBy[p.rule] = (stoppedBy[p.rule] ?? 0) + 1;
    if (line.moderation === 'fine') fineStoppedBy[p.rule] = (fineStoppedBy[p.rule] ?? 0) + 1;
  }
  return {
    lines: lines.length,
    questions: {
      commandsLeftOut: pairs.length - chat.length,
      moderation: scoreBinary(chat.map(({ line, p }) => ({ expected: line.question, predicted: p.moderationQuestion }))),
      faq: scoreBinary(chat.map(({ line, p }) => ({ expected: line.question, predicted: p.faqQuestion }))),
    },
    faq: scoreFaq(pairs.map(({ line, p }) => faqOutcome(line.faq, p.faq))),
    moderation: { ...scoreModeration(pairs.map(({ line, p }) => ({ expected: line.moderation, blocked: p.rule !== undefined }))), stoppedBy, fineStoppedBy },
  };
}

/** Figures for all lines and for each language. */
export function figuresByLanguage(lines: readonly LabelledLine[], predictions: readonly Prediction[]): Record<'all' | 'en' | 'ru', SliceFigures> {
  const of = (lang: string) => {
    const at = lines.map((l, i) => (l.lang === lang ? i : -1)).filter((i) => i >= 0);
    return sliceFigures(
      at.map((i) => lines[i]!),
      at.map((i) => predictions[i]!),
    );
  };
  return { all: sliceFigures(lines, predictions), en: of('en'), ru: of('ru') };
}

/** A few lines per kind of error, taken from both languages in turn, so neither hides the other. */
export function errorExamples(lines: readonly LabelledLine[], predictions: readonly Prediction[], perKind = 4): Examples {
  const kinds: Record<string, Example[]> = {};
  const add = (kind: string, line: LabelledLine, got: string, expected: string) =>
    (kinds[kind] ??= []).push({ text: line.text, lang: line.lang, got, expected });
  lines.forEach((line, i) => {
    const p = predictions[i]!;
    if (!p.command && line.question && !p.faqQuestion) add('question missed', line, 'not a question', 'question');
    if (!p.command && !line.question && p.faqQuestion) add('chatter taken for a question', line, 'question', 'not a question');
    const outcome = faqOutcome(line.faq, p.faq);
    if (outcome === 'wrong') add('FAQ wrong answer', line, `${p.faq} (${p.faqWhy})`, String(line.faq));
    if (outcome === 'missed') add('FAQ missed', line, 'no answer', String(line.faq));
    if (outcome === 'spurious') add('FAQ answered a line no entry should answer', line, `${p.faq} (${p.faqWhy})`, 'no answer');
    if (line.moderation !== 'fine' && p.rule === undefined) add(`${line.moderation} passed`, line, 'passed', line.moderation);
    if (line.moderation === 'fine' && p.rule !== undefined) add('fine line stopped', line, `${p.rule}: ${p.reason}`, 'fine');
  });
  const out: Examples = {};
  for (const [kind, all] of Object.entries(kinds)) {
    const en = all.filter((e) => e.lang === 'en');
    const ru = all.filter((e) => e.lang !== 'en');
    const mixed: Example[] = [];
    for (let i = 0; mixed.length < perKind && (i < en.length || i < ru.length); i++) {
      if (en[i]) mixed.push(en[i]!);
      if (ru[i] && mixed.length < perKind) mixed.push(ru[i]!);
    }
    out[kind] = mixed;
  }
  return out;
}
