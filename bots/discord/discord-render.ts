import {
  ButtonStyle,
  ComponentType,
  type ActionRowData,
  type InteractionButtonComponentData,
  type LinkButtonComponentData,
  type MessageCreateOptions,
  type MessageMentionOptions,
} from 'discord.js';
import type { Rendered, SendRequest } from '../../orchestrator/channel.js';
import type { Outbound, OutboundButton, OutboundLink } from '../../orchestrator/chat-types.js';
import { cutAt, splitLeavingRoom, usableLink, withTail } from '../render-link.js';
import { joinSpans, nameLine, renderNotice, renderRelay, spansOf, splitText, stripBidi, stripBidiScopes, type TextStyle } from '../render-text.js';

/** Discord's hard limits on a message and its components. */
export const DISCORD_MAX_LENGTH = 2000;
const MAX_BUTTONS_PER_ROW = 5;
const MAX_ROWS = 5;
const MAX_CUSTOM_ID = 100;
const MAX_LABEL = 80;
/** Discord refuses a link button whose url is longer. */
export const MAX_LINK_URL = 512;
const ZERO_WIDTH_SPACE = '\u200b';

/**
 * Mentions never ping, whatever the text says: `parse: []` turns off @everyone, @here, user and
 * role pings. Set on every message (and as the client default) because relayed text is untrusted.
 */
export const NO_PINGS: MessageMentionOptions = { parse: [], repliedUser: false };

/**
 * "@everyone" and "@here" stay readable but are no longer the keyword: a zero-width space after
 * the "@" breaks them, so even a client that ignored allowed_mentions would not highlight them.
 */
