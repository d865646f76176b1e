import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderDiscord } from '../../bots/discord/discord-render.js';
import { renderRelay, splitText, joinSpans, nameLine, PLAIN, type TextSpan } from '../../bots/render-text.js';
import { directFallback, renderTelegram } from '../../bots/telegram/telegram-render.js';
import { mentionName, renderTwitch } from '../../bots/twitch/twitch-render.js';
import { PLATFORM_LABEL, type Outbound, type Platform } from '../../orchestrator/chat-types.js';
import { hostileText } from '../support/hostile-text.js';

/**
 * Whatever viewers call themselves or type, no rendered part carries a link, a live mention or a
 * command prefix that came from them. Each platform gets a small model of what its client would
 * make live (Discord's markdown, Telegram's HTML entities and auto-detected entities, Twitch's
 * commands and mentions); our own templates below contain none of that, so whatever the model
 * finds came from viewer input.
 */

/** What the issue reported, and what else a name could smuggle in. */
const NAME_PIECES = [
  '[Claim_your_prize](https://evil.example/login)',
  'https://evil.example/login',
  'evil.example',
  'www.evil.example/x',
  'tg://resolve?domain=x',
  'mail@evil.example',
  'http://a.b',
  'x.com',
  '</buy:123>',
  '<t:1700000000:R>',
  '<:pog:42>',
  '<a:pog:42>',
  '-# small',
  '\\[x](https://e.x)',
  '\\\\',
  '\\',
  '@everyone',
  '@here',
  '<@1>',
  '<@&2>',
  '<#3>',
  '/ban a',
  '.me',
  '.timeout b',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u061c',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '1. ',
  '# ',
  '> ',
  '- ',
  '+ ',
  '||',
  '**',
  '__',
  '~~',
  '`',
] as const;

const hostileName = fc.oneof(
  { weight: 2, arbitrary: hostileText() },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...NAME_PIECES), { minLength: 1, maxLength: 6 }).map((p) => p.join('')) },
  { weight: 1, arbitrary: fc.tuple(hostileText(), fc.constantFrom(...NAME_PIECES), hostileText()).map((p) => p.join('')) },
);
const hostileLine = fc.oneof(
  hostileText(),
  fc.array(fc.constantFrom(...NAME_PIECES, ' ', 'ok'), { maxLength: 10 }).map((p) => p.join('')),
);
const platform = fc.constantFrom<Platform>('telegram', 'twitch', 'discord', 'web');
const v = (viewer: string) => ({ viewer });

/** Our own words around viewer values, as features would write them: no markup, link, "@", "/" or "." in them. */
function templates(names: string[]): TextSpan[][] {
  const [a = '', b = '', c = ''] = names;
  return [
    ['🛍️ ', v(a), ' and ', v(b), ' just bought the Vanilla candle!'],
    ['Hey ', v(a), ', no links here please, warning 1 of 3'],
    ['Top chatters: ', v(a), ' 12 lines · ', v(b), ' 3 lines · ', v(c), ' 1 line'],
    [v(a)],
    ['There is no product "', v(b), '"', v(c), ' Products: VAN, MUG'],
  ];
}

function textOut(spans: TextSpan[], replyTo?: string): Outbound {
  return {
    priority: 'alert',
    target: { kind: 'broadcast' },
    body: {
      kind: 'text',
      text: joinSpans(
        spans,
        (s) => s,
        (s) => s,
      ),
      spans,
    },
    ...(replyTo !== undefined && { replyTo: { messageId: 'm1', userName: replyTo } }),
  };
}

function relayOut(lines: Array<{ platform: Platform; author: string; text: string }>): Outbound {
  return { priority: 'relay', target: { kind: 'broadcast' }, body: { kind: 'relay', lines: lines.map((l) => ({ ...l, at: 0 })) } };
}

const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const TAG_LABELS = Object.values(PLATFORM_LABEL).join('|');

/**
 * Discord, as its markdown parser reads a message from left to right: a bare http(s) link is
 * taken whole (up to a space or "<"), "\" before punctuation makes it literal, and any markdown
 * character left over is live markup.
 */
