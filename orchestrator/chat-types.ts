import type { Role } from '../config/schema/primitives.js';

export type { Role };

/** Every place chat comes from; `memory` is the in-process channel tests drive. */
export type Platform = 'web' | 'telegram' | 'twitch' | 'discord';

export const PLATFORM_LABEL: Record<Platform, string> = {
  web: 'Web',
  telegram: 'Telegram',
  twitch: 'Twitch',
  discord: 'Discord',
};

export interface ChatUser {
  /** The platform's own stable id for the person (not the display name). */
  id: string;
  name: string;
  roles: Role[];
  /** The platform's own role ids (Discord roles), for perks the show file grants by role id. */
  platformRoles?: string[];
}

/** One inbound chat line, normalized: the only shape features ever see from a platform. */
export interface ChatEvent {
  platform: Platform;
  /** The chat/channel/group on that platform. */
  channelId: string;
  messageId: string;
  user: ChatUser;
  text: string;
  receivedAt: number;
  /** A line held for review and approved later: when it was let go (`receivedAt` stays when it was said). */
  releasedAt?: number;
  /** The line was written by our own bot: never relayed, never answered. */
  self?: boolean;
  /** A private message to the bot: commands are answered, nothing is relayed. */
  direct?: boolean;
  /** An answer given in a platform's own poll (Telegram poll_answer): a vote, not a chat line. Options are 0-based; none means retracted. */
  pollAnswer?: { pollKey: string; options: number[] };
  /**
   * Where identities cost nothing (the web chat): an opaque key of the network the line came from,
   * never the address itself. Per-address limits (holds) count by it.
   */
  origin?: string;
  /**
   * Set when the line may be delivered twice (a web edge's command through JetStream, redelivered
   * after a crash before its ack): an order it places is placed once.
   */
  requestKey?: string;
}

/** Highest first: moderation must not wait behind a relay backlog. */
export const PRIORITIES = ['moderation', 'reply', 'alert', 'relay'] as const;
export type Priority = (typeof PRIORITIES)[number];

export interface Room {
  platform: Platform;
  channelId: string;
}

export type Target =
  | ({ kind: 'room' } & Room)
  /** Every room of every channel, except the one a line came from. */
  | { kind: 'broadcast'; except?: Room }
  /** A private message where the platform allows one; the room is where to fall back to. */
  | { kind: 'direct'; platform: Platform; userId: string; channelId: string };

/** A relayed line, kept structured so each platform renders tags, escaping and digests its own way. */
export interface RelayLine {
  platform: Platform;
  author: string;
  text: string;
  /** When the line was said; lines too old to matter are summarized instead of sent late. */
  at: number;
  /** When a line held for review was let go: its age counts from then, not from `at`. */
  releasedAt?: number;
  /** The line's id where it was written: web edges show another edge's viewer line under it, so a delete finds it everywhere. */
  messageId?: string;
}

/** A moderation step in the platform's own terms. */
export type ModerationAction =
  | { kind: 'delete'; channelId: string; messageId: string }
  | { kind: 'timeout'; channelId: string; userId: string; userName: string; seconds: number; reason: string };

/** `more`: relay lines that were dropped (too old, or over the backlog cap) and are shown as "+N more". */
/**
 * A string a viewer controls (a display name, a word they typed), kept apart from our own words so
 * each platform's renderer escapes it where it is interpolated: no markup, link, mention or command
 * of theirs survives inside our texts.
 */
export interface ViewerValue {
  readonly viewer: string;
}

/** Our words (plain strings, markup allowed) and viewer values, in order. */
export type TextSpan = string | ViewerValue;

/** A viewer-controlled value inside a `said` text. */
export const viewer = (value: string): ViewerValue => ({ viewer: value });

/** A text of ours with viewer values in it: `said\`🛍️ ${viewer(name)} just bought …\``. `text` is the plain reading. */
export interface SaidText {
  text: string;
  spans: TextSpan[];
}

