import { Client, Events, GatewayIntentBits, Options, Partials, type ButtonInteraction, type Message } from 'discord.js';
import type { Logger } from 'pino';
import type { DiscordChannelConfig } from '../../config/schema/channels.js';
import type { Ingest, Channel, ChannelLimits, ChannelState, Rendered, SendRequest } from '../../orchestrator/channel.js';
import type { ModerationAction, Outbound } from '../../orchestrator/chat-types.js';
import type { Backoff } from '../../orchestrator/shared/backoff.js';
import { ConnectionSupervisor } from '../connection-supervisor.js';
import { DiscordLoginError, loginError, mapDiscordError } from './discord-errors.js';
import { buttonFacts, messageFacts } from './discord-facts.js';
import { toChatEvent, type InboundContext, type InboundFacts } from './discord-inbound.js';
import { moderate, sendMessage } from './discord-outbound.js';
import { DISCORD_MAX_LENGTH, NO_PINGS, renderDiscord } from './discord-render.js';
import { GatewayWatch } from './gateway-watch.js';

/** Discord's published limits: about 5 messages per 5 s per channel, 50 requests per second per bot. */
export const DISCORD_LIMITS: ChannelLimits = {
  perRoom: [{ limit: 5, windowMs: 5000 }],
  perBot: [{ limit: 50, windowMs: 1000 }],
  maxLength: DISCORD_MAX_LENGTH,
};

/**
 * @discordjs/rest waits out 429s itself; a wait longer than this is handed to the outbox instead
 * (as RateLimitError), so it can pause the room and let other rooms and priorities go first.
 */
const LONG_RATE_LIMIT_MS = 10_000;
const READY_TIMEOUT_MS = 30_000;

/** The bot itself stays cached: discord.js reads `guild.members.me` for its own permissions. */
const keepSelf = (entry: { id: string; client: Client }): boolean => entry.id === entry.client.user?.id;

/**
 * discord.js caches every member and user it has seen (unbounded: 10,000 viewers, ~3 MB) and 200
 * messages per channel. The adapter reads a message's author and member only while handling that
 * message (`message.member` looks its member up in the cache just after discord.js put it there),
 * and guilds, channels and roles (owner, permissions) which stay fully cached; the rest is dropped.
 */
const LEAN_CACHES = Options.cacheWithLimits({
  MessageManager: 0,
  GuildMemberManager: { maxSize: 200, keepOverLimit: keepSelf },
  UserManager: { maxSize: 200, keepOverLimit: keepSelf },
  PresenceManager: 0,
  ReactionManager: 0,
  ReactionUserManager: 0,
  VoiceStateManager: 0,
  ThreadMemberManager: 0,
  GuildEmojiManager: 0,
  GuildStickerManager: 0,
  GuildScheduledEventManager: 0,
  StageInstanceManager: 0,
});

export interface DiscordChannelOptions {
  config: DiscordChannelConfig;
  token: string;
  log: Logger;
  /** Backoff between login attempts (tests shorten it). */
  backoff?: Backoff;
  /** How long a login may take to reach ClientReady before it counts as failed. */
  readyTimeoutMs?: number;
  /**
   * Asked before each login: Discord resets a token that logs in 1,000 times a day, and several
   * processes may share one; it throws (and the supervisor retries later) while the budget is spent.
   */
  beforeLogin?: () => Promise<void>;
}

/**
 * The Discord bot: a discord.js client on the configured channels. discord.js keeps the gateway
 * up by itself; the supervisor only handles logging in (Discord down at start, a client that
 * gave up) and turns a rejected token into a disabled channel with the reason.
 */
export class DiscordChannel implements Channel {
  readonly platform = 'discord' as const;
  readonly limits = DISCORD_LIMITS;
  readonly canDirectMessage = true;
  private readonly supervisor: ConnectionSupervisor;
  private readonly watch = new GatewayWatch();
  private readonly context: InboundContext;
  private readonly log: Logger;
  private client: Client | undefined;
  private onEvent: Ingest | undefined;
  private abortLogin: ((err: Error) => void) | undefined;
  private warnedEmptyContent = false;

  constructor(private readonly options: DiscordChannelOptions) {
    this.log = options.log;
    this.context = { botUserId: undefined, rooms: new Set(options.config.channels), moderatorRoles: new Set(options.config.moderatorRoles) };
    this.supervisor = new ConnectionSupervisor({
      name: 'discord',
      log: options.log,
      connect: () => this.connect(),
      disconnect: () => this.disconnect(),
      isFatal: (err) => err instanceof DiscordLoginError && err.fatal,
      ...(options.backoff && { backoff: options.backoff }),
    });
  }

  async start(onEvent: Ingest): Promise<void> {
    this.onEvent = onEvent;
    await this.supervisor.start();
  }

  /** The configured channels; none once disabled, so broadcasts stop piling up for a bot that cannot come back. */
  rooms(): string[] {
    return this.supervisor.state().state === 'disabled' ? [] : [...this.options.config.channels];
  }

  render(out: Outbound, maxLength: number): Rendered {
    return renderDiscord(out, maxLength);
  }

  async send(request: SendRequest): Promise<void> {
    const client = this.liveClient();
    await sendMessage(client, request, this.log).catch((err: unknown) => {
      throw mapDiscordError(err);
    });
  }

  async moderate(action: ModerationAction): Promise<void> {
    const client = this.liveClient();
    await moderate(client, action).catch((err: unknown) => {
      throw mapDiscordError(err);
    });
  }

