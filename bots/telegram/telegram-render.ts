import type { Rendered } from '../../orchestrator/channel.js';
import type { Outbound, OutboundButton, OutboundLink } from '../../orchestrator/chat-types.js';
import { splitLeavingRoom, usableLink } from '../render-link.js';
import {
  breakLinks,
  joinSpans,
  nameLine,
  renderNotice,
  renderRelay,
  spansOf,
  stripBidi,
  stripBidiScopes,
  type NoticeStyle,
  type TextStyle,
} from '../render-text.js';

/** Telegram refuses `callback_data` longer than this many bytes. */
export const CALLBACK_DATA_MAX_BYTES = 64;
const BUTTONS_PER_ROW = 3;
// U+2060 WORD JOINER: invisible, and Telegram counts it as part of no mention, command or link.
const WORD_JOINER = '\u2060';

/** Escapes the three characters Telegram's HTML parse mode reserves; everything else is literal. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** "@alice" in text we relay or repeat would notify Alice; this keeps it readable without the ping. */
export function defuseMentions(text: string): string {
  return text.replace(/@(?=[A-Za-z0-9_])/g, `@${WORD_JOINER}`);
}

/**
 * "/ban" at the start of a word is a bot command Telegram lets anyone tap to send; a word joiner
 * after the "/" leaves it plain text. A "/" inside a word (a link's path) is left alone.
 */
export function defuseCommands(text: string): string {
  return text.replace(/(^|[^A-Za-z0-9_/<>])\/(?=[A-Za-z0-9_])/g, `$1/${WORD_JOINER}`);
}

/** Text someone else wrote, made safe for HTML parse mode: no markup, mention, bot command or bidi control. */
export function escapeForeign(text: string): string {
  return escapeHtml(defuseCommands(defuseMentions(stripBidi(text))));
}

/** A viewer's name or word before HTML escaping: one line, and no mention, command or link (not even "evil.example"). */
function plainName(text: string): string {
  return defuseMentions(breakLinks(nameLine(text), WORD_JOINER));
}

/** A viewer's name or word in HTML parse mode. */
export function escapeName(text: string): string {
  return escapeHtml(plainName(text));
}

/** Relay style: escaped, mention-free text with a bold origin tag, e.g. `<b>[Twitch]</b> Alice: hi`. */
export const TELEGRAM_STYLE: TextStyle = {
  escape: escapeForeign,
  name: escapeName,
  tag: (label) => `<b>[${escapeHtml(label)}]</b>`,
};

/**
 * A notice names each person with a real mention (a text_mention entity each); Telegram takes at
 * most 100 entities in a message, and a name list past 50 stops being read anyway.
 */
const TELEGRAM_NOTICE: NoticeStyle = {
  person: (p) => `${mentionOf({ id: p.userId, name: p.userName })}${p.detail ? ` ${escapeHtml(p.detail)}` : ''}`,
  words: (body) => joinSpans(spansOf(body), (own) => escapeHtml(defuseMentions(stripBidiScopes(own))), escapeName),
  separator: ', ',
  maxPeople: 50,
};

/** How long `ch` becomes once escaped. */
function escapedLength(ch: string): number {
  if (ch === '&') return 5;
  if (ch === '<' || ch === '>') return 4;
  return ch.length;
}

/** UTF-16 length of the longest prefix of `text` whose escaped form fits; never splits a surrogate pair. */
function fittingPrefix(text: string, maxLength: number): number {
  let escaped = 0;
  let units = 0;
  for (const ch of text) {
    const add = escapedLength(ch);
    if (escaped + add > maxLength) break;
    escaped += add;
    units += ch.length;
  }
  // Always make progress, even with an absurdly small limit.
  return units > 0 ? units : (text.codePointAt(0) ?? 0) > 0xffff ? 2 : 1;
}

/**
 * Escapes plain text and splits it so every escaped part is at most `maxLength` long. Splitting
 * the plain text first means a cut can never land inside `&amp;`, and cuts prefer paragraph,
 * line, sentence and word boundaries like `splitText`.
 */
export function splitEscaped(text: string, maxLength: number): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest !== '') {
    const fit = fittingPrefix(rest, maxLength);
    if (fit >= rest.length) {
      parts.push(escapeHtml(rest));
      break;
    }
    const window = rest.slice(0, fit);
    const cut = Math.max(window.lastIndexOf('\n\n'), window.lastIndexOf('\n'), window.lastIndexOf('. ') + 1, window.lastIndexOf(' '));
    const at = cut > fit / 2 ? cut : fit;
    parts.push(escapeHtml(rest.slice(0, at).trimEnd()));
    rest = rest.slice(at).trimStart();
  }
  return parts;
}

/**
 * `renderRelay` trims a single over-long line by characters; on escaped text that cut can land
 * inside an entity (`&am…`) or a surrogate pair, which Telegram would refuse or garble.
 */
