import { describe, expect, it } from 'vitest';
import { FailedAttempts } from '../../orchestrator/features/linking/failed-attempts.js';
import { codeText, linkedText, noPrivateText, samePlatformText } from '../../orchestrator/features/linking/link-texts.js';
import { newLinkCode, normalizeLinkCode } from '../../orchestrator/store/link-codes.js';
import { textsFor } from '../../orchestrator/i18n/texts.js';

const en = textsFor('en');

describe('linking: codes, texts and the brake on guessing', () => {
  it('GIVEN any random draw WHEN a code is made THEN it has six characters without look-alikes', () => {
    expect(newLinkCode(() => 0)).toBe('AAAAAA');
    expect(newLinkCode((n) => n - 1)).toBe('999999');
    let i = 0;
    const all = new Set(Array.from({ length: 31 }, () => newLinkCode(() => i++ % 31)).join(''));
    expect([...all].filter((c) => '01OIL'.includes(c))).toEqual([]);
  });

  it('GIVEN what viewers type WHEN normalized THEN case, spaces and dashes do not matter', () => {
    expect(normalizeLinkCode('k7p-2qx')).toBe('K7P2QX');
    expect(normalizeLinkCode(' K7P 2QX ')).toBe('K7P2QX');
  });

  it('GIVEN a code WHEN it is sent THEN the text says what to type on every platform and for how long', () => {
    expect(codeText(en, 'K7P2QX', 10 * 60_000)).toBe(
      'Your link code is K7P2QX. Send !link K7P2QX (Telegram: /link K7P2QX) from your other account within 10 minutes; it works once.',
    );
  });

  it('GIVEN a platform without private messages WHEN a code is asked for THEN the reply points to the platforms that have them', () => {
    expect(noPrivateText(en, 'twitch', ['telegram', 'discord'])).toBe(
      'On Twitch I cannot send you a code privately. Send /link on Telegram or !link on Discord to get one, then type !link CODE here.',
    );
    expect(noPrivateText(en, 'twitch', [])).toMatch(/none is connected/);
  });

  it('GIVEN a link WHEN either side is told THEN they learn the other account, and clashes name the platform', () => {
    expect(linkedText(en, 'twitch', 'Tom').text).toBe('Linked with Twitch account Tom. Your orders, limits, votes and codes now count together.');
    expect(linkedText(en, 'telegram').text).toBe('Linked with your Telegram account. Your orders, limits, votes and codes now count together.');
    expect(samePlatformText(en, ['telegram', 'twitch'])).toBe('You can link one account per platform: both accounts already have Telegram and Twitch.');
  });

  it('GIVEN five wrong codes in ten minutes WHEN a sixth is tried THEN that account waits, others do not, and the window slides', () => {
    const misses = new FailedAttempts(5, 10 * 60_000);
    for (let i = 0; i < 5; i++) misses.fail('twitch:t1', i * 1000);
    expect(misses.blocked('twitch:t1', 5000)).toBe(true);
    expect(misses.blocked('twitch:t2', 5000)).toBe(false);
    expect(misses.blocked('twitch:t1', 10 * 60_000 + 1)).toBe(false);
  });
});
