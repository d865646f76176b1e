import type { PollView } from '../../events/poll-types.js';
import type { Texts } from '../../i18n/texts.js';

/** The poll as text: what Twitch and the web read, and what Discord shows above its buttons. */
export function pollOpenText(texts: Texts, poll: Pick<PollView, 'question' | 'options' | 'endsAt' | 'startedAt'>, prefix = '!'): string {
  const options = poll.options.map((o, i) => texts.t('polls.option', { n: i + 1, label: o.label })).join('  ');
  return texts.t('polls.open', { question: poll.question, options, prefix, duration: texts.duration(poll.endsAt - poll.startedAt) });
}

function percent(votes: number, total: number): number {
  return total === 0 ? 0 : Math.round((votes / total) * 100);
}

function standings(texts: Texts, poll: PollView): string {
  return poll.options.map((o, i) => texts.t('polls.standing', { n: i + 1, label: o.label, votes: o.votes, percent: percent(o.votes, poll.total) })).join(' · ');
}

export function pollProgressText(texts: Texts, poll: PollView, now: number, prefix = '!'): string {
  const left = texts.duration(Math.max(1000, poll.endsAt - now));
  return texts.t('polls.progress', { question: poll.question, standings: standings(texts, poll), total: poll.total, left, prefix });
}

export function pollResultText(texts: Texts, poll: PollView, next?: string): string {
  if (poll.total === 0) return texts.t('polls.closedEmpty', { question: poll.question });
  const names = poll.leaders.map((i) => poll.options[i]?.label ?? '?');
  const head = names.length === 1 ? texts.t('polls.winner', { name: names[0]! }) : texts.t('polls.tie', { names: texts.list(names) });
  const closed = texts.t('polls.closed', { question: poll.question, head, standings: standings(texts, poll), total: poll.total });
  return next ? `${closed} ${next}` : closed;
}

export function voteHint(texts: Texts, prefix: string, options: number): string {
  return texts.t('polls.voteHint', { prefix, count: options });
}
