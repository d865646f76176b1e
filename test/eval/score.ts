/**
 * Scoring for `npm run eval`: counts and rates from expected and predicted labels. Pure, so the
 * figures the report prints and the floors the tests hold are computed the same way.
 *
 * A rate over nothing (no line of a class in a slice) is null, not 0 or 1: "no evidence" must not
 * read as perfect or as failed.
 */

/** A share, or null when the denominator is 0. */
export type Rate = number | null;

/** `part / whole`, or null when `whole` is 0. */
export function ratio(part: number, whole: number): Rate {
  return whole === 0 ? null : part / whole;
}

/** Counts and rates of a yes/no decision against the labels. */
export interface BinaryScore {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: Rate;
  recall: Rate;
  f1: Rate;
}

/** Precision, recall and F1 of a yes/no decision (`predicted`) against the labels (`expected`). */
export function scoreBinary(pairs: ReadonlyArray<{ expected: boolean; predicted: boolean }>): BinaryScore {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const { expected, predicted } of pairs) {
    if (expected && predicted) tp++;
    else if (predicted) fp++;
    else if (expected) fn++;
    else tn++;
  }
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const f1 = precision === null || recall === null || precision + recall === 0 ? null : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, tn, precision, recall, f1 };
}

/**
 * What happened to one line in the FAQ task: an answerable line was answered `correct`ly, with a
 * `wrong` entry or `missed`; a line no entry should answer stayed `silent` or got a `spurious` answer.
 */
export type FaqOutcome = 'correct' | 'wrong' | 'missed' | 'silent' | 'spurious';

/** The outcome of one line: `expected` is the labelled entry id (null: none), `answered` the matcher's. */
export function faqOutcome(expected: string | null, answered: string | undefined): FaqOutcome {
  if (expected === null) return answered === undefined ? 'silent' : 'spurious';
  if (answered === undefined) return 'missed';
  return answered === expected ? 'correct' : 'wrong';
}

/** The FAQ task's tally: outcomes, and the shares a seller cares about. */
export interface FaqScore {
  counts: Record<FaqOutcome, number>;
  /** Lines an entry should answer. */
  answerable: number;
  /** Correct answers among all answers given (a wrong or spurious answer is noise in the chat). */
  precision: Rate;
  /** Answerable lines answered with the right entry. */
  recall: Rate;
  /** Answerable lines answered with another entry. */
  wrongRate: Rate;
  /** Answerable lines left unanswered. */
  missedRate: Rate;
  /** Lines no entry should answer that got an answer anyway. */
  spuriousRate: Rate;
}

/** Tallies FAQ outcomes. */
export function scoreFaq(outcomes: readonly FaqOutcome[]): FaqScore {
  const counts: Record<FaqOutcome, number> = { correct: 0, wrong: 0, missed: 0, silent: 0, spurious: 0 };
  for (const o of outcomes) counts[o]++;
  const answerable = counts.correct + counts.wrong + counts.missed;
  return {
    counts,
    answerable,
    precision: ratio(counts.correct, counts.correct + counts.wrong + counts.spurious),
    recall: ratio(counts.correct, answerable),
    wrongRate: ratio(counts.wrong, answerable),
    missedRate: ratio(counts.missed, answerable),
    spuriousRate: ratio(counts.spurious, counts.silent + counts.spurious),
  };
}

/** The moderation labels. */
export type ModerationLabel = 'fine' | 'abusive' | 'scam';

/** One harmful class: how much of it was stopped, and how clean the stopping was. */
export interface ClassScore {
  lines: number;
  blocked: number;
  /** Lines of the class that were stopped. */
  recall: Rate;
  /** Lines of the class that passed: the "harmful passing" rate the AutoMod audit cites. */
  passing: Rate;
  /**
   * Stopped lines of this class among the stopped lines of this class and of fine ones. The rules
   * stop a line without naming a class, so a class's precision is measured against fine lines only.
   */
  precision: Rate;
}

/** The moderation task's figures. */
export interface ModerationScore {
  abusive: ClassScore;
  scam: ClassScore;
  /** Abusive and scam together as "harmful": stopped or not. */
  harmful: BinaryScore;
  /** Fine lines. */
  fine: number;
  /** Fine lines stopped: the "harmless blocked" rate the AutoMod audit cites. */
  harmlessBlocked: Rate;
}

/** Scores the rules' stop/pass decision against the moderation labels. */
export function scoreModeration(rows: ReadonlyArray<{ expected: ModerationLabel; blocked: boolean }>): ModerationScore {
  const of = (label: ModerationLabel) => rows.filter((r) => r.expected === label);
  const fine = of('fine');
  const fineBlocked = fine.filter((r) => r.blocked).length;
  const cls = (label: 'abusive' | 'scam'): ClassScore => {
    const lines = of(label);
    const blocked = lines.filter((r) => r.blocked).length;
    return {
      lines: lines.length,
      blocked,
      recall: ratio(blocked, lines.length),
      passing: ratio(lines.length - blocked, lines.length),
      precision: ratio(blocked, blocked + fineBlocked),
    };
  };
  return {
    abusive: cls('abusive'),
    scam: cls('scam'),
    harmful: scoreBinary(rows.map((r) => ({ expected: r.expected !== 'fine', predicted: r.blocked }))),
    fine: fine.length,
    harmlessBlocked: ratio(fineBlocked, fine.length),
  };
}
