/** Polls: opening, progress, result, voting hints. `{question}` and option labels are the show file's. */
export const polls = {
  'polls.option': '{n}) {label}',
  'polls.standing': '{n}) {label} {votes} ({percent}%)',
  'polls.open': '📊 POLL: {question}  {options}  — vote with {prefix}vote N (Telegram: tap the poll). {duration} to vote.',
  'polls.progress': '📊 {question} — {standings} — {total, plural, one {# vote} other {# votes}}, {left} left: {prefix}vote N',
  'polls.closedEmpty': '📊 Poll closed: {question} — no votes this time.',
  'polls.winner': 'winner: {name}!',
  'polls.tie': "it's a tie between {names}!",
  'polls.closed': '📊 Poll closed: {question} — {head} {standings} ({total, plural, one {# vote} other {# votes}} from every platform).',
  'polls.voteHint': 'Vote with {prefix}vote 1 to {prefix}vote {count}.',
} satisfies Record<string, string>;