  state(): ChannelState {
    return this.watch.overlay(this.supervisor.state(), Date.now());
  }

  async stop(): Promise<void> {
    this.abortLogin?.(new Error('stopped while logging in'));
    await this.supervisor.stop();
  }

  private liveClient(): Client {
    if (!this.client?.isReady()) throw new Error('Discord is not connected');
    return this.client;
  }

  /** One login with a fresh client: a destroyed discord.js client cannot log in again. */
  private async connect(): Promise<void> {
    const { config } = this.options;
    await this.options.beforeLogin?.();
    const client = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent, GatewayIntentBits.DirectMessages],
      // Without the Channel partial, discord.js drops DMs: their channel is never cached in advance.
      partials: [Partials.Channel],
      makeCache: LEAN_CACHES,
      allowedMentions: NO_PINGS,
      rest: { api: config.api, rejectOnRateLimit: (limit) => limit.retryAfter > LONG_RATE_LIMIT_MS },
    });
    this.client = client;
    this.watch.up(Date.now());
    this.listen(client);
    try {
      await this.loggedIn(client);
    } catch (err) {
      throw loginError(err, config.tokenEnv);
    }
    this.context.botUserId = client.user?.id;
    this.watch.up(Date.now());
    const guilds = client.guilds.cache.size;
    const missing = config.channels.filter((id) => !client.channels.cache.has(id));
    if (missing.length > 0) this.log.warn({ missing }, 'configured Discord channels the bot cannot see: invite it to their server, or check the ids');
    this.log.info({ guilds, user: client.user?.tag }, 'Discord bot logged in');
  }

  /** Logs in and waits for ClientReady (every guild in READY has arrived), a failure, a timeout or stop(). */
  private loggedIn(client: Client): Promise<void> {
    const timeoutMs = this.options.readyTimeoutMs ?? READY_TIMEOUT_MS;
    return new Promise<void>((resolve, reject) => {
      const settle = (err?: Error): void => {
        clearTimeout(timer);
        this.abortLogin = undefined;
        if (err) reject(err);
        else resolve();
      };
      const timer = setTimeout(() => settle(new Error(`not ready within ${timeoutMs / 1000} s`)), timeoutMs);
      this.abortLogin = settle;
      // Attached before login, as discord.js asks.
      client.once(Events.ClientReady, () => settle());
      client.login(this.options.token).catch((err: unknown) => settle(err instanceof Error ? err : new Error(String(err))));
    });
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.watch.up(Date.now());
    if (!client) return;
    client.removeAllListeners();
    await client.destroy();
  }

  private listen(client: Client): void {
    const current = (): boolean => this.client === client;
    client.on(Events.MessageCreate, (message) => current() && this.received(message));
    client.on(Events.InteractionCreate, (interaction) => {
      if (current() && interaction.isButton()) this.pressed(interaction);
    });
    // discord.js reconnects the gateway on its own (every ~500 ms, re-identifying ~5 s after a
    // lost session); these events only keep state() honest meanwhile.
    client.on(Events.ShardReconnecting, () => {
      if (!current() || !this.watch.closed(Date.now())) return;
      // Failed attempts while logging in are the supervisor's to report.
      if (this.supervisor.state().state === 'connected') this.log.warn('Discord gateway connection lost; discord.js is reconnecting');
    });
    const back = (how: string): void => {
      const awayMs = current() ? this.watch.up(Date.now()) : undefined;
      if (awayMs !== undefined) this.log.info({ awayMs }, `Discord gateway back (${how})`);
    };
    client.on(Events.ShardResume, () => back('resumed'));
    client.on(Events.ShardReady, () => back('new session'));
    client.on(Events.ShardDisconnect, (event) => {
      // An unrecoverable close (4004 token revoked, 4014 intents): discord.js has given up.
      if (current()) this.supervisor.dropped(new Error(`Discord closed the gateway for good (code ${event.code})`));
    });
    client.on(Events.Invalidated, () => current() && this.supervisor.dropped(new Error('Discord invalidated the session')));
    client.on(Events.ShardError, (err) => this.log.warn({ err }, 'Discord gateway error'));
    client.on(Events.Error, (err) => this.log.error({ err }, 'Discord client error'));
    client.on(Events.Warn, (message) => this.log.warn(message));
  }

  private received(message: Message): void {
    const facts = messageFacts(message);
    if (facts.text === '' && facts.inGuild && !facts.author.bot) this.warnIfContentBlank(message);
    this.deliver(facts);
  }

  private pressed(interaction: ButtonInteraction): void {
    // Acknowledge first: Discord shows "This interaction failed" after 3 s without an answer.
    interaction.deferUpdate().catch((err: unknown) => this.log.warn({ err }, 'could not acknowledge a Discord button press'));
    this.deliver(buttonFacts(interaction));
  }

  private deliver(facts: InboundFacts): void {
    const event = toChatEvent(facts, this.context);
    if (event) void this.onEvent?.(event);
  }

  private warnIfContentBlank(message: Message): void {
    if (this.warnedEmptyContent || message.attachments.size > 0 || message.stickers.size > 0 || message.embeds.length > 0) return;
    this.warnedEmptyContent = true;
    this.log.warn('a Discord message arrived without text: enable the Message Content intent in the Developer Portal (Bot → Privileged Gateway Intents)');
  }
}