export function defuseEveryone(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZERO_WIDTH_SPACE}$1`);
}

/**
 * What Discord's markdown reads as syntax anywhere in a line: emphasis, spoilers, code, masked
 * links, quotes, headings, subtext and lists, and `<…>` (user, role and channel pills, slash
 * commands, timestamps, custom emoji). Discord shows any backslash-escaped punctuation as itself.
 */
const MARKDOWN = /[\\`*_~|[\]()<>#+-]/g;
/** In a name also ".", ":", "/" and "@": no link, emoji code or mention can be spelled. */
const MARKDOWN_IN_NAME = /[\\`*_~|[\]()<>#+\-.:/@]/g;
/** A bare link as Discord's parser takes it; a relayed line keeps its links working. */
const BARE_LINK = /https?:\/\/[^\s<]+/gi;

/** Backslash before every markdown character, and after a digit before "." so that no numbered list starts. */
function escapeMarkdownChars(text: string): string {
  return text.replace(MARKDOWN, '\\$&').replace(/(\d)\./g, '$1\\.');
}

/**
 * A line a viewer wrote, shown exactly as written: no markup, pill, ping, slash command or
 * masked link. Bare links stay links (whether links may be posted at all is moderation's call).
 */
export function escapeRelayed(text: string): string {
  const clean = stripBidi(text);
  let out = '';
  let from = 0;
  for (const link of clean.matchAll(BARE_LINK)) {
    const end = link.index + link[0].length;
    // A link runs up to "<": the backslash escaping that "<" would become part of the link.
    out += escapeMarkdownChars(clean.slice(from, link.index)) + link[0] + (clean[end] === '<' ? ' ' : '');
    from = end;
  }
  return defuseEveryone(out + escapeMarkdownChars(clean.slice(from)));
}

/**
 * A viewer's name (or a word they typed) inside our text: on one line, every markdown character
 * escaped, and ".", ":", "/" and "@" too, so it can be no link, emoji, mention or command.
 */
export function escapeName(text: string): string {
  return defuseEveryone(nameLine(text).replace(MARKDOWN_IN_NAME, '\\$&'));
}

/**
 * Our own text written before viewer values were marked (it may still quote a name verbatim):
 * its markup stays, but masked links, `<…>` pills and @everyone/@here cannot come alive.
 */
export function defuseOwnText(text: string): string {
  return defuseEveryone(
    stripBidiScopes(text)
      .replace(/\[(?=[^\n]*\]\()/g, '\\[')
      .replace(/<(?=[@#:/]|a:|t:)/g, '\\<'),
  );
}

/** Relayed lines are escaped, authors even more; the origin tag is bold: `**[Twitch]** Alice: hi`. */
export const DISCORD_STYLE: TextStyle = {
  escape: escapeRelayed,
  name: escapeName,
  tag: (label) => `**[${label}]**`,
};

/**
 * Text for Discord: relay digests escaped and tagged, bot texts (replies, alerts) split at the
 * limit. Our words keep their markup; viewer values in them are escaped like names.
 */
export function renderDiscord(out: Outbound, maxLength: number): Rendered {
  const body = out.body;
  if (body.kind === 'moderation') return { parts: [], omitted: 0 };
  if (body.kind === 'relay') return renderRelay(body.lines, body.more ?? 0, maxLength, DISCORD_STYLE);
  if (body.kind === 'notice') {
    return renderNotice(body, maxLength, {
      person: (p) => `${/^\d+$/.test(p.userId) ? `<@${p.userId}>` : escapeName(p.userName)}${p.detail ? ` ${defuseOwnText(p.detail)}` : ''}`,
      words: (b) => joinSpans(spansOf(b), defuseOwnText, escapeName),
      separator: ' ',
      // allowed_mentions takes at most 100 users; the ones named are the ones pinged.
      maxPeople: 50,
    });
  }
  // A link too long for a button goes in the text: its last part keeps room for the address.
  const tail = linkInText(out.link);
  return { parts: splitLeavingRoom(joinSpans(spansOf(body), defuseOwnText, escapeName), maxLength, tail.length, splitText), omitted: 0 };
}

/** A link as a Link button, when Discord takes it as one (http(s), url of at most 512). */
function linkButton(link: OutboundLink | undefined): OutboundLink | undefined {
  const usable = usableLink(link);
  return usable && usable.url.length <= MAX_LINK_URL ? usable : undefined;
}

/** What follows the text when the link cannot be a button: its address on a line of its own; else nothing. */
function linkInText(link: OutboundLink | undefined): string {
  const usable = usableLink(link);
  return usable && !linkButton(usable) ? `\n${usable.url}` : '';
}

/**
 * Rows of up to five Primary buttons (at most five rows: a 12-option poll fits) whose custom id
 * is the command, so a press can be handled exactly like the typed command. Commands Discord
 * cannot carry (over 100 characters, duplicates) get no button rather than a rejected message.
 */
export function buttonRows(buttons: readonly OutboundButton[] | undefined, maxRows = MAX_ROWS): Array<ActionRowData<InteractionButtonComponentData>> {
  const seen = new Set<string>();
  const usable: OutboundButton[] = [];
  for (const b of buttons ?? []) {
    const command = b.command.trim();
    if (command === '' || command.length > MAX_CUSTOM_ID || seen.has(command)) continue;
    seen.add(command);
    usable.push({ label: b.label, command });
  }
  const rows: Array<ActionRowData<InteractionButtonComponentData>> = [];
  for (let i = 0; i < usable.length && rows.length < maxRows; i += MAX_BUTTONS_PER_ROW) {
    rows.push({
      type: ComponentType.ActionRow,
      components: usable.slice(i, i + MAX_BUTTONS_PER_ROW).map((b) => ({
        type: ComponentType.Button,
        style: ButtonStyle.Primary,
        customId: b.command,
        label: (b.label.trim() || b.command).slice(0, MAX_LABEL),
      })),
    });
  }
  return rows;
}

/** The link alone in an action row of one Link button: it opens the url, and sends the bot nothing. */
function linkRow(link: OutboundLink): ActionRowData<LinkButtonComponentData> {
  const label = cutAt(link.label, MAX_LABEL);
  return { type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, style: ButtonStyle.Link, url: link.url, label }] };
}

/**
 * What `channel.send()` takes for one rendered part: the link as a Link button in the first row
 * (or its address in the text when the url is too long for one), then the command buttons.
 * `pingUserId` and `request.mentions` are the only users notified (the direct-message fallback
 * mentions its addressee, a merged notice the people it names); everything else stays silent.
 * addressee); everything else stays silent.
 */
export function messageOptions(
  request: Pick<SendRequest, 'text' | 'replyToMessageId' | 'buttons' | 'link' | 'mentions'>,
  pingUserId?: string,
): MessageCreateOptions {
  const pings = [...(pingUserId === undefined ? [] : [pingUserId]), ...(request.mentions ?? [])].filter((id) => /^\d+$/.test(id)).slice(0, 100);
  const button = linkButton(request.link);
  const rows: Array<ActionRowData<InteractionButtonComponentData | LinkButtonComponentData>> = [
    ...(button ? [linkRow(button)] : []),
    ...buttonRows(request.buttons, button ? MAX_ROWS - 1 : MAX_ROWS),
  ];
  const tail = linkInText(request.link);
  // The renderer left room for the address; a part that has none left is shortened, never the address.
  const content = tail === '' ? request.text : (withTail(request.text, tail, DISCORD_MAX_LENGTH) ?? request.text);
  return {
    content,
    allowedMentions: pings.length === 0 ? NO_PINGS : { ...NO_PINGS, users: pings },
    // A reply to a deleted message (or to a button press, which is no message) is sent plain.
    ...(request.replyToMessageId !== undefined && { reply: { messageReference: request.replyToMessageId, failIfNotExists: false } }),
    ...(rows.length > 0 && { components: rows }),
  };
}

/**
 * The public stand-in for a refused direct message: the text with its addressee mentioned in
 * front, split again because the mention makes it longer.
 */
export function directFallbackParts(userId: string, text: string, maxLength = DISCORD_MAX_LENGTH, link?: OutboundLink): string[] {
  return splitLeavingRoom(`<@${userId}> ${text}`, maxLength, linkInText(link).length, splitText);
}
