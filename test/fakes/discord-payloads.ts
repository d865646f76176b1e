/**
 * Discord objects (users, members, guilds, channels, messages) as the API
 * shapes them, plus the data the fake Discord keeps between calls.
 */
import { randomUUID } from 'node:crypto';

/** A Discord user as a test describes it. */
export interface DiscordUserInput {
  id: string;
  username: string;
  global_name?: string | null;
  bot?: boolean;
}

/** A guild the fake serves, with its text channels and roles. */
export interface DiscordGuildInput {
  id: string;
  name: string;
  channels: Array<{ id: string; name: string }>;
  roles?: Array<{ id: string; name: string; permissions?: string }>;
  ownerId?: string;
  /** role ids the bot member holds */
  botRoles?: string[];
}

/** An interaction the fake dispatched and whether the bot answered it. */
export interface InteractionRecord {
  id: string;
  token: string;
  channelId: string;
  createdAt: number;
  acknowledged: boolean;
  /** id of the response message, once there is one */
  responseId?: string;
}

/** A JSON object as the API returns it. */
export type Json = Record<string, unknown>;

// Discord's default @everyone permissions: view, send, history, reactions, embeds, ...
const EVERYONE_PERMISSIONS = '1071698660929';
const DISCORD_EPOCH = 1_420_070_400_000n;

/** Data shared by the REST and gateway halves of the fake. */
export class DiscordState {
  /** Messages by id (sent by the bot or injected). */
  readonly messages = new Map<string, Json>();
  /** Users seen, by id. */
  readonly users = new Map<string, DiscordUserInput>();
  /** Member role lists by `guildId:userId`. */
  readonly memberRoles = new Map<string, string[]>();
  /** Timeouts by `guildId:userId` (ISO time or null). */
  readonly timeouts = new Map<string, string | null>();
  /** Interactions dispatched by the fake, by id. */
  readonly interactions = new Map<string, InteractionRecord>();
  /** Private channels the bot opened (POST /users/@me/channels): channel id → the user. */
  readonly dmChannels = new Map<string, string>();
  /** Users whose privacy settings differ from the default (`dmsOpen`): true = open, false = closed. */
  readonly dmSettings = new Map<string, boolean>();
  /** Whether a member takes DMs from the bot unless set otherwise (Discord's default is yes; tests choose). */
  dmsOpen = false;
  private counter = 0n;
  private readonly startedAt = new Date().toISOString();

  constructor(
    readonly bot: DiscordUserInput,
    readonly applicationId: string,
    readonly guilds: readonly DiscordGuildInput[],
  ) {
    this.users.set(bot.id, { ...bot, bot: true });
    for (const g of guilds) this.memberRoles.set(`${g.id}:${bot.id}`, g.botRoles ?? []);
  }

