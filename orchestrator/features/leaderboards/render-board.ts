import { said, viewer, type SaidText, type TextSpan } from '../../chat-types.js';
import type { NameStyle } from '../../../config/schema/primitives.js';
import { formatMoney } from '../../commerce/money.js';
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

const EMPTY: Record<Board, string> = {
  buyers: 'No paid orders yet: the first buyer tops this board.',
  chatters: 'Nobody has chatted yet: say hi!',
  ambassadors: 'No ambassador sales yet.',
};

/** "Top buyers: 1. Anna €96.00 · 2. B*** €48.00", or what to say while nobody is on it. */
export function renderBoard(board: Board, rows: readonly BoardRow[], names: NameStyle, currency: string): SaidText {
  if (rows.length === 0) return said`${EMPTY[board]}`;
  const value = (v: number) => (board === 'chatters' ? `${v} ${v === 1 ? 'line' : 'lines'}` : formatMoney(v, currency));
  const spans: TextSpan[] = [`Top ${board}: `];
  rows.forEach((r, i) => spans.push(`${i > 0 ? ' · ' : ''}${i + 1}. `, viewer(publicName(r.name, names)), ` ${value(r.value)}`));
  return { text: spans.map((s) => (typeof s === 'string' ? s : s.viewer)).join(''), spans };
}
