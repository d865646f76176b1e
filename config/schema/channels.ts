import { isIP } from 'node:net';
import { z } from 'zod';
import { DiscordId, Duration, EnvName, HttpUrl } from './primitives.js';

const enabled = z.boolean().default(true);

/** At most `count` in any `per` (a duration such as 1s or 1m). */
const Rate = (count: number, perSeconds: number) =>
  z.strictObject({ count: z.number().int().min(1), per: Duration.refine((ms) => ms >= 100, 'at least 0.1 s') }).prefault({ count, per: perSeconds });

const IpAddress = z.string().refine((a) => isIP(a) !== 0, 'expected an IP address such as 127.0.0.1 or ::1');

/**
 * What one browser, one viewer and one network address may take from the web chat. An address
 * is the socket's own: showcart reads no X-Forwarded-For yet.
 */
export const WebLimitsConfig = z.strictObject({
  /** Open chat sockets in all; showcart also stays well under its open-file limit so /api/health and the admin always answer. */
  maxConnections: z.number().int().min(1).default(2000),
  perAddress: z
    .strictObject({
      connections: z.number().int().min(1).default(32),
      /** New viewer ids (a hello without a valid session). */
      newSessions: Rate(30, 60),
      lines: Rate(10, 1),
    })
    .prefault({}),
  /** Lines one viewer (one session, across reconnects and tabs) may send. */
  perViewer: z.strictObject({ lines: Rate(5, 5) }).prefault({}),
  /** Frames one socket may send, whatever they hold; past it the socket is closed. */
  perSocket: z.strictObject({ frames: Rate(20, 10) }).prefault({}),
  /**
   * Addresses many viewers share, where per-address caps would lock out a whole audience: by
   * default the loopback, which is where a TLS proxy on the same machine connects from.
   */
  sharedAddresses: z.array(IpAddress).default(['127.0.0.1', '::1']),
  /** A socket whose unsent data passes this (a browser that stopped reading) is closed. */
  maxBufferedBytes: z
    .number()
    .int()
    .min(4096)
    .default(256 * 1024),
  /** A socket that has not said hello by then is closed. */
  helloTimeout: Duration.refine((ms) => ms >= 100, 'at least 0.1 s').prefault(10),
  /** Every socket is pinged this often; one that did not answer the last ping is closed. */
  pingInterval: Duration.refine((ms) => ms >= 100, 'at least 0.1 s').prefault(30),
});
export type WebLimitsConfig = z.infer<typeof WebLimitsConfig>;

export const WebChannelConfig = z.strictObject({
  enabled,
  title: z.string().min(1).default('Live chat'),
  maxMessageLength: z.number().int().min(1).max(2000).default(500),
  /** How many recent lines a viewer who joins late sees. */
  history: z.number().int().min(0).max(500).default(50),
  limits: WebLimitsConfig.prefault({}),
});

const TelegramChatId = z
  .union([z.number().int(), z.string().regex(/^-?\d+$|^@\w+$/)], {
    error: 'expected a Telegram chat id such as -1001234567890 or @channelname',
  })
  .transform(String);

export const TelegramChannelConfig = z.strictObject({
  enabled,
  tokenEnv: EnvName.default('TELEGRAM_BOT_TOKEN'),
  /** Bot API root: point it at a local Bot API server or a test fake. */
  apiRoot: HttpUrl.default('https://api.telegram.org'),
  chats: z.array(z.strictObject({ id: TelegramChatId, name: z.string().optional() })).min(1, 'list at least one chat the bot relays and sells in'),
});

const TwitchLogin = z
  .string()
  .regex(/^#?[A-Za-z0-9_]{3,25}$/, 'expected a Twitch channel login such as candleshop')
  .transform((s) => s.replace(/^#/, '').toLowerCase());

export const TwitchChannelConfig = z.strictObject({
  enabled,
  /** The bot account's login; its OAuth token comes from tokenEnv. */
  username: TwitchLogin,
  tokenEnv: EnvName.default('TWITCH_OAUTH_TOKEN'),
  server: z.string().min(1).default('irc-ws.chat.twitch.tv'),
  port: z.number().int().min(1).max(65535).default(443),
  secure: z.boolean().default(true),
  channels: z.array(TwitchLogin).min(1, 'list at least one channel to join'),
  /** Helix API root: Twitch moderation (timeouts, deleting messages) goes through it since 2023. */
  api: HttpUrl.default('https://api.twitch.tv/helix'),
  /** OAuth root, used to validate the token and learn the bot's user id and client id. */
  authApi: HttpUrl.default('https://id.twitch.tv/oauth2'),
  /** Is the bot a moderator in these channels? Twitch then allows 100 lines per 30 s instead of 20. */
  moderator: z.boolean().default(false),
});

export const DiscordChannelConfig = z.strictObject({
  enabled,
  tokenEnv: EnvName.default('DISCORD_BOT_TOKEN'),
  /** REST root, as discord.js takes it (it appends /v10). */
  api: HttpUrl.default('https://discord.com/api'),
  channels: z.array(DiscordId).min(1, 'list at least one channel id'),
  /** Roles (by id) that count as moderators besides Discord's own permissions. */
  moderatorRoles: z.array(DiscordId).default([]),
});

export const ChannelsConfig = z.strictObject({
  web: WebChannelConfig.default(WebChannelConfig.parse({})),
  telegram: TelegramChannelConfig.optional(),
  twitch: TwitchChannelConfig.optional(),
  discord: DiscordChannelConfig.optional(),
});
export type ChannelsConfig = z.infer<typeof ChannelsConfig>;
export type TelegramChannelConfig = z.infer<typeof TelegramChannelConfig>;
export type TwitchChannelConfig = z.infer<typeof TwitchChannelConfig>;
export type DiscordChannelConfig = z.infer<typeof DiscordChannelConfig>;
export type WebChannelConfig = z.infer<typeof WebChannelConfig>;

export const RelayConfig = z.strictObject({
  enabled,
  /** Relay command lines (!buy …) too; off by default so other chats are not flooded with commands. */
  commands: z.boolean().default(false),
  /** The longest relayed line before it is trimmed with "…". */
  maxLength: z.number().int().min(20).max(2000).default(400),
});
export type RelayConfig = z.infer<typeof RelayConfig>;