export function said(strings: TemplateStringsArray, ...values: Array<string | number | ViewerValue>): SaidText {
  const spans: TextSpan[] = [];
  // Our own words next to each other are one span, so only viewer values stand apart.
  const own = (text: string) => {
    const last = spans.length - 1;
    if (typeof spans[last] === 'string') spans[last] += text;
    else if (text) spans.push(text);
  };
  strings.forEach((s, i) => {
    own(s);
    if (i < values.length) {
      const v = values[i]!;
      if (typeof v === 'object') spans.push(v);
      else own(String(v));
    }
  });
  return { text: spans.map((s) => (typeof s === 'string' ? s : s.viewer)).join(''), spans };
}

/** A text for the chats: plain, or said with viewer values marked. */
export type Words = string | SaidText;

/** The text body of `words`. */
export function textBody(words: Words): Extract<OutboundBody, { kind: 'text' }> {
  return typeof words === 'string' ? { kind: 'text', text: words } : { kind: 'text', text: words.text, spans: words.spans };
}

export type OutboundBody =
  /** `spans`, when present, is `text` with its viewer values marked; renderers escape those. */
  | { kind: 'text'; text: string; spans?: readonly TextSpan[] }
  | { kind: 'relay'; lines: RelayLine[]; more?: number }
  /** One short text said to several people at once (answers to a burst merged), each named the platform's way. */
  | { kind: 'notice'; text: string; spans?: readonly TextSpan[]; people: Addressee[] }
  /** Goes through the outbox too: on Twitch and Discord it costs the same rate budget as a message. */
  | { kind: 'moderation'; action: ModerationAction };

/** A button under a message; pressing it sends `command` as if the viewer had typed it. */
export interface OutboundButton {
  label: string;
  command: string;
  /**
   * Pressing it opens the viewer's private chat with the bot, where the command runs (a Telegram
   * `t.me/<bot>?start=` link): the answer reaches a viewer the bot could not write to first.
   */
  privately?: boolean;
}

/** One person a notice speaks to. */
export interface Addressee {
  userId: string;
  userName: string;
  /** Their line the notice answers, where the platform threads or finds names by it. */
  messageId?: string;
  /** What is theirs alone, after their name ("#3" on a waitlist). */
  detail?: string;
  /** Their own page (a cart link), shown beside their name where the platform has no private messages (Twitch). */
  link?: OutboundLink;
}

/**
 * The short form of a personal answer, for when many wait for the same room: answers with the same
 * `key` (same words) go out as one notice naming everyone ("@a @b @c: you're in"). A lone answer is
 * sent in full as before; nothing is merged unless the room's limits make people wait.
 */
export interface MergeForm {
  key: string;
  text: string;
  spans?: readonly TextSpan[];
  detail?: string;
  buttons?: OutboundButton[];
}

/**
 * A link the message is about (a checkout page): a button on Telegram and Discord, a real link on
 * the web page, the address on the same line where a platform has neither (Twitch). The text never
 * repeats the address.
 */
export interface OutboundLink {
  label: string;
  url: string;
}

/** A poll a platform can show natively (Telegram); elsewhere the text and buttons stand in for it. */
export interface NativePoll {
  /** Our poll's key, so answers to the native poll find their way back. */
  key: string;
  question: string;
  options: string[];
}

/** One outbound message, before the platform renders it. */
export interface Outbound {
  priority: Priority;
  target: Target;
  body: OutboundBody;
  /** Whom this answers (named where the platform mentions), and the message when there is one to thread under. */
  replyTo?: { messageId?: string; userName: string; userId?: string };
  /** How this answer reads merged with others of the same key while they wait for a busy room. */
  merge?: MergeForm;
  buttons?: OutboundButton[];
  link?: OutboundLink;
  /** Private and never to be posted publicly as a fallback (one-time codes). */
  secret?: boolean;
  /** Opens this poll natively where the platform can; the text is the fallback elsewhere. */
  poll?: NativePoll;
  /** The poll with this key has closed: platforms showing it natively close it before sending the text. */
  closesPoll?: string;
  /** Who wrote it when a person did (the seller, from the dashboard), not a feature: the dashboard and log say so. */
  by?: string;
}
