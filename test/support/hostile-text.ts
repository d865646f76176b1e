import fc from 'fast-check';
import { PLATFORM_LABEL } from '../../orchestrator/chat-types.js';

/** Pieces chat abusers (and unlucky keyboards) actually type, mixed into random text by {@link hostileText}. */
export const HOSTILE_PIECES = [
  '@everyone',
  '@here',
  '@EveryOne',
  '<@123456789012345678>',
  '<@!123456789012345678>',
  '<@&234567890123456789>',
  '<#700000000000000001>',
  '<b>',
  '</b>',
  '<a href="https://evil.example">x</a>',
  '<script>alert(1)</script>',
  '&amp;',
  '&',
  '&lt;',
  '&#60;',
  '<',
  '>',
  '**bold**',
  '__u__',
  '`code`',
  '```block```',
  '||spoiler||',
  '~~s~~',
  '> quote',
  '# heading',
  '- item',
  '1. item',
  '[link](https://evil.example)',
  '/ban alice',
  '.timeout bob 600',
  '\\w',
  '/me dances',
  '!buy',
  '!buy VAN L 2',
  '/buy@showcart_bot',
  '!vote 2',
  '!help',
  '!',
  '/',
  "'; DROP TABLE orders;--",
  "' OR '1'='1",
  '" OR 1=1 --',
  'UNION SELECT * FROM identities',
  '%s%s%n',
  '${process.exit()}',
  '{{7*7}}',
  '\u0000',
  '\u0007',
  '\r\n',
  '\n',
  '\r',
  '\t',
  '\u2028',
  '\u2029',
  '\u202e',
  '\u202d',
  '\u200f',
  '\u200b',
  '\u2060',
  '\ufeff',
  '\ud800',
  '\udfff',
  'مرحبا بالعالم',
  'שלום',
  '👩‍👩‍👧‍👦',
  '🏳️‍🌈',
  '🇺🇦',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇',
  'ｓｃａｍ',
  'sc4m',
  's c a m',
  'scaaam',
  'http://spam.example',
  'www.bad.example/x',
  'https://example-candles.shop/ok',
  '@alice',
  '@\u2060bob',
] as const;

const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_PIECES) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.constantFrom(' ', '  ', '!', '/', '@', '<', '&', '*', '_', '`', '|', '\\', '.') },
);

/** Random chat lines built from hostile pieces, up to a few hundred characters. */
export function hostileText(): fc.Arbitrary<string> {
  return fc.array(piece, { maxLength: 24 }).map((parts) => parts.join(''));
}

/** Huge lines of hostile pieces, 500 to 4,096 characters: the most any platform delivers (Telegram). */
export function hugeHostileText(): fc.Arbitrary<string> {
  return fc.tuple(fc.array(piece, { minLength: 1, maxLength: 8 }), fc.integer({ min: 500, max: 4096 })).map(([parts, length]) => {
    const unit = parts.join('') || 'x';
    return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
  });
}

const TAGS = Object.values(PLATFORM_LABEL).join('|');
const OUR_TELEGRAM_TAG = new RegExp(`<b>\\[(?:${TAGS})\\]</b>`, 'g');

/** What is wrong with a Telegram HTML part: markup or entities that are not our own, or a live mention. */
export function telegramProblems(part: string): string[] {
  // Our own markup: origin tags, and the mention and hint of a private answer that had to go to the group.
  const text = part
    .replace(OUR_TELEGRAM_TAG, '')
    .replace(/<a href="tg:\/\/user\?id=\d+">([^<]*)<\/a>/g, '$1')
    .replace(/<i>I could not write to you privately: [^<]*<\/i>/g, '');
  const problems: string[] = [];
  if (/[<>]/.test(text)) problems.push('raw < or >');
  if (/&(?!amp;|lt;|gt;)/.test(text)) problems.push('a bare &');
  if (/@[A-Za-z0-9_]/.test(text)) problems.push('a live @mention');
  return problems;
}

/** What is wrong with a Discord message text: a keyword ping or a mention pill that was not escaped. */
export function discordProblems(part: string): string[] {
  const problems: string[] = [];
  if (/@(?:everyone|here)\b/i.test(part)) problems.push('@everyone/@here');
  if (/(?<!\\)<(?:@[!&]?|#)\d+>/.test(part)) problems.push('a mention pill');
  return problems;
}

/** What is wrong with a Twitch chat line: it could run a command, spans lines, or pings someone (`mentionAllowed`: our own reply prefix). */
export function twitchProblems(part: string, mentionAllowed?: string): string[] {
  const text = mentionAllowed !== undefined && part.startsWith(`@${mentionAllowed} `) ? part.slice(mentionAllowed.length + 2) : part;
  const problems: string[] = [];
  if (/^\s*(?:[/\\]|\.(?!\.))/.test(part)) problems.push('command-like start');
  if (/[\u0000-\u001f\u007f\u2028\u2029]/.test(part)) problems.push('a control character or line break');
  if (/@\w/.test(text)) problems.push('a live @mention');
  return problems;
}
