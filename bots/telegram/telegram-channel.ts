import type { Logger } from 'pino';
import { Telegraf, type Types } from 'telegraf';
import type { TelegramChannelConfig } from '../../config/schema/channels.js';
import type { Ingest, Channel, ChannelLimits, ChannelState, Rendered, SendRequest } from '../../orchestrator/channel.js';
import type { ModerationAction, Outbound } from '../../orchestrator/chat-types.js';
import type { Backoff } from '../../orchestrator/shared/backoff.js';
import { ConnectionSupervisor } from '../connection-supervisor.js';
import { RecentMap } from './recent.js';
import { ChatAdmins, refreshAdmins } from './telegram-admins.js';
import { TelegramCalls, type TelegramCallStats } from './telegram-calls.js';
import { classifyTelegramError, connectError, describeTelegramError, TokenRejectedError } from './telegram-errors.js';
import { TelegramInbound, type BotIdentity } from './telegram-inbound.js';
import { TelegramOutbound } from './telegram-outbound.js';
import { TelegramPaymentDesk } from './telegram-payments.js';
import { watchPolling } from './telegram-polling.js';
import { NativePolls } from './telegram-polls.js';
import { addresseeOf, Speakers } from './telegram-mentions.js';
import { renderTelegram } from './telegram-render.js';

export { REQUEST_DEADLINE_MS } from './telegram-calls.js';

const ADMIN_REFRESH_MS = 10 * 60_000;
/** chat_member keeps roles fresh; poll_answer brings the votes of our native polls; pre_checkout_query, payments for invoices. */
const ALLOWED_UPDATES: Types.UpdateType[] = ['message', 'callback_query', 'my_chat_member', 'chat_member', 'poll', 'poll_answer', 'pre_checkout_query'];

/** Test seams; the app uses the defaults. */
export interface TelegramChannelOptions {
  /** Reconnect pacing (default: 1 s doubling to 60 s, with jitter). */
  backoff?: Backoff;
  /** Deadline of one Bot API call (default {@link REQUEST_DEADLINE_MS}). */
  requestDeadlineMs?: number;
}

/**
 * The Telegram bot: long-polls the Bot API through telegraf, relays the configured groups, takes
 * /commands in groups and in private chats, and sends HTML through the outbox. Every call it makes
 * goes through one {@link TelegramCalls}; sending and receiving live in their own files.
 */
export class TelegramChannel implements Channel {
  readonly platform = 'telegram' as const;
  readonly canDirectMessage = true;
  readonly limits: ChannelLimits = {
    perRoom: [
      { limit: 1, windowMs: 1000 },
      // Telegram counts a group's minute when lines arrive, we when they leave: a second of margin
      // keeps a line delayed on a busy machine or network from being the 21st, answered with a 429.
      { limit: 20, windowMs: 61_000 },
    ],
    perBot: [{ limit: 30, windowMs: 1000 }],
    maxLength: 4096,
  };

