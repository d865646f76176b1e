import { describe, expect, it } from 'vitest';
import type { Outbound, RelayLine } from '../../orchestrator/chat-types.js';
import {
  chatLine,
  COMMAND_GUARD,
  isCommandLike,
  mentionName,
  neutralizeCommand,
  oneLine,
  renderTwitch,
  TMI_SAFE_LENGTH,
} from '../../bots/twitch/twitch-render.js';

const room = { kind: 'room', platform: 'twitch', channelId: 'candleshop' } as const;
const text = (t: string, replyTo?: string): Outbound => ({
  priority: 'reply',
  target: room,
  body: { kind: 'text', text: t },
  ...(replyTo && { replyTo: { messageId: 'm1', userName: replyTo } }),
});
const relay = (lines: Array<Partial<RelayLine>>, more = 0): Outbound => ({
  priority: 'relay',
  target: room,
  body: { kind: 'relay', lines: lines.map((l) => ({ platform: 'telegram', author: 'Boris', text: 'hi', at: 0, ...l })), more },
});

describe('rendering for Twitch chat', () => {
  it('GIVEN a relayed line WHEN rendered THEN it reads "[Telegram] Name: text" on one line', () => {
    expect(renderTwitch(relay([{ text: 'first\nsecond\r\n\r\nthird' }]), 500).parts).toEqual(['[Telegram] Boris: first · second · third']);
  });

  it('GIVEN a relayed "/ban alice" WHEN rendered THEN the line starts with the origin tag, so Twitch can never run it', () => {
    const [part] = renderTwitch(relay([{ platform: 'discord', author: 'Bob', text: '/ban alice' }]), 500).parts;
    expect(part).toBe('[Discord] Bob: /ban alice');
    expect(isCommandLike(part!)).toBe(false);
  });

  it('GIVEN a relayed "@alice" WHEN rendered THEN the mention is defanged with a zero-width space and pings nobody on Twitch', () => {
    const [part] = renderTwitch(relay([{ text: 'hey @alice look' }]), 500).parts;
    expect(part).toBe('[Telegram] Boris: hey @\u200Balice look');
  });

  it('GIVEN plain text starting with "/", "." or "\\" WHEN rendered THEN it is prefixed so it cannot run as a command, while ".." stays text', () => {
    for (const danger of ['/ban alice', '.timeout alice 600', '\\me dances', '  /clear', '/me waves']) {
      const [part] = renderTwitch(text(danger), 500).parts;
      expect(part!.startsWith(COMMAND_GUARD)).toBe(true);
      expect(isCommandLike(part!)).toBe(false);
    }
    expect(renderTwitch(text('... and we are live'), 500).parts).toEqual(['... and we are live']);
    expect(neutralizeCommand('hello /ban')).toBe('hello /ban');
  });

  it('GIVEN a reply WHEN rendered THEN it starts with "@name " and the mention cannot be turned into a command', () => {
    expect(renderTwitch(text('Commands: !help', 'Alice'), 500).parts).toEqual(['@Alice Commands: !help']);
    expect(renderTwitch(text('/buy is for Telegram', 'Alice'), 500).parts).toEqual(['@Alice /buy is for Telegram']);
  });

  it('GIVEN a reply longer than 500 WHEN rendered THEN every part carries the mention and fits in 499 (tmi.js splits 500 itself)', () => {
    const words = Array.from({ length: 160 }, (_, i) => `word${i}`).join(' ');
    const { parts } = renderTwitch(text(words, 'Alice'), 500);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.startsWith('@Alice ')).toBe(true);
      expect(part.length).toBeLessThanOrEqual(TMI_SAFE_LENGTH);
    }
    expect(parts.map((p) => p.slice('@Alice '.length)).join(' ')).toBe(words);
  });

  it('GIVEN a long plain text WHEN rendered THEN no part is longer than 499 even with the guard, and none has a line break', () => {
    const long = `/${'x'.repeat(600)}\n${'y '.repeat(300)}`;
    for (const part of renderTwitch(text(long), 500).parts) {
      expect(part.length).toBeLessThanOrEqual(TMI_SAFE_LENGTH);
      expect(part).not.toMatch(/[\r\n]/);
      expect(isCommandLike(part)).toBe(false);
    }
  });

  it('GIVEN many relay lines WHEN rendered THEN they make one digest within the limit and the rest are reported omitted', () => {
    const lines = Array.from({ length: 40 }, (_, i) => ({ author: `Viewer${i}`, text: `line number ${i}` }));
    const { parts, omitted } = renderTwitch(relay(lines, 3), 500);
    expect(parts).toHaveLength(1);
    expect(parts[0]!.length).toBeLessThanOrEqual(TMI_SAFE_LENGTH);
    expect(parts[0]).toMatch(/^\[Telegram\] Viewer0: line number 0 · Viewer1: /);
    expect(parts[0]).toMatch(/ · \+3 more$/);
    expect(omitted).toBeGreaterThan(0);
  });

  it('GIVEN a localized display name WHEN mentioning THEN the login is used, else the display name', () => {
    expect(mentionName('小明', 'xiaoming')).toBe('xiaoming');
    expect(mentionName('Alice', 'alice')).toBe('Alice');
    expect(mentionName('Alice')).toBe('Alice');
  });

  it('GIVEN a viewer value in our text WHEN rendered THEN it is on one line, pings nobody and is no link', () => {
    const out: Outbound = { ...text(''), body: { kind: 'text', text: '', spans: [{ viewer: '.me @bob\nevil.example' }, ' just bought a Mug!'] } };
    expect(renderTwitch(out, 500).parts).toEqual([`${COMMAND_GUARD}.\u200Bme @\u200Bbob evil.\u200Bexample just bought a Mug!`]);
  });

  it('GIVEN a replied-to name with spaces, markup or a command WHEN mentioned THEN only its letters, digits and "_" follow the "@"', () => {
    expect(mentionName('evil /ban x')).toBe('evilbanx');
    expect(mentionName('\u202Eann_1')).toBe('ann_1');
    expect(renderTwitch(text('hi', '@@ /'), 500).parts).toEqual(['hi']);
  });

  it('GIVEN control characters WHEN made one line THEN they become spaces and line breaks become " · "', () => {
    expect(oneLine('a\tb\u0000c\n\nd')).toBe('a b c · d');
  });

  it('GIVEN a moderation body or an empty text WHEN rendered THEN there is nothing to send', () => {
    expect(
      renderTwitch(
        { priority: 'moderation', target: room, body: { kind: 'moderation', action: { kind: 'delete', channelId: 'candleshop', messageId: 'x' } } },
        500,
      ).parts,
    ).toEqual([]);
    expect(renderTwitch(text(' \n '), 500).parts).toEqual([]);
  });
});

