import type { Logger } from 'pino';
import { DirectRefused, RateLimitError, PermanentSendError, type Channel } from '../channel.js';
import type { Outbound, Platform, Room } from '../chat-types.js';
import { emptyStats, type DropReason, type OutboxStats, type PlatformStats } from './outbox-stats.js';
import { linesOf, RoomQueue, type QueuedItem } from './room-queue.js';
import { SlidingWindow } from '../shared/sliding-window.js';
import { ModerationLane } from './moderation-lane.js';
import { relayPaceMs } from './relay-pace.js';
import { sendRequestFor, standInsFor } from './send-request.js';

/** Relay lines may use this share of each window; the rest stays free for replies, alerts and moderation. */
const RELAY_SHARE = 0.75;
const NOT_CONNECTED_RECHECK_MS = 500;
const MAX_ATTEMPTS = { moderation: 8, reply: 8, alert: 5, relay: 3 } as const;

interface PlatformEntry {
  channel: Channel;
  window: SlidingWindow;
  pausedUntil: number;
  stats: PlatformStats;
  /** Deletes and timeouts, apart from the rooms' messages. */
  lane: ModerationLane;
}

interface RoomEntry {
  platform: Platform;
  channelId: string;
  userId?: string;
  queue: RoomQueue;
  window: SlidingWindow;
  pausedUntil: number;
  inFlight: boolean;
  /** When its last relay digest went, and the gap its limits sustain between two (see relay-pace.ts). */
  lastRelayAt: number;
  relayPaceMs: number;
  timer?: NodeJS.Timeout;
  timerAt?: number;
}

export interface OutboxOptions {
  log: Logger;
  /** Relay lines waiting per room before the oldest are dropped (and counted). */
  maxRelayLines?: number;
  /** A relay line older than this is no longer worth sending; it is counted and shown as "+N more". */
  maxRelayAgeMs?: number;
  random?: () => number;
  /** Hears every message as it is queued (moderation steps aside), once however many rooms it goes to. */
  onQueued?: (out: Outbound) => void;
}

/**
 * Every message leaves through here: per-room and per-bot sliding windows with the platform's
 * limits, priorities (moderation > reply > alert > relay), relay digests, retries with backoff,
 * and `retry_after` from the platform obeyed.
 */
export class Outbox {
  private readonly platforms = new Map<Platform, PlatformEntry>();
  private readonly rooms = new Map<string, RoomEntry>();
  /** The same rooms by platform, then channel id (and "\0" + user id for a direct conversation): found without building a key. */
  private readonly roomsByPlatform = new Map<Platform, Map<string, RoomEntry>>();
  private readonly idleWaiters = new Set<() => void>();
  private readonly random: () => number;

  constructor(private readonly options: OutboxOptions) {
    this.random = options.random ?? Math.random;
  }

  register(channel: Channel): void {
    const window = new SlidingWindow(channel.limits.perBot);
    const stats = emptyStats();
    const lane = new ModerationLane(channel, window, stats, this.options.log, () => this.notifyIfIdle(), this.random);
    this.platforms.set(channel.platform, { channel, window, pausedUntil: 0, stats, lane });
  }

  /**
   * This process's part of a platform's per-bot limits, when other processes send with the same
   * bot token (TokenShares): 1/k of the limit each, so k shows on one token never exceed it.
   */
  setBotShare(platform: Platform, share: number): void {
    const entry = this.platforms.get(platform);
    if (entry) entry.window.scale = Math.min(1, Math.max(0, share));
  }

  canDirectMessage(platform: Platform): boolean {
    return this.platforms.get(platform)?.channel.canDirectMessage ?? false;
  }

  /** Every room of every registered channel. */
  allRooms(): Room[] {
    const rooms: Room[] = [];
    for (const { channel } of this.platforms.values()) for (const channelId of channel.rooms()) rooms.push({ platform: channel.platform, channelId });
    return rooms;
  }

  enqueue(out: Outbound): void {
    if (out.body.kind === 'moderation') {
      // Its own lane: a failing delete or timeout never holds up the room's replies and relay.
      if (out.target.kind !== 'broadcast') this.platforms.get(out.target.platform)?.lane.push(out.body.action);
      return;
    }
    this.options.onQueued?.(out);
    for (const route of this.routes(out)) {
      const entry = this.platforms.get(route.platform);
      if (!entry) continue;
      const room = this.room(route, entry.channel);
      const overflow = room.queue.push(out);
      if (overflow > 0) this.drop(entry, 'overflow', overflow);
      // A relay line never goes before what already waits for the room's timer (all of it ranks
      // at least as high), so a storm of them does not recompute the windows for each line.
      if (out.priority === 'relay' && room.timer !== undefined) continue;
      this.pump(room);
    }
  }

