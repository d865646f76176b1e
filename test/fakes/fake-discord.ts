/**
 * Fake Discord on one 127.0.0.1 port: REST under `/api/v10` and the gateway
 * WebSocket at `/gateway`, for the real discord.js client. Injected messages,
 * button clicks and poll votes; outages, 429s and per-channel limits.
 */
import { createServer, type Server } from 'node:http';
import { WebSocketServer } from 'ws';
import { DiscordGateway, Intents, messageCreateFilter } from './discord-gateway.js';
import type { DiscordFailure } from './discord-limits.js';
import type { FakeFault } from './faults.js';
import { DiscordState, type DiscordGuildInput, type DiscordUserInput } from './discord-payloads.js';
import { DiscordRest, MESSAGES, type DiscordCall } from './discord-rest.js';
import { buildRoutes, type DiscordModeration } from './discord-routes.js';
import { closeServer, HOST, listen, paramText } from './http-util.js';
import { DEFAULT_WAIT_MS } from './recorder.js';
import type { SlidingWindow } from './sliding-window.js';

export type { DiscordGuildInput, DiscordUserInput } from './discord-payloads.js';
export type { DiscordModeration } from './discord-routes.js';
export type { DiscordFailure } from './discord-limits.js';
export type { DiscordCall } from './discord-rest.js';
export { Intents } from './discord-gateway.js';

/** Options of {@link FakeDiscord}. */
export interface FakeDiscordOptions {
  token?: string;
  bot?: DiscordUserInput;
  applicationId?: string;
  guilds?: DiscordGuildInput[];
  /** HELLO heartbeat interval (Discord: 41250 ms) */
  heartbeatIntervalMs?: number;
  /** answer 429 past 5 messages per 5 s per channel */
  enforceLimits?: boolean;
  /** time allowed to answer an interaction (Discord: 3 s) */
  interactionDeadlineMs?: number;
  /** whether members take DMs from the bot unless `openDms`/`closeDms` says otherwise (default: closed) */
  directMessages?: 'open' | 'closed';
}

/** Fake Discord REST + gateway server (see file comment). */
export class FakeDiscord {
  /** Every REST request, in arrival order. */
  readonly calls: DiscordCall[];
  /** Timeouts, kicks and bans the bot made. */
  readonly moderation: DiscordModeration[] = [];
  /** Accepted message creations per channel id, to check outbound pacing. */
  readonly sends: SlidingWindow;
  readonly state: DiscordState;
  readonly token: string;
  private readonly gateway: DiscordGateway;
  private readonly rest: DiscordRest;
  private server: Server | undefined;
  private boundPort = 0;

  constructor(options: FakeDiscordOptions = {}) {
    this.token = options.token ?? 'fake-discord-token';
    const bot = options.bot ?? { id: '900000000000000001', username: 'showcart' };
    const guilds = options.guilds ?? [{ id: '800000000000000001', name: 'Shop', channels: [{ id: '700000000000000001', name: 'live' }] }];
    this.state = new DiscordState({ ...bot, bot: true }, options.applicationId ?? bot.id, guilds);
    this.state.dmsOpen = options.directMessages === 'open';
    this.gateway = new DiscordGateway(this.state, this.token, options.heartbeatIntervalMs ?? 41_250, () => this.gatewayUrl);
    const routes = buildRoutes({
      state: this.state,
      gatewayUrl: () => this.gatewayUrl,
      moderate: (entry) => this.moderation.push(entry),
      interactionDeadlineMs: options.interactionDeadlineMs ?? 3_000,
    });
    this.rest = new DiscordRest(routes, this.token, options.enforceLimits ?? false);
    this.sends = this.rest.sends;
    this.calls = this.rest.log.items;
  }

  /** Bound port (after start). */
  get port(): number {
    return this.boundPort;
  }

  /** What discord.js's `rest.api` option takes. */
  get api(): string {
    return `http://${HOST}:${this.boundPort}/api`;
  }

  /** Gateway URL as `GET /gateway/bot` reports it. */
  get gatewayUrl(): string {
    return `ws://${HOST}:${this.boundPort}/gateway`;
  }

  /** Open gateway sockets. */
  get connections(): number {
    return this.gateway.connections;
  }

  /** Starts listening; port 0 picks a free port. */
  async start(port = 0): Promise<void> {
    if (this.server !== undefined) throw new Error('FakeDiscord already started');
    const server = createServer((req, res) => void this.rest.handle(req, res));
    const wss = new WebSocketServer({ noServer: true });
    server.on('upgrade', (req, socket, head) => {
      if (!/^\/gateway\/?$/.test(new URL(req.url ?? '/', `http://${HOST}`).pathname)) return void socket.destroy();
      wss.handleUpgrade(req, socket, head, (ws) => this.gateway.accept(ws));
    });
    this.boundPort = await listen(server, port);
    this.server = server;
  }

  /** Closes gateway sockets with 1012 (sessions stay resumable), then the server. */
  async stop(): Promise<void> {
    await this.shutdown(1012);
  }

  /** Cuts every socket abruptly, then closes the server; `invalidateSessions` forces a fresh IDENTIFY later. */
  async kill(options: { invalidateSessions?: boolean } = {}): Promise<void> {
    if (options.invalidateSessions === true) this.gateway.invalidateSessions();
    await this.shutdown(undefined);
  }

