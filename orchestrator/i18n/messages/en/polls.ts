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
  'polls.none': 'No poll is running right now.',
  'polls.stale': 'That poll has closed; your vote did not count there.',
  'polls.noSuchOption': '{question} has {count} options. {hint}',
  'polls.ambiguous': '"{typed}" fits {options}: type more of the name, or its number.',
  'polls.counted': 'Vote counted: {label}',
  'polls.changed': 'Changed your vote to {label}.',
} satisfies Record<string, string>;