  /** A fresh, increasing snowflake. */
  snowflake(): string {
    this.counter = (this.counter + 1n) % 4096n;
    return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | this.counter).toString();
  }

  /** The guild and channel for a channel id, if the fake serves it. */
  locate(channelId: string): { guild: DiscordGuildInput; channel: { id: string; name: string }; position: number } | undefined {
    for (const guild of this.guilds) {
      const position = guild.channels.findIndex((c) => c.id === channelId);
      const channel = guild.channels[position];
      if (channel !== undefined) return { guild, channel, position };
    }
    return undefined;
  }

  /** Whether the bot may write to this user privately (else Discord answers 50007). */
  takesDms(userId: string): boolean {
    return this.dmSettings.get(userId) ?? this.dmsOpen;
  }

  /** The private channel with `userId`, opened on first use, as the API returns it. */
  dmChannel(userId: string): Json {
    let id = [...this.dmChannels].find(([, user]) => user === userId)?.[0];
    if (id === undefined) this.dmChannels.set((id = this.snowflake()), userId);
    const user = this.users.get(userId) ?? { id: userId, username: `user${userId}` };
    return { id, type: 1, last_message_id: null, flags: 0, recipients: [this.user(user)] };
  }

  /** User object as the API returns it. */
  user(u: DiscordUserInput): Json {
    return { id: u.id, username: u.username, discriminator: '0', global_name: u.global_name ?? null, avatar: null, bot: u.bot === true, public_flags: 0 };
  }

  /** Guild member object; `withUser` for REST and GUILD_CREATE, not for MESSAGE_CREATE. */
  member(guildId: string, userId: string, withUser: boolean): Json {
    const key = `${guildId}:${userId}`;
    const user = this.users.get(userId) ?? { id: userId, username: `user${userId}` };
    return {
      ...(withUser ? { user: this.user(user) } : {}),
      roles: this.memberRoles.get(key) ?? [],
      nick: null,
      avatar: null,
      banner: null,
      joined_at: this.startedAt,
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      communication_disabled_until: this.timeouts.get(key) ?? null,
    };
  }

  /** Text channel object (type 0). */
  channel(guild: DiscordGuildInput, channel: { id: string; name: string }, position: number): Json {
    return {
      id: channel.id,
      type: 0,
      guild_id: guild.id,
      name: channel.name,
      position,
      permission_overwrites: [],
      topic: null,
      nsfw: false,
      last_message_id: null,
      rate_limit_per_user: 0,
      parent_id: null,
      flags: 0,
    };
  }

  /** Full GUILD_CREATE payload: what discord.js needs to cache the guild, channels and roles. */
  guildCreate(guild: DiscordGuildInput): Json {
    const roles = [{ id: guild.id, name: '@everyone', permissions: EVERYONE_PERMISSIONS }, ...(guild.roles ?? []).map((r) => ({ permissions: '0', ...r }))].map(
      (r, position) => ({
        ...r,
        color: 0,
        colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
        hoist: false,
        icon: null,
        unicode_emoji: null,
        position,
        managed: false,
        mentionable: false,
        flags: 0,
      }),
    );
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: guild.ownerId ?? '1',
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      premium_tier: 0,
      premium_subscription_count: 0,
      premium_progress_bar_enabled: false,
      preferred_locale: 'en-US',
      features: [],
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      vanity_url_code: null,
      max_members: 500_000,
      roles,
      emojis: [],
      stickers: [],
      joined_at: this.startedAt,
      large: false,
      unavailable: false,
      member_count: 1 + this.guildMembers(guild.id).length,
      members: [this.member(guild.id, this.bot.id, true)],
      channels: guild.channels.map((c, i) => this.channel(guild, c, i)),
      threads: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  /** Message object; stored so edits, deletes and interactions can find it. */
  message(input: { channelId: string; author: DiscordUserInput; content: string; extra?: Json }): Json {
    const where = this.locate(input.channelId);
    const message: Json = {
      id: this.snowflake(),
      type: 0,
      channel_id: input.channelId,
      ...(where === undefined ? {} : { guild_id: where.guild.id }),
      author: this.user(input.author),
      content: input.content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      flags: 0,
      components: [],
      ...input.extra,
    };
    this.messages.set(String(message.id), message);
    return message;
  }

  /** INTERACTION_CREATE payload for a button press; the interaction is recorded as unanswered. */
  buttonInteraction(where: NonNullable<ReturnType<DiscordState['locate']>>, userId: string, message: Json, customId: string): Json {
    const id = this.snowflake();
    const token = `itoken-${randomUUID()}`;
    this.interactions.set(id, { id, token, channelId: where.channel.id, createdAt: Date.now(), acknowledged: false });
    return {
      id,
      token,
      type: 3,
      version: 1,
      application_id: this.applicationId,
      guild_id: where.guild.id,
      channel_id: where.channel.id,
      channel: this.channel(where.guild, where.channel, where.position),
      member: { ...this.member(where.guild.id, userId, true), permissions: EVERYONE_PERMISSIONS },
      message,
      data: { custom_id: customId, component_type: 2 },
      app_permissions: EVERYONE_PERMISSIONS,
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { 0: where.guild.id },
      context: 0,
      attachment_size_limit: 26_214_400,
    };
  }

  private guildMembers(guildId: string): string[] {
    return [...this.memberRoles.keys()].filter((k) => k.startsWith(`${guildId}:`) && !k.endsWith(`:${this.bot.id}`));
  }
}
