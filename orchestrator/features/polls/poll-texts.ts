import { durationText } from '../promotions/promotion-texts.js';
import type { PollView } from '../../events/poll-types.js';

/** The poll as text: what Twitch and the web read, and what Discord shows above its buttons. */
export function pollOpenText(poll: Pick<PollView, 'question' | 'options' | 'endsAt' | 'startedAt'>): string {
  const options = poll.options.map((o, i) => `${i + 1}) ${o.label}`).join('  ');
  return `📊 POLL: ${poll.question}  ${options}  — vote with !vote N (Telegram: tap the poll). ${durationText(poll.endsAt - poll.startedAt)} to vote.`;
}

function percent(votes: number, total: number): number {
  return total === 0 ? 0 : Math.round((votes / total) * 100);
}

function standings(poll: PollView): string {
  return poll.options.map((o, i) => `${i + 1}) ${o.label} ${o.votes} (${percent(o.votes, poll.total)}%)`).join(' · ');
}

export function pollProgressText(poll: PollView, now: number): string {
  return `📊 ${poll.question} — ${standings(poll)} — ${poll.total} ${poll.total === 1 ? 'vote' : 'votes'}, ${durationText(Math.max(1000, poll.endsAt - now))} left: !vote N`;
}

export function pollResultText(poll: PollView, next?: string): string {
  const votes = `${poll.total} ${poll.total === 1 ? 'vote' : 'votes'} from every platform`;
  if (poll.total === 0) return `📊 Poll closed: ${poll.question} — no votes this time.`;
  const names = poll.leaders.map((i) => poll.options[i]?.label ?? '?');
  const head = names.length === 1 ? `winner: ${names[0]}!` : `it's a tie between ${names.join(' and ')}!`;
  return `📊 Poll closed: ${poll.question} — ${head} ${standings(poll)} (${votes}).${next ? ` ${next}` : ''}`;
}

export function voteHint(prefix: string, options: number): string {
  return `Vote with ${prefix}vote 1 to ${prefix}vote ${options}.`;
}
