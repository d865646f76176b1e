import { describe, expect, it } from 'vitest';
import { DistinctWindow, milestoneThreshold, passedMilestones, UnlockTracker } from '../../orchestrator/features/promotions/unlock-counter.js';
import { keywordMatcher } from '../../orchestrator/features/promotions/unlock-keyword.js';

const MIN = 60_000;

describe('distinct askers in a sliding window', () => {
  it('GIVEN one viewer asking three times WHEN counted THEN they count once', () => {
    const w = new DistinctWindow(15 * MIN);
    w.add(7, 0);
    w.add(7, 1000);
    expect(w.add(7, 2000)).toBe(1);
    expect(w.add(8, 3000)).toBe(2);
  });

  it('GIVEN asks older than the window WHEN time moves on THEN they fall out, and asking again refreshes a viewer', () => {
    const w = new DistinctWindow(10 * MIN);
    w.add(1, 0);
    w.add(2, 4 * MIN);
    w.add(1, 6 * MIN); // 1 asks again: now counted from minute 6
    expect(w.count(10 * MIN)).toBe(2);
    expect(w.count(14 * MIN)).toBe(1); // 2 asked at minute 4 and is out at 14
    expect(w.count(16 * MIN)).toBe(0);
  });
});

describe('milestones', () => {
  it('GIVEN a goal of 1000 WHEN 500 ask THEN 25 and 50 are passed, and a milestone that rounds up to the goal is left to the goal', () => {
    expect(passedMilestones(1000, [25, 50, 75, 90], 500, new Set())).toEqual([25, 50]);
    expect(passedMilestones(1000, [25, 50, 75, 90], 500, new Set([25]))).toEqual([50]);
    expect(milestoneThreshold(3, 90)).toBe(3);
    expect(passedMilestones(3, [90], 2, new Set())).toEqual([]);
  });
});

describe('one unlock in one show run', () => {
  it('GIVEN milestones WHEN viewers ask THEN each milestone is reported once, and the goal once', () => {
    const t = new UnlockTracker(4, [25, 50, 75], 15 * MIN);
    expect(t.ask(1, 0)).toEqual({ kind: 'milestone', percent: 25, count: 1 });
    expect(t.ask(1, 1)).toEqual({ kind: 'none', count: 1 });
    expect(t.ask(2, 2)).toEqual({ kind: 'milestone', percent: 50, count: 2 });
    expect(t.ask(3, 3)).toEqual({ kind: 'milestone', percent: 75, count: 3 });
    expect(t.ask(4, 4)).toEqual({ kind: 'reached', count: 4 });
    expect(t.ask(5, 5).kind).toBe('none');
    expect(t.done).toBe(true);
  });

  it('GIVEN the count drops out of the window and climbs back WHEN milestones are passed again THEN they are not repeated', () => {
    const t = new UnlockTracker(10, [20], MIN);
    t.ask(1, 0);
    expect(t.ask(2, 1).kind).toBe('milestone');
    expect(t.ask(3, 2 * MIN)).toEqual({ kind: 'none', count: 1 });
    expect(t.ask(4, 2 * MIN + 1)).toEqual({ kind: 'none', count: 2 });
  });

  it('GIVEN several milestones passed at once WHEN reported THEN only the highest is announced', () => {
    const t = new UnlockTracker(2, [10, 40], MIN);
    expect(t.ask(1, 0)).toEqual({ kind: 'milestone', percent: 40, count: 1 });
  });

  it('GIVEN a reached unlock WHEN reopened or reset THEN it can be reached again, from zero after a reset', () => {
    const t = new UnlockTracker(1, [], MIN);
    expect(t.ask(1, 0).kind).toBe('reached');
    t.reopen();
    expect(t.ask(1, 1).kind).toBe('reached');
    t.reset();
    expect(t.done).toBe(false);
    expect(t.ask(2, 2)).toEqual({ kind: 'reached', count: 1 });
  });
});

describe('the unlock keyword', () => {
  it('GIVEN a keyword WHEN lines contain it as a word in any case THEN they match, and longer words do not', () => {
    const m = keywordMatcher('unlock');
    for (const yes of ['unlock', 'UNLOCK', 'Unlock!', 'pls unlock 🙏', 'unlock, unlock', '#unlock']) expect(m(yes), yes).toBe(true);
    for (const no of ['unlocked', 'unlocking it', 'reunlock', 'un lock', 'unlock_it']) expect(m(no), no).toBe(false);
  });

  it('GIVEN a keyword in another script or with regex characters WHEN matched THEN it is taken literally and by Unicode word edges', () => {
    const ru = keywordMatcher('хочу');
    expect(ru('Я ХОЧУ!')).toBe(true);
    expect(ru('хочушки')).toBe(false);
    const plus = keywordMatcher('c++');
    expect(plus('learn c++ now')).toBe(true);
    expect(plus('c')).toBe(false);
  });
});