  /** Stop, then start again on the same port. */
  async restart(): Promise<void> {
    const port = this.boundPort;
    await this.stop();
    await this.start(port);
  }

  /** While down, every REST request answers 502 (the gateway keeps running). */
  setDown(down: boolean): void {
    this.rest.down = down;
  }

  /** Until cleared (no argument): every REST request hangs, has its connection reset, or answers the status; the gateway keeps running. */
  setFault(fault?: FakeFault): void {
    this.rest.faults.set(fault);
  }

  /** How many REST requests met each kind of fault so far. */
  get faultsMet(): Readonly<{ hang: number; reset: number; status: number }> {
    return this.rest.faults.met;
  }

  /** The next request whose `METHOD /path` contains `match` fails as given (429 by default shape). */
  failNext(match: string, failure: DiscordFailure): void {
    this.rest.failNext(match, failure);
  }

  /** Op 7 to every socket: clients reconnect and RESUME. */
  requestReconnect(): void {
    this.gateway.requestReconnect();
  }

  /** Contents of messages the bot created in channels, optionally in one channel. */
  sent(channelId?: string): string[] {
    return this.calls
      .filter((c) => c.method === 'POST' && c.bucket === MESSAGES && c.status === 200)
      .filter((c) => channelId === undefined || c.path === `/channels/${channelId}/messages`)
      .map((c) => paramText(c.body.content));
  }

  /** Resolves with the first REST call, past or future, matching `predicate`. */
  waitFor(predicate: (call: DiscordCall) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<DiscordCall> {
    return this.rest.log.waitFor(predicate, timeoutMs);
  }

  /** The member takes DMs from the bot (Discord's default privacy setting). */
  openDms(userId: string): void {
    this.state.dmSettings.set(userId, true);
  }

  /** The member turned off DMs from server members: writing to them answers 50007. */
  closeDms(userId: string): void {
    this.state.dmSettings.set(userId, false);
  }

  /** Texts the bot sent privately to `userId`, in order. */
  direct(userId: string): string[] {
    const channels = new Set([...this.state.dmChannels].filter(([, user]) => user === userId).map(([id]) => `/channels/${id}/messages`));
    return this.calls.filter((c) => c.method === 'POST' && c.status === 200 && channels.has(c.path)).map((c) => paramText(c.body.content));
  }

  /** Most messages accepted in `channelId` in any window of `windowMs`. */
  maxPerWindow(channelId: string, windowMs: number): number {
    return this.sends.maxPerWindow(channelId, windowMs);
  }

  /**
   * Dispatches MESSAGE_CREATE from a user to every session with GuildMessages;
   * sessions without MessageContent get it blanked unless the bot is mentioned.
   * Returns the message id.
   */
  say(input: { channelId: string; user: DiscordUserInput; member?: { roles: string[] }; content: string }): string {
    const where = this.state.locate(input.channelId);
    if (where === undefined) throw new Error(`channel ${input.channelId} is in no configured guild: discord.js would drop the message`);
    this.state.users.set(input.user.id, input.user);
    this.state.memberRoles.set(`${where.guild.id}:${input.user.id}`, input.member?.roles ?? []);
    const { id: botId } = this.state.bot;
    const mentioned = input.content.includes(`<@${botId}>`) || input.content.includes(`<@!${botId}>`);
    const message = this.state.message({
      channelId: input.channelId,
      author: input.user,
      content: input.content,
      extra: { member: this.state.member(where.guild.id, input.user.id, false), mentions: mentioned ? [this.state.user(this.state.bot)] : [] },
    });
    this.gateway.dispatch('MESSAGE_CREATE', messageCreateFilter(message, mentioned));
    return String(message.id);
  }

  /** Dispatches a button press (INTERACTION_CREATE type 3) on a known message; returns the interaction id. */
  clickButton(input: { channelId: string; messageId: string; user: DiscordUserInput; customId: string; member?: { roles: string[] } }): string {
    const where = this.state.locate(input.channelId);
    const message = this.state.messages.get(input.messageId);
    if (where === undefined || message?.channel_id !== input.channelId) throw new Error(`message ${input.messageId} is not in channel ${input.channelId}`);
    this.state.users.set(input.user.id, input.user);
    if (input.member !== undefined) this.state.memberRoles.set(`${where.guild.id}:${input.user.id}`, input.member.roles);
    const payload = this.state.buttonInteraction(where, input.user.id, message, input.customId);
    this.gateway.dispatch('INTERACTION_CREATE', () => payload);
    return String(payload.id);
  }

  /** Dispatches MESSAGE_POLL_VOTE_ADD to sessions with the GuildMessagePolls intent. */
  pollVote(input: { channelId: string; messageId: string; userId: string; answerId: number }): void {
    const where = this.state.locate(input.channelId);
    const d = { user_id: input.userId, channel_id: input.channelId, message_id: input.messageId, guild_id: where?.guild.id, answer_id: input.answerId };
    this.gateway.dispatch('MESSAGE_POLL_VOTE_ADD', (s) => ((s.intents & Intents.GuildMessagePolls) !== 0 ? d : undefined));
  }

  private async shutdown(code: number | undefined): Promise<void> {
    const server = this.server;
    this.server = undefined;
    const closed = server === undefined ? Promise.resolve() : closeServer(server);
    await this.gateway.closeAll(code);
    await closed;
  }
}
