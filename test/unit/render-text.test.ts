import { describe, expect, it } from 'vitest';
import { breakLinks, plainText, renderRelay, splitText, stripBidi, stripBidiScopes } from '../../bots/render-text.js';

describe('rendering relay lines and long texts', () => {
  it('GIVEN lines from two platforms WHEN rendered THEN each origin is tagged once per run', () => {
    const out = renderRelay(
      [
        { platform: 'twitch', author: 'Alice', text: 'hi', at: 0 },
        { platform: 'twitch', author: 'Bob', text: 'wow', at: 0 },
        { platform: 'discord', author: 'Carl', text: 'yo', at: 0 },
        { platform: 'twitch', author: 'Dana', text: 'back', at: 0 },
      ],
      0,
      500,
    );
    expect(out).toEqual({ parts: ['[Twitch] Alice: hi · Bob: wow · [Discord] Carl: yo · [Twitch] Dana: back'], omitted: 0 });
  });

  it('GIVEN lines dropped earlier WHEN rendered THEN the tail says how many more, as in "+12 more"', () => {
    const lines = Array.from({ length: 2 }, (_, i) => ({ platform: 'twitch' as const, author: i % 2 ? 'Bob' : 'Alice', text: i % 2 ? 'wow' : 'hi', at: 0 }));
    expect(renderRelay(lines, 12, 500)).toEqual({ parts: ['[Twitch] Alice: hi · Bob: wow · +12 more'], omitted: 0 });
  });

  it('GIVEN more lines than fit WHEN rendered THEN the ones that fit are sent and the rest reported omitted for later', () => {
    const lines = Array.from({ length: 14 }, (_, i) => ({ platform: 'twitch' as const, author: i % 2 ? 'Bob' : 'Alice', text: i % 2 ? 'wow' : 'hi', at: 0 }));
    expect(renderRelay(lines, 0, 30)).toEqual({ parts: ['[Twitch] Alice: hi · Bob: wow'], omitted: 12 });
  });

  it('GIVEN one line longer than the limit WHEN rendered THEN it is trimmed, not lost', () => {
    const out = renderRelay([{ platform: 'web', author: 'Anna', text: 'x'.repeat(100), at: 0 }], 0, 30);
    expect(out.parts[0]).toHaveLength(30);
    expect(out.parts[0]!.endsWith('…')).toBe(true);
    expect(out.omitted).toBe(0);
  });

  it('GIVEN a text with no spaces WHEN split THEN the pieces are cut at the limit', () => {
    expect(splitText('a'.repeat(25), 10)).toEqual(['a'.repeat(10), 'a'.repeat(10), 'a'.repeat(5)]);
  });

  it('GIVEN sentences WHEN split THEN cuts prefer sentence ends', () => {
    expect(splitText('First sentence here. Second one is here.', 25)).toEqual(['First sentence here.', 'Second one is here.']);
  });

  it('GIVEN a hard cut right after a backslash or inside a surrogate pair WHEN split THEN the cut moves one character back', () => {
    expect(splitText('aaaaaaaa\\*bbbb', 9)).toEqual(['aaaaaaaa', '\\*bbbb']);
    expect(splitText('aaaaaaaa😀bbbb', 9)).toEqual(['aaaaaaaa', '😀bbbb']);
  });

  it('GIVEN bidi controls WHEN stripped THEN viewer strings lose all of them and our texts only those that reorder a run', () => {
    expect(stripBidi('a\u202Eb\u2066c\u200Fd\u061Ce')).toBe('abcde');
    expect(stripBidiScopes('a\u202Eb\u200Fc')).toBe('ab\u200Fc');
  });

  it('GIVEN a body with viewer values WHEN written as plain text THEN the values keep their words on one line', () => {
    expect(plainText({ text: 'ignored', spans: ['Hi ', { viewer: 'An\nna\u202E' }, '!'] })).toBe('Hi An na!');
    expect(plainText({ text: 'Hi Anna' })).toBe('Hi Anna');
    expect(breakLinks('a.b:/c', '|')).toBe('a.|b:|/|c');
  });
});