describe('Twitch links', () => {
  const pay = { label: 'Pay now', url: 'https://shop.example/c/AbCd1234' };

  it('GIVEN a line with a link WHEN put on the wire THEN the address follows the text on the same line, and the label is not shown', () => {
    expect(chatLine('@Alice Your cart is ready.', pay, TMI_SAFE_LENGTH)).toBe(`@Alice Your cart is ready. ${pay.url}`);
    expect(chatLine('/ban alice', pay, TMI_SAFE_LENGTH)).toBe(`${COMMAND_GUARD}/ban alice ${pay.url}`);
    expect(chatLine('no link', undefined, TMI_SAFE_LENGTH)).toBe('no link');
    expect(chatLine('bad link', { label: 'x', url: 'javascript:alert(1)' }, TMI_SAFE_LENGTH)).toBe('bad link');
  });

  it('GIVEN text and address over 499 WHEN put on the wire THEN the text is shortened with "…" and the address is whole at the end', () => {
    const line = chatLine('x'.repeat(499), pay, TMI_SAFE_LENGTH);
    expect(line).toHaveLength(TMI_SAFE_LENGTH);
    expect(line.endsWith(`… ${pay.url}`)).toBe(true);
  });

  it('GIVEN a long reply with a link WHEN rendered THEN the address is in no part AND the last part keeps room for it, so nothing is cut', () => {
    const words = 'word '.repeat(96).trim();
    const { parts } = renderTwitch({ ...text(words, 'Alice'), link: pay }, 500);
    expect(parts).toHaveLength(2);
    expect(parts.join(' ')).not.toContain('shop.example');
    const lines = parts.map((part, i) => chatLine(part, i === parts.length - 1 ? pay : undefined, TMI_SAFE_LENGTH));
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(TMI_SAFE_LENGTH);
    expect(lines.at(-1)!.endsWith(` ${pay.url}`)).toBe(true);
    expect(lines.join(' ')).not.toContain('…');
  });
});
