import { describe, expect, it } from 'vitest';
import { choiceOf } from '../../orchestrator/features/polls/poll-choice.js';

const OPTIONS = ['Cinnamon', 'Cedar', 'Sea salt', 'Fig', 'Fig jam'];

describe('what !vote picks', () => {
  it('GIVEN an option number WHEN typed with or without # THEN that option, and a number out of range picks none', () => {
    expect(choiceOf('2', OPTIONS)).toEqual({ kind: 'option', index: 1 });
    expect(choiceOf('#3', OPTIONS)).toEqual({ kind: 'option', index: 2 });
    expect(choiceOf('0', OPTIONS)).toEqual({ kind: 'none' });
    expect(choiceOf('6', OPTIONS)).toEqual({ kind: 'none' });
  });

  it('GIVEN a name in any case WHEN typed whole or as a unique start THEN that option', () => {
    expect(choiceOf('cinnamon', OPTIONS)).toEqual({ kind: 'option', index: 0 });
    expect(choiceOf('SEA  SALT', OPTIONS)).toEqual({ kind: 'option', index: 2 });
    expect(choiceOf('cin', OPTIONS)).toEqual({ kind: 'option', index: 0 });
    expect(choiceOf('fig', OPTIONS)).toEqual({ kind: 'option', index: 3 });
    expect(choiceOf('fig j', OPTIONS)).toEqual({ kind: 'option', index: 4 });
  });

  it('GIVEN a start that fits several names WHEN typed THEN it is ambiguous with those; GIVEN no fit THEN none', () => {
    expect(choiceOf('c', OPTIONS)).toEqual({ kind: 'ambiguous', options: [0, 1] });
    expect(choiceOf('vanilla', OPTIONS)).toEqual({ kind: 'none' });
    expect(choiceOf('корица', ['Корица', 'Кедр'])).toEqual({ kind: 'option', index: 0 });
    expect(choiceOf('КЕ', ['Корица', 'Кедр'])).toEqual({ kind: 'option', index: 1 });
  });
});
