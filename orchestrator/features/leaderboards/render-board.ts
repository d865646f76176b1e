import type { SaidText, TextSpan } from '../../chat-types.js';
import { viewer } from '../../chat-types.js';
import type { NameStyle } from '../../../config/schema/primitives.js';
import type { Texts } from '../../i18n/texts.js';
import { publicName } from '../alerts/buyer-name.js';
import type { BoardRow } from '../../store/show-reads.js';

export const BOARDS = ['buyers', 'chatters', 'ambassadors'] as const;
export type Board = (typeof BOARDS)[number];

/** The board a viewer asked for: none given means buyers; singulars work; anything else is undefined. */
export function parseBoard(word: unknown): Board | undefined {
  if (typeof word !== 'string' || word.trim() === '') return 'buyers';
  const w = word.trim().toLowerCase();
  return BOARDS.find((b) => b === w || b.slice(0, -1) === w);
}

const EMPTY = { buyers: 'leaderboards.emptyBuyers', chatters: 'leaderboards.emptyChatters', ambassadors: 'leaderboards.emptyAmbassadors' } as const;

/** "Top buyers: 1. Anna €96.00 · 2. B*** €48.00", or what to say while nobody is on it. Names stay viewer spans. */
export function renderBoard(texts: Texts, board: Board, rows: readonly BoardRow[], names: NameStyle, currency: string): SaidText {
  if (rows.length === 0) return texts.said(EMPTY[board]);
  const value = (v: number) => (board === 'chatters' ? texts.t('leaderboards.lines', { n: v }) : texts.money(v, currency));
  const someone = texts.t('alerts.someone');
  const spans: TextSpan[] = [texts.t('leaderboards.head', { board })];
  rows.forEach((r, i) => {
    if (i > 0) spans.push(' · ');
    spans.push(...texts.said('leaderboards.row', { place: i + 1, name: viewer(publicName(r.name, names, someone)), value: value(r.value) }).spans);
  });
  // Neighbouring words become one span, as everywhere else a text is said.
  const merged = spans.reduce<TextSpan[]>((out, s) => {
    const last = out[out.length - 1];
    if (typeof s === 'string' && typeof last === 'string') out[out.length - 1] = last + s;
    else out.push(s);
    return out;
  }, []);
  return { text: merged.map((s) => (typeof s === 'string' ? s : s.viewer)).join(''), spans: merged };
}
