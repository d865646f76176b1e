import { describe, expect, it } from 'vitest';
import { validatePoll } from '../../orchestrator/features/polls/poll-run.js';
import { PollTally } from '../../orchestrator/features/polls/poll-tally.js';
import { pollResultText } from '../../orchestrator/features/polls/poll-texts.js';
import { Texts } from '../../orchestrator/i18n/texts.js';

const meta = { id: 'p', question: 'Which?', state: 'open' as const, startedAt: 0, endsAt: 60_000 };

describe('the poll tally', () => {
  it('GIVEN a viewer who votes, votes the same again and then changes WHEN counted THEN they count once, on their last choice', () => {
    const tally = new PollTally(['Red', 'Blue', 'Green']);
    expect(tally.cast(1, 0, 'twitch')).toEqual({ kind: 'counted' });
    expect(tally.cast(1, 0, 'twitch')).toEqual({ kind: 'same' });
    expect(tally.cast(1, 2, 'telegram')).toEqual({ kind: 'changed', from: 0 });
    tally.cast(2, 1, 'discord');
    expect(tally.view(meta)).toEqual({
      ...meta,
      options: [
        { label: 'Red', votes: 0 },
        { label: 'Blue', votes: 1 },
        { label: 'Green', votes: 1 },
      ],
      total: 2,
      leaders: [1, 2],
      byPlatform: { telegram: 1, discord: 1 },
    });
  });

  it('GIVEN a retracted vote and a store that merged two viewers WHEN reset from the store THEN the stored ballots are the count', () => {
    const tally = new PollTally(['A', 'B']);
    tally.cast(1, 0, 'web');
    tally.cast(2, 1, 'web');
    expect(tally.retract(2)).toBe(true);
    expect(tally.retract(2)).toBe(false);
    expect(tally.view(meta).total).toBe(1);
    // Viewers 3 and 4 were linked into 3; an out-of-range row from an edited show is ignored.
    tally.reset([
      { viewerId: 3, option: 1, platform: 'twitch' },
      { viewerId: 5, option: 7, platform: 'twitch' },
    ]);
    expect(tally.view(meta)).toMatchObject({ total: 1, leaders: [1], options: [{ votes: 0 }, { votes: 1 }] });
  });

  it('GIVEN no votes WHEN viewed THEN there is no leader, and the result says so', () => {
    const view = new PollTally(['A', 'B']).view(meta);
    expect(view.leaders).toEqual([]);
    expect(pollResultText(new Texts('en'), view)).toBe('📊 Poll closed: Which? — no votes this time.');
  });

  it('GIVEN a tie WHEN the result is written THEN both are named and percentages add up', () => {
    const tally = new PollTally(['Fig', 'Pine', 'Sea salt']);
    tally.cast(1, 0, 'web');
    tally.cast(2, 1, 'web');
    expect(pollResultText(new Texts('en'), tally.view(meta))).toBe(
      "📊 Poll closed: Which? — it's a tie between Fig and Pine! 1) Fig 1 (50%) · 2) Pine 1 (50%) · 3) Sea salt 0 (0%) (2 votes from every platform).",
    );
  });
});

describe('a poll typed on the dashboard', () => {
  const ok = { question: 'Next colour?', options: ['Red', 'Blue'], durationMs: 60_000 };
  it.each([
    [{ ...ok }, undefined],
    [{ ...ok, question: '  ' }, 'The question needs 1 to 300 characters.'],
    [{ ...ok, options: ['Only'] }, 'A poll needs 2 to 12 options.'],
    [{ ...ok, options: Array.from({ length: 13 }, (_, i) => `O${i}`) }, 'A poll needs 2 to 12 options.'],
    [{ ...ok, options: ['Red', 'x'.repeat(101)] }, 'Each option needs 1 to 100 characters.'],
    [{ ...ok, options: ['Red', ' red '] }, 'Two options are the same.'],
    [{ ...ok, durationMs: 5_000 }, 'A poll runs from 10 seconds to 60 minutes.'],
    [{ ...ok, durationMs: Number.NaN }, 'A poll runs from 10 seconds to 60 minutes.'],
  ])('GIVEN %j WHEN validated THEN the answer is %s', (input, expected) => {
    expect(validatePoll(input)).toBe(expected);
  });
});
