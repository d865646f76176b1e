import { describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import { cutAt, splitLeavingRoom, usableLink, withTail } from '../../bots/render-link.js';
import { splitText } from '../../bots/render-text.js';

const PAY = { label: 'Pay now', url: 'https://shop.example/c/AbCd1234' };

describe('links every adapter may show', () => {
  it('GIVEN an http(s) checkout link WHEN checked THEN it is kept as it is', () => {
    expect(usableLink(PAY)).toEqual(PAY);
    expect(usableLink({ label: 'Open', url: 'http://127.0.0.1:3000/c/x?y=1&z=2' })).toEqual({ label: 'Open', url: 'http://127.0.0.1:3000/c/x?y=1&z=2' });
  });

  it('GIVEN javascript:, data:, relative, malformed or spaced addresses WHEN checked THEN none is a link', () => {
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,hi',
      '/c/AbCd',
      'https://',
      'not a url',
      'https://shop.example/a b',
      'https://shop.example/\nx',
      'ftp://shop.example/f',
    ]) {
      expect(usableLink({ label: 'Pay', url }), url).toBeUndefined();
    }
    expect(usableLink(undefined)).toBeUndefined();
  });

  it('GIVEN a label with line breaks or a blank one WHEN checked THEN the label is one line, or the host when it is blank', () => {
    expect(usableLink({ label: 'Pay\nnow\u202E', url: PAY.url })?.label).toBe('Pay now');
    expect(usableLink({ label: '  ', url: 'https://shop.example:8443/c/1' })?.label).toBe('shop.example:8443');
  });

  it('GIVEN text and an address that fit WHEN joined THEN the text is whole and the address follows', () => {
    expect(withTail('Pay within 20 min.', ` ${PAY.url}`, 500)).toBe(`Pay within 20 min. ${PAY.url}`);
  });

  it('GIVEN text and an address over the limit WHEN joined THEN the text is shortened with "…" and the address stays whole', () => {
    const joined = withTail('x'.repeat(480), ` ${PAY.url}`, 499)!;
    expect(joined).toHaveLength(499);
    expect(joined.endsWith(`… ${PAY.url}`)).toBe(true);
    expect(withTail('text', ` ${'u'.repeat(600)}`, 499)).toBeUndefined();
  });

  it('GIVEN emoji at the cut WHEN shortened THEN no surrogate pair is torn apart', () => {
    expect(cutAt('ab😀', 3)).toBe('ab');
    const joined = withTail('😀'.repeat(20), ' https://a.example/', 30)!;
    expect(joined).toMatch(/^(?:😀)+… https:\/\/a\.example\/$/u);
  });

  it('GIVEN a text whose last part is full WHEN split leaving room THEN every part fits and the last one has the room', () => {
    const text = 'word '.repeat(96).trim();
    const plain = splitText(text, 499);
    expect(plain.at(-1)!.length + 40).toBeGreaterThan(499);
    const parts = splitLeavingRoom(text, 499, 40, splitText);
    expect(parts.every((p) => p.length <= 499)).toBe(true);
    expect(parts.at(-1)!.length + 40).toBeLessThanOrEqual(499);
    expect(parts.join(' ')).toBe(text);
    expect(splitLeavingRoom('short', 499, 40, splitText)).toEqual(['short']);
  });

  it('GIVEN a MemoryChannel that was sent a link WHEN its texts are read THEN the address follows the text AND the request keeps the link', async () => {
    const channel = new MemoryChannel('twitch', ['room']);
    await channel.send({ channelId: 'room', text: 'Your cart is ready.', priority: 'reply', link: PAY });
    await channel.send({ channelId: 'room', text: 'no link here', priority: 'reply' });
    expect(channel.texts()).toEqual([`Your cart is ready. ${PAY.url}`, 'no link here']);
    expect(channel.sent[0]?.link).toEqual(PAY);
  });
});
