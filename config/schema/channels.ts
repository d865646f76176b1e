import { z } from 'zod';
import { EnvName, HttpUrl } from './primitives.js';

const enabled = z.boolean().default(true);

export const WebChannelConfig = z.strictObject({
  enabled,
  title: z.string().min(1).default('Live chat'),
  maxMessageLength: z.number().int().min(1).max(2000).default(500),
  /** How many recent lines a viewer who joins late sees. */
  history: z.number().int().min(0).max(500).default(50),
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
  chats: z
    .array(z.strictObject({ id: TelegramChatId, name: z.string().optional() }))
    .min(1, 'list at least one chat the bot relays and sells in'),
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

const Snowflake = z
  .string({ error: 'write Discord ids in quotes: numbers this long lose digits in YAML' })
  .regex(/^\d{15,21}$/, 'expected a Discord id (15 to 21 digits, in quotes)');

export const DiscordChannelConfig = z.strictObject({
  enabled,
  tokenEnv: EnvName.default('DISCORD_BOT_TOKEN'),
  /** REST root, as discord.js takes it (it appends /v10). */
  api: HttpUrl.default('https://discord.com/api'),
  channels: z.array(Snowflake).min(1, 'list at least one channel id'),
  /** Roles (by id) that count as moderators besides Discord's own permissions. */
  moderatorRoles: z.array(Snowflake).default([]),
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
