import type { Rendered } from '../../orchestrator/channel.js';
import type { Outbound, OutboundLink } from '../../orchestrator/chat-types.js';
import { splitLeavingRoom, usableLink, withTail } from '../render-link.js';
import { breakLinks, joinSpans, nameLine, renderNotice, renderRelay, spansOf, splitText, stripBidi, stripBidiScopes, type TextStyle } from '../render-text.js';

/**
 * Twitch takes 500 characters, but tmi.js 1.8.5 splits any line of 500 or more itself
 * (`message.length >= 500`) and sends the rest 350 ms later, behind the outbox's rate limiter.
 * Parts of at most 499 stay one chat message each.
 */
export const TMI_SAFE_LENGTH = 499;

/** Put before a line that Twitch (and tmi.js) would otherwise run as a chat command. */
export const COMMAND_GUARD = '» ';

const ZERO_WIDTH_SPACE = '\u200B';

/** IRC is one line per message: line breaks become " · ", other control characters a space. */
export function oneLine(text: string): string {
  return text
    .trim()
    .replace(/[ \t]*(?:\r\n|\r|\n|\u2028|\u2029)+[ \t]*/g, ' · ')
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .trim();
}

/**
 * A relayed "@name" would highlight that Twitch user although the author wrote it on another
 * platform for someone else; a zero-width space after the "@" keeps the text and drops the ping.
 */
export function defangMentions(text: string): string {
  return text.replace(/@(?=\w)/g, `@${ZERO_WIDTH_SPACE}`);
}

/**
 * Twitch reads a line starting with "/" or "." as a chat command ("/ban alice"), and tmi.js sends
 * such lines down its command path; "\" is treated the same by tmi.js. ".." is ordinary text.
 */
export function isCommandLike(line: string): boolean {
  return /^(?:[/\\]|\.(?!\.))/.test(line.trimStart());
}

/** Makes sure a line can only ever be shown, never executed. */
export function neutralizeCommand(line: string): string {
  const trimmed = line.trimStart();
  return isCommandLike(trimmed) ? `${COMMAND_GUARD}${trimmed}` : trimmed;
}

/** A viewer's name or word inside our text: one line, no ping, and no link (Twitch links bare domains too). */
export function escapeName(text: string): string {
  return defangMentions(breakLinks(nameLine(text), ZERO_WIDTH_SPACE));
}

/** Relayed authors and texts: one line, no pings, no bidi controls. The origin tag is plain "[Telegram]". */
export const TWITCH_STYLE: TextStyle = {
  escape: (text) => defangMentions(oneLine(stripBidi(text))),
  name: escapeName,
  tag: (label) => `[${label}]`,
};

/**
 * The name to write after "@": Twitch highlights mentions by login, and a display name may be
 * localized ("小明" for login xiaoming), so the login wins whenever the two differ beyond case.
 * Only letters, digits and "_" are kept: whatever else a name carries cannot follow the "@".
 */
export function mentionName(displayName: string, login?: string): string {
  const name = nameLine(displayName).replace(/[^\p{L}\p{M}\p{N}_]/gu, '');
  if (login && name.toLowerCase() !== login.toLowerCase()) return login;
  return name;
}

/** Twitch has no buttons: a link is its address after the text, on the same line. */
export function linkTail(link: OutboundLink | undefined): string {
  const usable = usableLink(link);
  return usable ? ` ${usable.url}` : '';
}

/**
 * The line as it goes on the wire: one line, never a chat command, the link's address at its end.
 * Past `maxLength` the text is shortened with "…", never the address; an address that cannot fit
 * at all is left out.
 */
export function chatLine(text: string, link: OutboundLink | undefined, maxLength: number): string {
  const line = neutralizeCommand(oneLine(text));
  const tail = linkTail(link);
  if (tail === '' || line === '') return line + tail.trimStart();
  return withTail(line, tail, maxLength) ?? line;
}

/**
 * Renders for Twitch chat: plain text on one line, "[Platform] Author: text" relay digests,
 * replies start with "@name " on every part (that prefix counts against the length), and no part
 * can start like a chat command. The last part keeps room for a link's address ({@link chatLine}).
 * `loginOf` gives the login behind a replied-to message, if known.
 */
export function renderTwitch(out: Outbound, maxLength: number, loginOf: (messageId: string) => string | undefined = () => undefined): Rendered {
  const limit = Math.min(maxLength, TMI_SAFE_LENGTH);
  const replied = out.replyTo?.messageId;
  const mention = out.replyTo ? mentionName(out.replyTo.userName, replied === undefined ? undefined : loginOf(replied)) : '';
  const body = out.body;
  if (body.kind === 'moderation') return { parts: [], omitted: 0 };
  // A digest always starts with its origin tag "[…]", so it can never read as a command.
  if (body.kind === 'relay') return renderRelay(body.lines, body.more ?? 0, limit, TWITCH_STYLE);
  if (body.kind === 'notice') {
    // Twitch has no private messages for bots: what is someone's own (their cart link) goes beside their name.
    const links = body.people.some((p) => usableLink(p.link) !== undefined);
    return renderNotice(body, limit, {
      person: (p) =>
        `@${mentionName(p.userName, p.messageId === undefined ? undefined : loginOf(p.messageId))}${p.detail ? ` ${oneLine(p.detail)}` : ''}${linkTail(p.link)}`,
      words: (b) => oneLine(joinSpans(spansOf(b), stripBidiScopes, escapeName)),
      separator: links ? ' · ' : ' ',
      maxPeople: 50,
    });
  }
  const prefix = mention ? `@${mention} ` : '';
  // Without a mention a part may need the guard in front; keep room for it.
  const room = limit - (prefix ? prefix.length : COMMAND_GUARD.length);
  const text = oneLine(joinSpans(spansOf(body), stripBidiScopes, escapeName));
  if (text === '' || room < 1) return { parts: [], omitted: 0 };
  const parts = splitLeavingRoom(text, room, linkTail(out.link).length, splitText).map((part) => (prefix ? `${prefix}${part}` : neutralizeCommand(part)));
  return { parts, omitted: 0 };
}
