import type { Logger } from 'pino';
import type tmi from 'tmi.js';
import type { TwitchChannelConfig } from '../../config/schema/channels.js';
import {
  RateLimitError,
  type Ingest,
  type Channel,
  type ChannelLimits,
  type ChannelState,
  type Rendered,
  type SendRequest,
} from '../../orchestrator/channel.js';
import type { ModerationAction, Outbound } from '../../orchestrator/chat-types.js';
import type { Backoff } from '../../orchestrator/shared/backoff.js';
import { ConnectionSupervisor } from '../connection-supervisor.js';
import { bareToken, closeClient, createTmiClient, retire, trackJoins } from './twitch-client.js';
import { connectFailure, isFatalTwitchError, sayFailure, TWITCH_RATE_PAUSE_MS } from './twitch-errors.js';
import { TwitchHelix } from './twitch-helix.js';
import { ModeratorStatus, notModeratorWarning } from './twitch-mod-status.js';
import { TwitchModerator } from './twitch-moderator.js';
import { tagText, toChatEvent } from './twitch-normalize.js';
import { chatLine, renderTwitch, TMI_SAFE_LENGTH } from './twitch-render.js';

const JOIN_WAIT_MS = 10_000;
const REVALIDATE_MS = 60 * 60 * 1000;
/** Logins of recent authors by message id, so a reply can mention the login, not a localized name. */
const REMEMBERED_AUTHORS = 1000;

/**
 * Twitch's published chat limits: 20 lines per 30 s for a normal account and one per second per
 * channel; 100 per 30 s and no per-channel pause for a moderator or the broadcaster. Over them
 * Twitch silently drops lines and may ignore the bot for 30 minutes.
 */
export function twitchLimits(moderator: boolean): ChannelLimits {
  return moderator
    ? { perRoom: [], perBot: [{ limit: 100, windowMs: 30_000 + WINDOW_MARGIN_MS }], maxLength: 500 }
    : { perRoom: [{ limit: 1, windowMs: 1000 + WINDOW_MARGIN_MS / 10 }], perBot: [{ limit: 20, windowMs: 30_000 + WINDOW_MARGIN_MS }], maxLength: 500 };
}

/**
 * Our windows count a line when it leaves, Twitch's when it arrives: sent exactly 20 per 30 s, a
 * line that travels a few milliseconds longer than the one 30 s before it is the 21st in Twitch's
 * window and is dropped without a word (2 to 6 of 200 buyers were never told in the burst
 * measurement). A second of margin per 30 s costs 3 % of the rate and absorbs any jitter a
 * healthy connection has.
 */
const WINDOW_MARGIN_MS = 1_000;

export interface TwitchChannelOptions {
  /** Reconnect pacing; tests pass a fast one. */
  backoff?: Backoff;
}

/**
 * Twitch chat through tmi.js, moderation through Helix. Rooms are channel logins ("candleshop").
 * Whispers are ignored (Twitch lets only verified bots send them), so direct replies fall back
 * to the room with a mention.
 */
export class TwitchChannel implements Channel {
  readonly platform = 'twitch' as const;
  readonly canDirectMessage = false;
  readonly limits: ChannelLimits;
  private readonly supervisor: ConnectionSupervisor;
  private readonly moderator: TwitchModerator;
  /** What Twitch says about the bot's own badges in each channel. */
  private readonly modStatus = new ModeratorStatus();
  private readonly roomSet: Set<string>;
  private readonly authors = new Map<string, string>();
  private client: tmi.Client | undefined;
  private onEvent: Ingest | undefined;
  private revalidateTimer: NodeJS.Timeout | undefined;
  /** Set when Twitch said msg_ratelimit: it dropped a line, and sends wait until then. */
  private mutedUntil = 0;

  constructor(
    private readonly config: TwitchChannelConfig,
    private readonly token: string,
    private readonly log: Logger,
    options: TwitchChannelOptions = {},
  ) {
    this.limits = twitchLimits(config.moderator);
    this.roomSet = new Set(config.channels);
    const helix = new TwitchHelix({ api: config.api, authApi: config.authApi, token: bareToken(token), tokenEnv: config.tokenEnv });
    this.moderator = new TwitchModerator(helix, config.channels, config.username, log);
    this.supervisor = new ConnectionSupervisor({
      name: 'Twitch',
      log,
      connect: () => this.connect(),
      disconnect: () => this.disconnect(),
      isFatal: isFatalTwitchError,
      ...(options.backoff && { backoff: options.backoff }),
    });
  }