export function repairTrimmed(part: string): string {
  return part.replace(/(?:&[#A-Za-z0-9]*|[\uD800-\uDBFF])…$/, '…');
}

/**
 * Turns an outbound message into Telegram HTML parts of at most `maxLength` characters. With a
 * link, the last part keeps room for its address: Telegram may refuse it as a button, and then it
 * goes in the text ({@link linkTail}). `mention`: the viewer the message speaks to (see
 * telegram-mentions.ts), whose name in it becomes a real mention.
 */
export function renderTelegram(out: Outbound, maxLength: number, mention?: { name: string; userId: string }): Rendered {
  const body = out.body;
  if (body.kind === 'moderation') return { parts: [], omitted: 0 };
  if (body.kind === 'relay') {
    const rendered = renderRelay(body.lines, body.more ?? 0, maxLength, TELEGRAM_STYLE);
    return { parts: rendered.parts.map(repairTrimmed), omitted: rendered.omitted };
  }
  if (body.kind === 'notice') return renderNotice(body, maxLength, TELEGRAM_NOTICE);
  // Our words may carry /commands on purpose; viewer values never do. Everything is escaped as it is split.
  let marked = false;
  const name = (text: string) => {
    const plain = plainName(text).replace(MARKS, '');
    if (mention === undefined || marked || text !== mention.name) return plain;
    marked = true;
    return `${MENTION_OPEN}${plain}${MENTION_CLOSE}`;
  };
  const plain = joinSpans(spansOf(body), (own) => defuseMentions(stripBidiScopes(own)).replace(MARKS, ''), name);
  const link = usableLink(out.link);
  const parts = splitLeavingRoom(plain, maxLength - (mention ? mentionRoom(mention.userId) : 0), link ? linkTail(link).length : 0, splitEscaped);
  return { parts: mention ? parts.map((p) => withMention(p, mention.userId)) : parts, omitted: 0 };
}

// Private-use characters around the addressee's name while the text is split and escaped (both leave them alone).
const MENTION_OPEN = '\uE000';
const MENTION_CLOSE = '\uE001';
const MARKS = /[\uE000\uE001]/g;

/** What the anchor adds to a part's length, so a part with it still fits. */
function mentionRoom(userId: string): number {
  return `<a href="tg://user?id=${userId}"></a>`.length;
}

/** The marked name as a `tg://user` link: Telegram makes it a text_mention entity. A split mark is dropped. */
function withMention(part: string, userId: string): string {
  return part.replace(/\uE000([^\uE000\uE001]*)\uE001/, `<a href="tg://user?id=${userId}">$1</a>`).replace(MARKS, '');
}

/**
 * Whether Telegram takes `url` on a URL button. It refuses a host without a dot (BUTTON_URL_INVALID
 * for `http://localhost:3000/…`, which a show tried on one machine has), so such a link goes in the text.
 */
export function takesUrlButton(url: string): boolean {
  return new URL(url).hostname.includes('.');
}

/** A link that is no button: its address on a line of its own after the text, escaped for HTML parse mode. */
export function linkTail(link: OutboundLink): string {
  return `\n${escapeHtml(link.url)}`;
}

/** One inline-keyboard button: pressing it sends `callback_data` back to the bot, or opens `url`. */
export type InlineButton = { text: string; callback_data: string } | { text: string; url: string };

/**
 * Buttons as an inline keyboard: the link (already checked with `usableLink` and {@link takesUrlButton})
 * alone in the first row, then the commands three to a row; a command too long for `callback_data` is left out.
 * A button meant to answer privately opens the bot's private chat with the command as its start
 * parameter (`t.me/<bot>?start=cart`), so its answer reaches a viewer who never pressed Start.
 */
export function inlineKeyboard(buttons: readonly OutboundButton[], link?: OutboundLink, botUsername?: string): InlineButton[][] {
  const usable = buttons
    .filter((b) => b.label.trim() !== '' && b.command !== '' && Buffer.byteLength(b.command, 'utf8') <= CALLBACK_DATA_MAX_BYTES)
    .map((b): InlineButton => {
      const start = startParameter(b.command);
      return b.privately && botUsername && start
        ? { text: b.label, url: `https://t.me/${botUsername}?start=${start}` }
        : { text: b.label, callback_data: b.command };
    });
  const rows: InlineButton[][] = link ? [[{ text: link.label, url: link.url }]] : [];
  for (let i = 0; i < usable.length; i += BUTTONS_PER_ROW) rows.push(usable.slice(i, i + BUTTONS_PER_ROW));
  return rows;
}

/** A command as a deep link's start parameter (letters, digits, "_" and "-", up to 64), or none if it cannot be one. */
export function startParameter(command: string): string | undefined {
  const word = command.trim().replace(/^[/!]/, '');
  return /^[A-Za-z0-9_-]{1,64}$/.test(word) ? word : undefined;
}

/**
 * A private message Telegram would not deliver (the viewer never opened the bot, or blocked it),
 * rewritten for the public chat: it mentions the viewer and says how to get private replies.
 * `html` is already rendered; when everything does not fit in one message, the mention and the
 * hint go first and the message follows unchanged.
 */
export function directFallback(html: string, user: { id: string; name?: string }, botUsername: string | undefined, maxLength: number): string[] {
  const mention = mentionOf(user);
  const hint = privateHint(botUsername);
  const whole = `${mention}, ${html}\n${hint}`;
  return whole.length <= maxLength ? [whole] : [`${mention}: ${hint}`, html];
}

/** For a secret (a one-time code) that could not go privately: the mention and the hint, never the text. */
export function directFallbackHint(user: { id: string; name?: string }, botUsername: string | undefined): string {
  return `${mentionOf(user)}: ${privateHint(botUsername)}`;
}

function mentionOf(user: { id: string; name?: string }): string {
  return /^\d+$/.test(user.id) ? `<a href="tg://user?id=${user.id}">${escapeName(user.name ?? 'you')}</a>` : `<b>${escapeName(user.name ?? 'you')}</b>`;
}

function privateHint(botUsername: string | undefined): string {
  return botUsername
    ? `<i>I could not write to you privately: open @${escapeHtml(botUsername)} and press Start, then ask again.</i>`
    : '<i>I could not write to you privately: open this bot and press Start, then ask again.</i>';
}