  stats(): OutboxStats {
    const out: OutboxStats = {};
    for (const [platform, entry] of this.platforms) {
      let queued = 0;
      for (const room of this.rooms.values()) if (room.platform === platform) queued += room.queue.size;
      queued += entry.lane.size;
      out[platform] = { ...entry.stats, dropped: { ...entry.stats.dropped }, queued };
    }
    return out;
  }

  /** Resolves once everything queued so far has been sent or dropped (tests and `app.idle()` wait on it). */
  drained(): Promise<void> {
    if (this.idle()) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.idleWaiters.delete(done);
        resolve();
      };
      this.idleWaiters.add(done);
    });
  }

  /** Nothing queued and nothing being sent. */
  get isIdle(): boolean {
    return this.idle();
  }

  /** Waits until everything queued has been sent, or the time is up; what is left is dropped and counted. */
  async flush(timeoutMs: number): Promise<number> {
    if (!this.idle()) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, timeoutMs);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.idleWaiters.add(done);
      });
    }
    let left = 0;
    for (const room of this.rooms.values()) left += this.discard(room, this.platforms.get(room.platform)!, 'shutdown');
    for (const entry of this.platforms.values()) left += entry.lane.discard();
    this.idleWaiters.clear();
    return left;
  }

  private routes(out: Outbound): Array<Room & { userId?: string }> {
    const t = out.target;
    if (t.kind === 'room') return [{ platform: t.platform, channelId: t.channelId }];
    if (t.kind === 'direct') {
      return this.canDirectMessage(t.platform)
        ? [{ platform: t.platform, channelId: t.channelId, userId: t.userId }]
        : [{ platform: t.platform, channelId: t.channelId }];
    }
    const except = t.except;
    const rooms: Room[] = [];
    for (const { channel } of this.platforms.values()) {
      for (const channelId of channel.rooms()) {
        if (except && channel.platform === except.platform && channelId === except.channelId) continue;
        rooms.push({ platform: channel.platform, channelId });
      }
    }
    return rooms;
  }

  private room(route: Room & { userId?: string }, channel: Channel): RoomEntry {
    let byChannel = this.roomsByPlatform.get(route.platform);
    if (!byChannel) this.roomsByPlatform.set(route.platform, (byChannel = new Map<string, RoomEntry>()));
    // A private conversation is one room per person, whichever room they wrote from: one window for it.
    const channelKey = route.userId === undefined ? route.channelId : `\u0000${route.userId}`;
    let room = byChannel.get(channelKey);
    if (!room) {
      const key = `${route.platform}\u0000${channelKey}`;
      room = {
        ...route,
        queue: new RoomQueue(this.options.maxRelayLines ?? 300, this.options.maxRelayAgeMs ?? 30_000),
        window: new SlidingWindow(channel.limits.perRoom),
        pausedUntil: 0,
        inFlight: false,
        lastRelayAt: 0,
        relayPaceMs: relayPaceMs(channel.limits, RELAY_SHARE),
      };
      this.rooms.set(key, room);
      byChannel.set(channelKey, room);
    }
    return room;
  }

  private pump(room: RoomEntry): void {
    if (room.inFlight) return;
    const priority = room.queue.peekPriority();
    if (!priority) return this.notifyIfIdle();
    const entry = this.platforms.get(room.platform)!;
    const now = Date.now();
    const state = entry.channel.state().state;
    // A disabled channel (token rejected, intent missing) will not come back without a restart.
    if (state === 'disabled') {
      this.discard(room, entry, 'disabled');
      return;
    }
    if (state !== 'connected') return this.schedule(room, now + NOT_CONNECTED_RECHECK_MS);
    const share = priority === 'relay' ? RELAY_SHARE : 1;
    const paced = priority === 'relay' ? room.lastRelayAt + room.relayPaceMs : 0;
    const at = Math.max(paced, room.pausedUntil, entry.pausedUntil, room.window.nextAllowed(now, share), entry.window.nextAllowed(now, share));
    if (at > now) return this.schedule(room, at);

    const { item, stale } = room.queue.take(now)!;
    if (stale > 0) this.drop(entry, 'stale', stale);
    const body = item.out.body;
    const parts = body.kind === 'moderation' ? [''] : (item.parts ?? this.renderInto(room, entry, item));
    item.parts = parts;
    const text = parts[0];
    if (text === undefined) return this.pump(room);
    room.window.record(now);
    entry.window.record(now);
    if (item.out.priority === 'relay') room.lastRelayAt = now;
    room.inFlight = true;
    const request = sendRequestFor(item, room, text, parts.length);
    const call = body.kind === 'moderation' ? entry.channel.moderate(body.action) : entry.channel.send(request);
    call.then(
      () => this.sent(room, entry, item),
      (err: unknown) => this.failed(room, entry, item, err),
    );
  }

  /** Renders a message; relay lines that do not fit go back to the front of the queue for the next send. */
  private renderInto(room: RoomEntry, entry: PlatformEntry, item: QueuedItem): string[] {
    const rendered = entry.channel.render(item.out, entry.channel.limits.maxLength);
    const body = item.out.body;
    if (body.kind === 'notice') {
      const included = body.people.length - rendered.omitted;
      entry.stats.mergedAnswers += included;
      if (rendered.omitted > 0) {
        // Everyone not named in this one goes first next time, still open to more of the same answer.
        room.queue.unshift({ out: { ...item.out, body: { ...body, people: body.people.slice(included) } }, attempts: 0 });
        item.out = { ...item.out, body: { ...body, people: body.people.slice(0, included) } };
      }
      return rendered.parts;
    }
    if (body.kind !== 'relay') return rendered.parts;
    const included = body.lines.length - rendered.omitted;
    if (included > 1) entry.stats.coalesced += included;
    if (rendered.omitted > 0) {
      const rest = body.lines.slice(included);
      item.out = { ...item.out, body: { ...body, lines: body.lines.slice(0, included) } };
      room.queue.unshift({ out: { ...item.out, body: { kind: 'relay', lines: rest } }, attempts: 0 });
    }
    return rendered.parts;
  }

  private sent(room: RoomEntry, entry: PlatformEntry, item: QueuedItem): void {
    room.inFlight = false;
    entry.stats.sent++;
    item.parts!.shift();
    // The rest of a message already begun is sent as it is, never merged into a notice.
    if (item.parts!.length > 0) room.queue.unshift({ ...item, out: withoutMerge(item.out), attempts: 0 });
    this.pump(room);
  }

  private failed(room: RoomEntry, entry: PlatformEntry, item: QueuedItem, err: unknown): void {
    room.inFlight = false;
    const now = Date.now();
    const where = { platform: room.platform, channelId: room.channelId };
    if (err instanceof RateLimitError) {
      entry.stats.rateLimited++;
      if (err.scope === 'bot') entry.pausedUntil = Math.max(entry.pausedUntil, now + err.retryAfterMs);
      else room.pausedUntil = Math.max(room.pausedUntil, now + err.retryAfterMs);
      this.options.log.warn({ ...where, retryAfterMs: err.retryAfterMs }, 'platform asked us to slow down');
      room.queue.unshift(item);
    } else if (err instanceof DirectRefused) {
      // What goes to the room instead waits for the room's own window, like everything else said there.
      entry.stats.redirected++;
      const standIns = standInsFor(item.out, err.requests, room.platform);
      err.requests.forEach((request, i) => {
        const fallbackRoom = this.room({ platform: room.platform, channelId: request.channelId }, entry.channel);
        fallbackRoom.queue.push(standIns[i]!, request);
        this.pump(fallbackRoom);
      });
    } else if (err instanceof PermanentSendError || item.attempts + 1 >= MAX_ATTEMPTS[item.out.priority]) {
      this.options.log.error({ ...where, err }, 'message could not be sent and is dropped');
      this.drop(entry, 'failed', Math.max(1, linesOf(item).length));
    } else {
      entry.stats.retries++;
      const attempts = item.attempts + 1;
      const backoff = Math.min(1000 * 2 ** (attempts - 1), 60_000) * (0.5 + this.random());
      room.pausedUntil = now + backoff;
      this.options.log.warn({ ...where, err, attempts, backoffMs: Math.round(backoff) }, 'send failed, will retry');
      room.queue.unshift({ ...item, attempts });
    }
    this.pump(room);
  }

  private discard(room: RoomEntry, entry: PlatformEntry, reason: DropReason): number {
    clearTimeout(room.timer);
    room.timer = undefined;
    room.timerAt = undefined;
    let count = 0;
    for (const item of room.queue.drain()) count += Math.max(1, linesOf(item).length);
    if (count > 0) this.drop(entry, reason, count);
    this.notifyIfIdle();
    return count;
  }

  private drop(entry: PlatformEntry, reason: DropReason, count: number): void {
    entry.stats.dropped[reason] += count;
  }

  private schedule(room: RoomEntry, at: number): void {
    if (room.timer && room.timerAt !== undefined && room.timerAt <= at) return;
    clearTimeout(room.timer);
    room.timerAt = at;
    room.timer = setTimeout(
      () => {
        room.timer = undefined;
        room.timerAt = undefined;
        this.pump(room);
      },
      Math.max(0, at - Date.now()),
    );
  }

  private idle(): boolean {
    for (const room of this.rooms.values()) if (room.inFlight || room.queue.size > 0) return false;
    for (const entry of this.platforms.values()) if (!entry.lane.idle) return false;
    return true;
  }

  private notifyIfIdle(): void {
    if (this.idleWaiters.size === 0 || !this.idle()) return;
    for (const done of [...this.idleWaiters]) done();
  }
}

function withoutMerge(out: Outbound): Outbound {
  const { merge: _merge, ...rest } = out;
  return rest;
}
