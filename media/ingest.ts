import Context from 'node-media-server/src/core/context.js';
import type BaseSession from 'node-media-server/src/session/base_session.js';
import type RtmpSession from 'node-media-server/src/session/rtmp_session.js';
import type { Logger } from '../orchestrator/shared/log.js';
import type { GuessLimiter } from './guess-limiter.js';
import { decidePublish, type PublishDecision } from './ingest-gate.js';
import type { PublicFeed } from './public-feed.js';
import { RateMeter } from './rates.js';
import type { IngestStatus, MediaEvent } from './types.js';
import { VideoCadence } from './video-cadence.js';

/** FLV tag type of video, and node-media-server's packet flags for a keyframe and any other frame. */
const VIDEO = 9;
const KEYFRAME = 3;
const INTER_FRAME = 4;

/** The publisher's side of the status; whether the show is live is not known here. */
export type ChildIngestStatus = Pick<IngestStatus, 'publisher' | 'bitrateKbps' | 'fps' | 'keyframeIntervalMs' | 'video' | 'audio'>;

/** What the ingest gatekeeper works with; `key` is undefined when none is set. */
export interface IngestOptions {
  app: string;
  key: string | undefined;
  keyEnv: string;
  feed: PublicFeed;
  guesses: GuessLimiter;
  log: Logger;
  /** media.ingest "refused" events. */
  onEvent: (e: MediaEvent) => void;
  /** A publisher was accepted / its connection is gone: the show's state is decided by whoever listens. */
  onPublish: (from: string, at: number) => void;
  onDrop: (from: string, at: number) => void;
  /** An address was locked out for guessing keys, until then. */
  onLockout: (address: string, until: number) => void;
  publisherIdleMs: number;
  tickMs: number;
}

/**
 * The RTMP ingest's gatekeeper on node-media-server's events. The library cannot refuse a publish
 * from `prePublish`, so a refused session is closed there and its `postPublish` ignored; an
 * accepted one has its packets copied into the public feed, and its socket closing (not the
 * library's `donePublish`, which comes ~30 s late) is what starts the reconnect grace.
 * Wrong keys are counted per address; past the limit the address is locked out.
 */
export class Ingest {
  private readonly decisions = new Map<string, boolean>();
  private current: RtmpSession | null = null;
  private lastPacketAt = 0;
  private readonly rate: RateMeter;
  private readonly cadence = new VideoCadence();
  private readonly timer: NodeJS.Timeout;
  private readonly handlers: Array<[string, (s: BaseSession) => void]>;

  constructor(private readonly o: IngestOptions) {
    this.rate = new RateMeter(3 * o.tickMs);
    this.handlers = [
      ['prePublish', (s) => this.prePublish(s)],
      ['postPublish', (s) => this.postPublish(s)],
      ['prePlay', (s) => this.prePlay(s)],
    ];
    for (const [event, handler] of this.handlers) Context.eventEmitter.on(event, handler);
    this.timer = setInterval(() => this.tick(), o.tickMs);
  }

  /** The publisher's side of the status. */
  status(): ChildIngestStatus {
    // without a publisher the last figures would describe a stream that is gone
    const cadence = this.current ? this.cadence.reading() : { fps: null, keyframeIntervalMs: null };
    return { publisher: this.current?.ip ?? null, bitrateKbps: this.rate.kbps, ...cadence, ...this.o.feed.media() };
  }

  /** Whether the publisher sent anything in the last sampling period (targets are only judged then). */
  get moving(): boolean {
    return this.current !== null && Date.now() - this.lastPacketAt < this.o.tickMs * 1.5;
  }

  close(): void {
    clearInterval(this.timer);
    for (const [event, handler] of this.handlers) Context.eventEmitter.off(event, handler);
  }