function discordProblems(part: string, linksAllowed: boolean): string[] {
  const problems: string[] = [];
  const text = part.replace(new RegExp(`\\*\\*\\[(?:${TAG_LABELS})\\]\\*\\*`, 'g'), '');
  let live = '';
  let links = 0;
  for (let i = 0; i < text.length;) {
    const link = /^https?:\/\/[^\s<]+/i.exec(text.slice(i, i + 4000));
    if (link) {
      links++;
      live += '\u0002';
      i += link[0].length;
    } else if (text[i] === '\\' && /[!-/:-@[-`{-~]/.test(text[i + 1] ?? '')) {
      live += '\u0001';
      i += 2;
    } else {
      live += text[i];
      i++;
    }
  }
  if (links > 0 && !linksAllowed) problems.push('a bare link');
  if (/[*_~|`[\]()<>]/.test(live)) problems.push('live markup, a masked link or a <…> pill');
  if (/^\s*(?:#|>|-|\+|\d+\.)/m.test(live)) problems.push('a line-start block');
  if (/@(?:everyone|here)/i.test(live)) problems.push('@everyone/@here');
  if (BIDI.test(part)) problems.push('a bidi control');
  return problems;
}

/** What Telegram would detect in the shown text; `.` followed by a domain character starts a link there (tdlib's rule). */
function telegramProblems(part: string, linksAllowed: boolean): string[] {
  const problems: string[] = [];
  const ours = part
    .replace(new RegExp(`<b>\\[(?:${TAG_LABELS})\\]</b>`, 'g'), '')
    .replace(/^<a href="tg:\/\/user\?id=\d+">([^<]*)<\/a>/, '$1')
    .replace(/^<b>([^<]*)<\/b>/, '$1')
    .replace(/<i>I could not write to you privately: open @shop_bot and press Start, then ask again\.<\/i>$/, '');
  if (/[<>]/.test(ours)) problems.push('HTML markup');
  if (/&(?!amp;|lt;|gt;)/.test(ours)) problems.push('a bare &');
  const shown = ours.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  if (/@[A-Za-z0-9_]/.test(shown)) problems.push('a live @mention');
  if (/(?:^|[^A-Za-z0-9_/<>])\/[A-Za-z0-9_]/.test(shown)) problems.push('a tappable /command');
  // eslint-disable-next-line no-misleading-character-class -- the joiners are listed on purpose: each alone must not hide a dot from the check
  if (!linksAllowed && (/:\/\//.test(shown) || /\.(?:[A-Za-z0-9_~-]|[^\x00-\xbf\u2000-\u206f]|[\u200c\u200d\u2010-\u2015])/u.test(shown)))
    problems.push('a link');
  if (BIDI.test(part)) problems.push('a bidi control');
  return problems;
}

/** Twitch: one line, no command at the start, no "@" ping but our reply prefix, no link (Twitch links bare domains). */
function twitchProblems(part: string, linksAllowed: boolean, mention?: string): string[] {
  const problems: string[] = [];
  const rest = mention && part.startsWith(`@${mention} `) ? part.slice(mention.length + 2) : part;
  if (mention !== undefined && mention !== '' && !/^[\p{L}\p{M}\p{N}_]+$/u.test(mention)) problems.push('a mention that is not a name');
  if (/^\s*(?:[/\\]|\.(?!\.))/.test(part)) problems.push('command-like start');
  if (/[\u0000-\u001f\u007f\u2028\u2029]/.test(part)) problems.push('a line break or control character');
  if (/@\w/.test(rest)) problems.push('a live @mention');
  if (!linksAllowed && (/:\/\//.test(rest) || /\.[\p{L}\p{N}_-]/u.test(rest))) problems.push('a link');
  if (BIDI.test(part)) problems.push('a bidi control');
  return problems;
}

function expectClean(platform: string, parts: string[], problemsOf: (part: string) => string[]): void {
  for (const part of parts) expect(problemsOf(part), `${platform}: ${JSON.stringify(part)}`).toEqual([]);
}

describe('viewer strings in every renderer', () => {
  it('GIVEN hostile names inside our texts, as relay authors and as the replied-to name WHEN rendered for Discord, Telegram, Twitch and plain text THEN no part has a link, a live mention, a command or a bidi control from them', () => {
    fc.assert(
      fc.property(fc.array(hostileName, { minLength: 3, maxLength: 3 }), platform, fc.integer({ min: 40, max: 600 }), (names, from, max) => {
        for (const spans of templates(names)) {
          const out = textOut(spans, names[0]);
          expectClean('Discord', renderDiscord(out, max).parts, (p) => discordProblems(p, false));
          expectClean('Telegram', renderTelegram(out, max).parts, (p) => telegramProblems(p, false));
          expectClean('Twitch', renderTwitch(out, max).parts, (p) => twitchProblems(p, false, mentionName(names[0]!)));
        }
        const relay = relayOut(names.map((author) => ({ platform: from, author, text: 'hi there' })));
        expectClean('Discord', renderDiscord(relay, max).parts, (p) => discordProblems(p, false));
        expectClean('Telegram', renderTelegram(relay, max).parts, (p) => telegramProblems(p, false));
        expectClean('Twitch', renderTwitch(relay, max).parts, (p) => twitchProblems(p, false));
        const plain = renderRelay(relay.body.kind === 'relay' ? relay.body.lines : [], 0, max, PLAIN).parts;
        for (const part of plain) expect(BIDI.test(part) || /[\r\n]/.test(part), JSON.stringify(part)).toBe(false);
      }),
      { numRuns: 1500, seed: 15_081 },
    );
  });

  it('GIVEN hostile relayed lines WHEN rendered THEN they carry no markup, masked link, live mention, command or bidi control (bare links stay: moderation decides on those)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(hostileName, hostileLine), { minLength: 1, maxLength: 4 }),
        platform,
        fc.integer({ min: 40, max: 2000 }),
        (lines, from, max) => {
          const relay = relayOut(lines.map(([author, text]) => ({ platform: from, author, text })));
          expectClean('Discord', renderDiscord(relay, max).parts, (p) => discordProblems(p, true));
          expectClean('Telegram', renderTelegram(relay, max).parts, (p) => telegramProblems(p, true));
          expectClean('Twitch', renderTwitch(relay, Math.min(max, 500)).parts, (p) => twitchProblems(p, true));
        },
      ),
      { numRuns: 1500, seed: 15_082 },
    );
  });

  it('GIVEN a private Telegram answer that must go public WHEN the viewer has a hostile name THEN the mention shows it escaped and without links', () => {
    fc.assert(
      fc.property(hostileName, fc.constantFrom('4242', 'web:abc'), (name, id) => {
        for (const part of directFallback('Your order is ready', { id, name }, 'shop_bot', 4096)) {
          expect(telegramProblems(part.replace(/, Your order is ready\n/, ''), false), JSON.stringify(part)).toEqual([]);
        }
      }),
      { numRuns: 500, seed: 15_083 },
    );
  });

  it('GIVEN escaped text cut at any length WHEN split THEN no part ends inside an escape or a surrogate pair', () => {
    fc.assert(
      fc.property(hostileName, fc.integer({ min: 2, max: 60 }), (name, max) => {
        const escaped = renderDiscord(textOut([v(name), ' and ', v(name)]), 100_000).parts.join(' ');
        const parts = splitText(escaped, max);
        parts.forEach((part, i) => {
          expect(/(?:^|[^\\])(?:\\\\)*\\$/.test(part), JSON.stringify(part)).toBe(false);
          expect(/[\uD800-\uDBFF]$/.test(part) && /^[\uDC00-\uDFFF]/.test(parts[i + 1] ?? ''), JSON.stringify(part)).toBe(false);
        });
      }),
      { numRuns: 1000, seed: 15_084 },
    );
  });

  it('GIVEN names on one line WHEN a name has line breaks and bidi controls THEN nameLine keeps the letters only', () => {
    expect(nameLine(' Ann\u202Ea\n\n# Bob\t\u2066x ')).toBe('Anna # Bob x');
  });
});
