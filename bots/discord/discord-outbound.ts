import { DiscordAPIError, type Client, type SendableChannels } from 'discord.js';
import type { Logger } from 'pino';
import { DirectRefused, PermanentSendError, type SendRequest } from '../../orchestrator/channel.js';
import type { ModerationAction } from '../../orchestrator/chat-types.js';
import { refusedDirectMessage, UNKNOWN_MESSAGE } from './discord-errors.js';
import { directFallbackParts, messageOptions } from './discord-render.js';

/** Discord's longest timeout: 28 days. */
const MAX_TIMEOUT_SECONDS = 28 * 24 * 3600;

async function sendableChannel(client: Client, channelId: string): Promise<SendableChannels> {
  // fetch() answers from the cache when it can; DM channels arrive there with their first message.
  const channel = await client.channels.fetch(channelId);
  if (!channel?.isSendable()) throw new PermanentSendError(`Discord channel ${channelId} cannot take messages`);
  return channel;
}

/** Sends one rendered part to a channel, or privately when `request.userId` is set. */
export async function sendMessage(client: Client, request: SendRequest, log: Logger): Promise<void> {
  if (request.userId === undefined) {
    const channel = await sendableChannel(client, request.channelId);
    await channel.send(messageOptions(request));
    return;
  }
  const userId = request.userId;
  try {
    // A DM cannot reply to a message in a server channel, so it goes without the reference.
    await client.users.send(userId, messageOptions({ text: request.text, buttons: request.buttons, link: request.link }));
    return;
  } catch (err) {
    if (!refusedDirectMessage(err)) throw err;
    log.info({ userId, code: (err as DiscordAPIError).code }, 'direct message refused; answering in the channel instead');
  }
  // The viewer closed their DMs (50007) or shares no server with the bot: the room gets it
  // instead, mentioning them (only they are pinged), through the room's own window, where a burst
  // of such answers is merged.
  // A secret (a one-time code) never goes to the channel: only how to receive it privately.
  const link = request.secret ? undefined : request.link;
  const parts = request.secret
    ? directFallbackParts(userId, 'I could not send you a private message. Allow direct messages from server members and ask again.')
    : directFallbackParts(userId, request.text, undefined, link);
  throw new DirectRefused(
    parts.map((text, i) => ({
      channelId: request.channelId,
      text,
      priority: request.priority,
      mentions: [userId],
      ...(i === 0 && request.replyToMessageId !== undefined && { replyToMessageId: request.replyToMessageId }),
      ...(i === parts.length - 1 && request.buttons && { buttons: request.buttons }),
      ...(i === parts.length - 1 && link && { link }),
    })),
  );
}

/** Deletes a message or times a member out, in Discord's terms. */
export async function moderate(client: Client, action: ModerationAction): Promise<void> {
  const channel = await client.channels.fetch(action.channelId);
  if (!channel?.isTextBased()) throw new PermanentSendError(`Discord channel ${action.channelId} has no messages to moderate`);
  if (action.kind === 'delete') {
    try {
      await channel.messages.delete(action.messageId);
    } catch (err) {
      // Already gone (its author or another moderator was faster): the goal is reached.
      if (err instanceof DiscordAPIError && err.code === UNKNOWN_MESSAGE) return;
      throw err;
    }
    return;
  }
  if (channel.isDMBased()) throw new PermanentSendError('a timeout needs a server channel, not a direct message');
  const seconds = Math.min(Math.max(0, action.seconds), MAX_TIMEOUT_SECONDS);
  await channel.guild.members.edit(action.userId, {
    communicationDisabledUntil: seconds === 0 ? null : Date.now() + seconds * 1000,
    reason: action.reason,
  });
}