  private prePublish(session: BaseSession): void {
    const { o } = this;
    const address = (session as Partial<RtmpSession>).socket?.remoteAddress ?? session.ip;
    const request = { protocol: session.protocol, app: session.streamApp, name: session.streamName };
    const decision: PublishDecision = o.guesses.locked(address)
      ? { accept: false, reason: 'too many wrong stream keys from this address: try again later' }
      : decidePublish(request, { key: o.key, keyEnv: o.keyEnv, app: o.app, show: this.current ? 'live' : 'offline' });
    this.decisions.set(session.id, decision.accept);
    if (decision.accept) return;
    o.log.warn({ from: session.ip, protocol: session.protocol }, `publish refused: ${decision.reason}`);
    o.onEvent({ type: 'media.ingest', at: Date.now(), action: 'refused', from: session.ip, reason: decision.reason });
    const until = decision.guess ? o.guesses.miss(address) : null;
    if (until !== null) {
      const minutes = Math.round(o.guesses.lockMs / 60_000);
      o.log.warn({ from: address }, `stream key guessing: too many wrong keys from ${address}; it is refused for ${minutes} minutes`);
      o.onLockout(address, until);
    }
    const broadcast = (session as RtmpSession).broadcast;
    // A stranger's path has nobody to wait for: let the library drop it at once, not after its 30 s grace.
    if (broadcast && broadcast.publisher === null && broadcast.streamPath !== o.feed.path) broadcast.publishGraceMs = 0;
    silence(session);
  }

  /** Fires for refused sessions too (the library goes on after prePublish): only accepted ones count. */
  private postPublish(session: BaseSession): void {
    const accepted = this.decisions.get(session.id);
    this.decisions.delete(session.id);
    if (accepted !== true) return;
    const { o } = this;
    const rtmp = session as RtmpSession;
    const now = Date.now();
    this.current = rtmp;
    this.lastPacketAt = now;
    o.feed.beginPublish();
    this.cadence.reset();
    rtmp.rtmp.onPacketCallback = (packet) => {
      this.lastPacketAt = Date.now();
      // measured on the publisher's own timestamps, before the feed shifts them onto the show's timeline
      if (packet.codec_type === VIDEO && (packet.flags === KEYFRAME || packet.flags === INTER_FRAME)) {
        this.cadence.frame(packet.dts, packet.flags === KEYFRAME);
      }
      o.feed.push(packet);
    };
    rtmp.socket.once('close', () => this.dropped(rtmp));
    o.onPublish(session.ip, now);
  }

  private dropped(session: RtmpSession): void {
    if (this.current !== session) return;
    this.current = null;
    this.o.onDrop(session.ip, Date.now());
  }

  /** Viewers play the public path only; the path OBS publishes to is named by the key. */
  private prePlay(session: BaseSession): void {
    if (session.streamPath === this.o.feed.path) return;
    this.o.log.debug({ from: session.ip }, 'play refused: not the public stream');
    silence(session);
  }

  private tick(): void {
    const now = Date.now();
    this.rate.sample(now, this.o.feed.bytesIn);
    const current = this.current;
    // A half-open connection never closes by itself; OBS's retries would be refused as a second publisher meanwhile.
    if (current && now - this.lastPacketAt > this.o.publisherIdleMs) {
      this.o.log.warn({ from: current.ip }, `OBS sent nothing for ${Math.round(this.o.publisherIdleMs / 1000)} s: dropping its connection`);
      current.socket.destroy();
    }
  }
}

/**
 * Refuses a session for good. The library's close() is socket.end(): the socket keeps being read
 * and parsed, and a refused publisher's packets still reach the broadcast of the path it named
 * (ours, if it named the public one). Its packets are dropped from here on, even those later in
 * the buffer being parsed right now, and the socket is destroyed.
 */
function silence(session: BaseSession): void {
  const rtmp = session as Partial<RtmpSession>;
  if (rtmp.rtmp && rtmp.socket) {
    rtmp.rtmp.onPacketCallback = () => undefined;
    rtmp.socket.destroy();
  } else session.close();
}
