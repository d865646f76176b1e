import {
  ButtonStyle,
  ComponentType,
  escapeMarkdown,
  type ActionRowData,
  type InteractionButtonComponentData,
  type MessageCreateOptions,
  type MessageMentionOptions,
} from 'discord.js';
import type { Rendered, SendRequest } from '../../orchestrator/channel.js';
import type { Outbound, OutboundButton } from '../../orchestrator/chat-types.js';
import { renderRelay, splitText, type TextStyle } from '../render-text.js';

/** Discord's hard limits on a message and its components. */
export const DISCORD_MAX_LENGTH = 2000;
const MAX_BUTTONS_PER_ROW = 5;
const MAX_ROWS = 5;
const MAX_CUSTOM_ID = 100;
const MAX_LABEL = 80;
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
  return text.replace(/@(everyone|here)\b/gi, `@${ZERO_WIDTH_SPACE}$1`);
}

/**
 * Escapes what Discord would turn into markup or mention pills. `<@id>`, `<@&id>` and `<#id>`
 * written on another platform are plain text there, so here they show as written (`\<@id>`).
 */
export function escapeRelayed(text: string): string {
  const escaped = escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
  // escapeMarkdown leaves block quotes alone; a relayed line with a newline could start one.
  const unquoted = escaped.replace(/^(\s*)>/gm, '$1\\>');
  return defuseEveryone(unquoted.replace(/<(@[!&]?|#)(\d+)>/g, '\\<$1$2>'));
}

/** Relayed authors and lines are escaped; the origin tag is bold: `**[Twitch]** Alice: hi`. */
export const DISCORD_STYLE: TextStyle = {
  escape: escapeRelayed,
  tag: (label) => `**[${label}]**`,
};

/**
 * Text for Discord: relay digests escaped and tagged, bot texts (replies, alerts) split at the
 * limit. Bot texts keep their markup on purpose but lose @everyone/@here, since they may quote a viewer.
 */
export function renderDiscord(out: Outbound, maxLength: number): Rendered {
  const body = out.body;
  if (body.kind === 'moderation') return { parts: [], omitted: 0 };
  if (body.kind === 'relay') return renderRelay(body.lines, body.more ?? 0, maxLength, DISCORD_STYLE);
  return { parts: splitText(defuseEveryone(body.text), maxLength), omitted: 0 };
}

/**
 * Rows of up to five Primary buttons (at most five rows: a 12-option poll fits) whose custom id
 * is the command, so a press can be handled exactly like the typed command. Commands Discord
 * cannot carry (over 100 characters, duplicates) get no button rather than a rejected message.
 */
export function buttonRows(buttons: readonly OutboundButton[] | undefined): Array<ActionRowData<InteractionButtonComponentData>> {
  const seen = new Set<string>();
  const usable: OutboundButton[] = [];
  for (const b of buttons ?? []) {
    const command = b.command.trim();
    if (command === '' || command.length > MAX_CUSTOM_ID || seen.has(command)) continue;
    seen.add(command);
    usable.push({ label: b.label, command });
  }
  const rows: Array<ActionRowData<InteractionButtonComponentData>> = [];
  for (let i = 0; i < usable.length && rows.length < MAX_ROWS; i += MAX_BUTTONS_PER_ROW) {
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

/**
 * What `channel.send()` takes for one rendered part. `pingUserId` lets exactly one user be
 * notified (the direct-message fallback mentions its addressee); everything else stays silent.
 */
export function messageOptions(
  request: Pick<SendRequest, 'text' | 'replyToMessageId' | 'buttons'>,
  pingUserId?: string,
): MessageCreateOptions {
  const rows = buttonRows(request.buttons);
  return {
    content: request.text,
    allowedMentions: pingUserId === undefined ? NO_PINGS : { ...NO_PINGS, users: [pingUserId] },
    // A reply to a deleted message (or to a button press, which is no message) is sent plain.
    ...(request.replyToMessageId !== undefined && { reply: { messageReference: request.replyToMessageId, failIfNotExists: false } }),
    ...(rows.length > 0 && { components: rows }),
  };
}

/**
 * The public stand-in for a refused direct message: the text with its addressee mentioned in
 * front, split again because the mention makes it longer.
 */
export function directFallbackParts(userId: string, text: string, maxLength = DISCORD_MAX_LENGTH): string[] {
  return splitText(`<@${userId}> ${text}`, maxLength);
}