  private readonly supervisor: ConnectionSupervisor;
  private readonly admins = new ChatAdmins();
  private readonly speakers = new Speakers();
  private readonly roomIds: string[];
  private readonly calls: TelegramCalls;
  private readonly inbound: TelegramInbound;
  private readonly outbound: TelegramOutbound;
  /** Telegram Bot Payments: invoices out, pre-checkout questions and payments in. */
  readonly payments: TelegramPaymentDesk;
  private bot: Telegraf | undefined;
  private me: BotIdentity | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: TelegramChannelConfig,
    private readonly token: string,
    private readonly log: Logger,
    options: TelegramChannelOptions = {},
  ) {
    this.roomIds = config.chats.map((c) => c.id);
    this.supervisor = new ConnectionSupervisor({
      name: 'Telegram',
      log,
      connect: () => this.connect(),
      disconnect: async () => this.retire(),
      isFatal: (err) => err instanceof TokenRejectedError,
      ...(options.backoff && { backoff: options.backoff }),
    });
    this.calls = new TelegramCalls({
      client: () => this.bot?.telegram,
      log,
      secret: token,
      ...(options.requestDeadlineMs !== undefined && { deadlineMs: options.requestDeadlineMs }),
      unauthorized: (reason) => this.supervisor.dropped(new Error(reason)),
    });
    this.payments = new TelegramPaymentDesk(this.calls, log);
    const polls = new NativePolls();
    const names = new RecentMap<string, string>(5000);
    this.inbound = new TelegramInbound({
      speakers: this.speakers,
      rooms: this.roomIds,
      admins: this.admins,
      polls,
      names,
      calls: this.calls,
      payments: this.payments,
      log,
      refreshAdmins: (rooms) => void refreshAdmins(this.calls, rooms, this.admins, log),
    });
    this.outbound = new TelegramOutbound({ calls: this.calls, polls, names, log, botUsername: () => this.me?.username, maxLength: this.limits.maxLength });
  }

  async start(onEvent: Ingest): Promise<void> {
    this.inbound.start(onEvent);
    // Admin lists change without an update we can see when the bot is not an admin itself.
    this.refreshTimer = setInterval(() => {
      if (this.bot !== undefined) void refreshAdmins(this.calls, this.roomIds, this.admins, this.log);
    }, ADMIN_REFRESH_MS);
    this.refreshTimer.unref();
    await this.supervisor.start();
  }

  rooms(): string[] {
    return this.roomIds;
  }

  render(out: Outbound, maxLength: number): Rendered {
    const name = addresseeOf(out);
    const userId = name === undefined || out.target.kind !== 'room' ? undefined : this.speakers.idOf(out.target.channelId, name);
    return renderTelegram(out, maxLength, name !== undefined && userId !== undefined ? { name, userId } : undefined);
  }

  send(request: SendRequest): Promise<void> {
    return this.outbound.send(request);
  }

  moderate(action: ModerationAction): Promise<void> {
    return this.outbound.moderate(action);
  }

  state(): ChannelState {
    return this.supervisor.state();
  }

  /** Bot API calls so far: failures by kind, deadlines hit, best-effort calls dropped. */
  callStats(): TelegramCallStats {
    return this.calls.stats();
  }

  async stop(): Promise<void> {
    clearInterval(this.refreshTimer);
    await this.supervisor.stop();
  }

  /** One connection: getMe proves the token and names the bot; then polling runs until it fails or we retire it. */
  private async connect(): Promise<void> {
    const bot = new Telegraf(this.token, { telegram: { apiRoot: this.config.apiRoot } });
    this.bot = bot;
    watchPolling(bot, { isCurrent: () => this.bot === bot, failed: (err) => this.pollingFailed(bot, err) });
    bot.use((ctx) => {
      if (this.bot === bot && this.me !== undefined) this.inbound.received(ctx.update, this.me);
    });
    bot.catch((err) => this.log.error({ err }, 'a Telegram update could not be handled'));
    const me = await this.calls.call('getMe', {}, (err) => connectError(err, this.config.tokenEnv, this.token));
    bot.botInfo = me;
    this.me = { id: me.id, username: me.username };
    // launch() settles only when polling ends: after retire() it resolves, on 401/409 it rejects.
    bot.launch({ allowedUpdates: ALLOWED_UPDATES }).then(
      () => this.pollingEnded(bot, 'polling stopped'),
      (err: unknown) => this.pollingEnded(bot, describeTelegramError(err, this.token)),
    );
    void refreshAdmins(this.calls, this.roomIds, this.admins, this.log);
  }

  /** Gives up the current bot; its long-poll is aborted and it never polls again. */
  private retire(): void {
    const bot = this.bot;
    this.bot = undefined;
    try {
      bot?.stop('showcart');
    } catch {
      // "Bot is not running!": polling had not started yet; watchPolling stops it when it does.
    }
  }

  private pollingFailed(bot: Telegraf, err: unknown): void {
    if (this.bot !== bot) return;
    const failure = classifyTelegramError(err, this.token);
    if (failure.kind === 'transient') this.supervisor.dropped(new Error(`Telegram polling failed: ${failure.reason}`));
  }

  private pollingEnded(bot: Telegraf, reason: string): void {
    if (this.bot === bot) this.supervisor.dropped(new Error(`Telegram polling ended: ${reason}`));
  }
}
