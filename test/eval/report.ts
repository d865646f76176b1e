import type { Examples, SliceFigures } from './figures.js';
import type { Rate } from './score.js';

type Slices = Record<'all' | 'en' | 'ru', SliceFigures>;
const SLICES = ['all', 'en', 'ru'] as const;

/** A rate as a percentage with one decimal; "—" when there was nothing to measure. */
export function percent(rate: Rate): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** Rows of cells as aligned columns: the first left-aligned, the rest right-aligned. */
export function table(rows: readonly string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...(r[c] ?? '')].length)));
  const pad = (cell: string, c: number) => {
    const gap = ' '.repeat(widths[c]! - [...cell].length);
    return c === 0 ? cell + gap : gap + cell;
  };
  return rows.map((r) => `  ${r.map(pad).join('  ')}`.trimEnd()).join('\n');
}

function questions(s: Slices): string {
  const rows = [['', 'lines', 'questions', 'precision', 'recall', 'F1']];
  for (const [name, pick] of [
    ['FAQ test', (f: SliceFigures) => f.questions.faq],
    ['moderation test', (f: SliceFigures) => f.questions.moderation],
  ] as const) {
    for (const slice of SLICES) {
      const b = pick(s[slice]);
      rows.push([`${name} · ${slice}`, String(b.tp + b.fp + b.fn + b.tn), String(b.tp + b.fn), percent(b.precision), percent(b.recall), percent(b.f1)]);
    }
  }
  return `Question detection (chat lines; ${s.all.questions.commandsLeftOut} command lines go to the command parser and are left out)\n${table(rows)}`;
}

function faq(s: Slices): string {
  const rows = [['', 'answerable', 'correct', 'wrong', 'missed', 'precision', 'recall', 'no-answer lines', 'answered anyway']];
  for (const slice of SLICES) {
    const f = s[slice].faq;
    const c = f.counts;
    rows.push([
      slice,
      String(f.answerable),
      `${c.correct} (${percent(f.recall)})`,
      `${c.wrong} (${percent(f.wrongRate)})`,
      `${c.missed} (${percent(f.missedRate)})`,
      percent(f.precision),
      percent(f.recall),
      String(c.silent + c.spurious),
      `${c.spurious} (${percent(f.spuriousRate)})`,
    ]);
  }
  return `FAQ answers (the matcher as the FAQ feature asks it: featured product, question rule, !faq without it; lines moderation stops are asked too)\n${table(rows)}`;
}

function moderation(s: Slices): string {
  const rows = [['', 'lines', 'stopped', 'recall', 'precision', 'passing']];
  for (const cls of ['abusive', 'scam'] as const) {
    for (const slice of SLICES) {
      const c = s[slice].moderation[cls];
      rows.push([`${cls} · ${slice}`, String(c.lines), String(c.blocked), percent(c.recall), percent(c.precision), percent(c.passing)]);
    }
  }
  for (const slice of SLICES) {
    const h = s[slice].moderation.harmful;
    rows.push([
      `harmful · ${slice}`,
      String(h.tp + h.fn),
      String(h.tp),
      percent(h.recall),
      percent(h.precision),
      percent(h.recall === null ? null : 1 - h.recall),
    ]);
  }
  const fine = [['', 'fine lines', 'stopped', 'harmless blocked', 'by rule']];
  for (const slice of SLICES) {
    const m = s[slice].moderation;
    const stopped = Object.values(m.fineStoppedBy).reduce((a, b) => a + b, 0);
    const rules = Object.entries(m.fineStoppedBy)
      .map(([rule, n]) => `${rule} ${n}`)
      .join(', ');
    fine.push([slice, String(m.fine), String(stopped), percent(m.harmlessBlocked), rules]);
  }
  return [
    'Moderation, one line at a time (a first line with a fresh history: repeat and flood rules need a stream and are not measured here)',
    '  precision of a class = its stopped lines among its and fine lines stopped (the rules stop a line without naming a class);',
    '  passing = the share that got through, the "harmful passing" rate of the AutoMod audit in issue 18',
    table(rows),
    '',
    table(fine),
    `  every stop by rule: ${Object.entries(s.all.moderation.stoppedBy)
      .map(([rule, n]) => `${rule} ${n}`)
      .join(', ')}`,
  ].join('\n');
}

function examples(ex: Examples): string {
  const parts = Object.entries(ex).map(
    ([kind, list]) => `${kind}:\n${list.map((e) => `  [${e.lang}] ${JSON.stringify(e.text)} → ${e.got} (expected ${e.expected})`).join('\n')}`,
  );
  return `Examples of errors (a few per kind, both languages)\n${parts.join('\n')}`;
}

/** The whole text report of the rules' figures. */
export function renderReport(slices: Slices, ex: Examples, header: string): string {
  return [header, questions(slices), faq(slices), moderation(slices), examples(ex)].join('\n\n');
}