  async start(onEvent: Ingest): Promise<void> {
    this.onEvent = onEvent;
    await this.supervisor.start();
  }

  rooms(): string[] {
    return [...this.config.channels];
  }

  render(out: Outbound, maxLength: number): Rendered {
    return renderTwitch(out, maxLength, (messageId) => this.authors.get(messageId));
  }

  async send(request: SendRequest): Promise<void> {
    const client = this.client;
    if (!client || this.supervisor.state().state !== 'connected') throw new Error('Twitch chat is not connected');
    const wait = this.mutedUntil - Date.now();
    if (wait > 0) throw new RateLimitError(wait, 'bot');
    // The last gate before the wire: a line break would start a new IRC command, a leading "/" a chat command.
    const text = chatLine(request.text, request.link, Math.min(this.limits.maxLength, TMI_SAFE_LENGTH));
    if (text === '') return;
    try {
      await client.say(`#${request.channelId}`, text);
    } catch (reason) {
      throw sayFailure(reason);
    }
  }

  moderate(action: ModerationAction): Promise<void> {
    return this.moderator.moderate(action);
  }

  audience(): Promise<Map<string, number>> {
    return this.moderator.viewerCounts();
  }

  state(): ChannelState {
    const state = this.supervisor.state();
    if (state.state !== 'connected') return state;
    const rooms = this.modStatus.notModeratorIn(this.config.channels);
    return rooms.length === 0 ? state : { ...state, warning: notModeratorWarning(rooms, this.config.username, this.config.moderator) };
  }

  async stop(): Promise<void> {
    await this.supervisor.stop();
  }

  private async connect(): Promise<void> {
    await this.moderator.prepare();
    const { server, port, secure, username, channels } = this.config;
    const client = createTmiClient({ server, port, secure, username, token: this.token, channels, log: this.log });
    this.client = client;
    const joins = trackJoins(client, channels, this.config.tokenEnv);
    client.on('message', (channel, tags, text, self) => {
      if (this.client === client) this.received(channel, tags, text, self);
    });
    client.on('raw_message', (_copy, message) => {
      if (this.client === client) this.modStatus.heard(message);
    });
    client.on('notice', (channel, msgid, message) => {
      if (this.client === client) this.noticed(channel, msgid, message);
    });
    client.on('disconnected', (reason) => {
      if (this.client === client) this.supervisor.dropped(connectFailure(reason, this.config.tokenEnv));
    });
    try {
      await client.connect();
    } catch (reason) {
      throw connectFailure(reason, this.config.tokenEnv);
    }
    const missing = await joins.wait(JOIN_WAIT_MS);
    if (missing.length > 0) this.log.warn({ channels: missing }, 'Twitch did not confirm joining these channels; lines there may not arrive');
    const notModerator = this.modStatus.notModeratorIn(channels);
    if (notModerator.length > 0)
      this.log.warn({ channels: notModerator }, `the Twitch bot is ${notModeratorWarning(notModerator, username, this.config.moderator)}`);
    this.revalidateTimer = setInterval(() => void this.moderator.revalidate(), REVALIDATE_MS);
    this.revalidateTimer.unref();
  }

  private async disconnect(): Promise<void> {
    clearInterval(this.revalidateTimer);
    const client = this.client;
    this.client = undefined;
    this.modStatus.clear();
    if (!client) return;
    retire(client);
    await closeClient(client);
  }

  private received(channel: string, tags: tmi.ChatUserstate, text: string, self: boolean): void {
    const event = toChatEvent({ channel, tags, text, self, receivedAt: Date.now() });
    if (!event || !this.roomSet.has(event.channelId)) return;
    const login = tagText(tags.username);
    if (!self && login) this.remember(event.messageId, login);
    void this.onEvent?.(event);
  }

  private noticed(channel: string, msgid: string, message: string): void {
    if (msgid === 'msg_ratelimit') {
      this.mutedUntil = Date.now() + TWITCH_RATE_PAUSE_MS;
      this.log.warn({ channel }, 'Twitch dropped a line for sending too fast; pausing Twitch sends for 30 s');
      return;
    }
    // Duplicates (same text twice in 30 s), followers-only, slow mode, a ban: Twitch dropped the line.
    this.log.info({ channel, msgid }, `Twitch notice: ${message}`);
  }

  private remember(messageId: string, login: string): void {
    this.authors.set(messageId, login);
    if (this.authors.size > REMEMBERED_AUTHORS) this.authors.delete(this.authors.keys().next().value!);
  }
}
