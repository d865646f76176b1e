import type { ChatEvent, ModerationAction, NativePoll, Outbound, OutboundButton, OutboundLink, Platform, Priority } from './chat-types.js';
import type { PaymentDesk } from './payment-desk.js';
import type { RateWindow } from './shared/sliding-window.js';

export type { RateWindow } from './shared/sliding-window.js';
export * from './payment-desk.js';

/** A platform the show file names that is not running, and why (no token, switched off). */
export interface SkippedChannel {
  platform: Platform;
  reason: string;
}

/** The platform's published limits; the outbox enforces them so the platform never has to. */
export interface ChannelLimits {
  /** Per room (chat, channel, DM). */
  perRoom: RateWindow[];
  /** For the whole bot on this platform. */
  perBot: RateWindow[];
  maxLength: number;
}

export type ChannelState =
  | { state: 'connecting' }
  /** `warning`: connected, but something the seller should fix (a Twitch bot that is not a moderator in its channel). */
  | { state: 'connected'; since: number; warning?: string }
  | { state: 'retrying'; nextAttemptAt: number; attempts: number; lastError: string }
  | { state: 'disabled'; reason: string }
  | { state: 'stopped' };

/** A message ready for the wire: already rendered for this platform. */
export interface SendRequest {
  channelId: string;
  /** Set for a private message to this user. */
  userId?: string;
  /**
   * The name of the person a private message is for, as stored with the message (the buyer's): what a
   * room fallback calls them when the platform no longer knows the name (after a restart).
   */
  userName?: string;
  text: string;
  priority: Priority;
  replyToMessageId?: string;
  /** The people a merged notice names (their user ids): notified where a platform pings only whom it is told to (Discord). */
  mentions?: string[];
  buttons?: OutboundButton[];
  /** Rendered by the channel its own way (see `OutboundLink`); on the last part of a split message. */
  link?: OutboundLink;
  /** Never to be shown publicly (a one-time link code): if the private message fails, only a hint goes to the room. */
  secret?: boolean;
  /** A channel with native polls sends this poll instead of `text`; others send `text` (and buttons). */
  poll?: NativePoll;
  /** Close the native poll with this key (if this channel opened one here) before sending `text`. */
  closesPoll?: string;
}

export interface Rendered {
  parts: string[];
  /** Relay lines from the end that did not fit; the outbox sends them with the next message. */
  omitted: number;
}

/** Raised by `send` when the platform said "too many requests"; the outbox waits that long. */
export class RateLimitError extends Error {
  constructor(
    readonly retryAfterMs: number,
    /** 'bot' pauses every room of the platform, 'room' only this one. */
    readonly scope: 'bot' | 'room' = 'room',
  ) {
    super(`rate limited, retry after ${retryAfterMs} ms`);
    this.name = 'RateLimitError';
  }
}

/**
 * Raised by `send` when the platform refused a private message (the viewer never opened a chat
 * with the bot): `requests` is what the room gets instead (a mention and the text, or for a secret
 * only a hint), which the outbox sends through the room's window like any other message.
 */
export class DirectRefused extends Error {
  override name = 'DirectRefused';
  constructor(readonly requests: SendRequest[]) {
    super('the platform refused the private message');
  }
}

/** Raised by `send` when retrying can never help (unknown chat, no permission). */
export class PermanentSendError extends Error {
  override name = 'PermanentSendError';
}

/**
 * Where an adapter hands each inbound line. The promise resolves once the line has been handled
 * (replies queued, order placed); it never rejects, so an adapter may drop it, and a test awaits it.
 */
export type Ingest = (event: ChatEvent) => Promise<void>;

/**
 * One platform adapter. It knows its library and the platform's quirks, nothing about commerce:
 * connect, report what people say, send what it is given, disconnect.
 */
export interface Channel {
  readonly platform: Platform;
  readonly limits: ChannelLimits;
  /** Connects and starts delivering inbound lines; resolves once it can send (or keeps retrying on its own). */
  start(onEvent: Ingest): Promise<void>;
  /** The rooms this channel serves; broadcasts go to each. */
  rooms(): string[];
  /** Turns a text or relay message into what `send` takes: markup, escaping, origin tags, digests, split to length. */
  render(out: Outbound, maxLength: number): Rendered;
  send(request: SendRequest): Promise<void>;
  /** Deletes a message or times a user out; throws RateLimitError / PermanentSendError like `send`. */
  moderate(action: ModerationAction): Promise<void>;
  state(): ChannelState;
  /**
   * Stops taking lines that are acknowledged to their sender once handled (JetStream), before the
   * show stops handling chat: what was not taken stays with the sender for the next start.
   */
  stopIntake?(): Promise<void>;
  stop(): Promise<void>;
  /** Whether private messages reach users here; otherwise direct replies go to the room. */
  readonly canDirectMessage: boolean;
  /** Live viewers per room, where the platform reports them (Twitch); rooms not live are absent. */
  audience?(): Promise<Map<string, number>>;
  /** Invoices paid inside the platform's own chat (Telegram Bot Payments), where it has them. */
  readonly payments?: PaymentDesk;
}
