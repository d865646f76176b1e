import BaseSession from 'node-media-server/src/session/base_session.js';
import BroadcastServer from 'node-media-server/src/server/broadcast_server.js';
import Context from 'node-media-server/src/core/context.js';
import type AVPacket from 'node-media-server/src/core/avpacket.js';
import type { IngestStatus } from './types.js';

const FRAME_FLAGS = new Set([1, 3, 4]);

/**
 * The stream everyone else reads: the viewer page (HTTP-FLV), the restreams and HLS. OBS publishes
 * to /live/<stream key>; playing that path would put the key in every viewer's URL, so the
 * accepted publisher's packets are copied into a broadcast at /live/<public name> instead.
 *
 * The broadcast outlives OBS reconnects: a publisher that comes back (from any address, after any
 * gap within the grace) continues its timeline, so the restreams never see time go backwards.
 * A stand-in publisher holds the path, so nobody else can publish to it.
 */
export class PublicFeed {
  readonly path: string;
  private broadcast: BroadcastServer;
  private readonly lastDts = new Map<number, number>();
  private readonly lastStep = new Map<number, number>();
  private readonly offset = new Map<number, number>();
  /** Codecs whose next frame starts a new publisher session and sets that codec's offset. */
  private readonly rebase = new Set<number>();
  private bytes = 0;

  constructor(
    app: string,
    readonly name: string,
  ) {
    this.path = `/${app}/${name}`;
    this.broadcast = this.fresh();
  }

  /** Bytes received from publishers since start: the ingest's activity, for bitrate and stall checks. */
  get bytesIn(): number {
    return this.bytes;
  }

  /** A new publisher session starts: its timestamps restart (near 0, usually), ours go on from where they were. */
  beginPublish(): void {
    for (const codec of this.lastDts.keys()) this.rebase.add(codec);
  }

  push(packet: AVPacket): void {
    this.bytes += packet.size;
    if (FRAME_FLAGS.has(packet.flags)) this.continueTimeline(packet);
    this.broadcast.broadcastMessage(packet);
  }

  private continueTimeline(packet: AVPacket): void {
    const codec = packet.codec_type;
    const last = this.lastDts.get(codec);
    if (last !== undefined && this.rebase.delete(codec)) {
      // one frame after the last one sent, as if the publisher had never left
      this.offset.set(codec, last + (this.lastStep.get(codec) ?? 1) - packet.dts);
    }
    const shift = this.offset.get(codec) ?? 0;
    packet.dts += shift;
    packet.pts += shift;
    if (last !== undefined && packet.dts > last) this.lastStep.set(codec, packet.dts - last);
    this.lastDts.set(codec, packet.dts);
  }

  /** An internal reader (ffmpeg's stdin, the in-process push): gets the cached headers and GOP first. */
  subscribe(session: BaseSession): void {
    this.broadcast.postPlay(session);
  }

  unsubscribe(session: BaseSession): void {
    this.broadcast.subscribers.delete(session.id);
  }

  /** The show ended: viewers are let go (their page polls for the next show) and the next show starts clean. */
  reset(): void {
    const old = this.broadcast;
    for (const s of old.subscribers.values()) if (s.ip !== '') s.close();
    old.subscribers.clear();
    this.lastDts.clear();
    this.lastStep.clear();
    this.offset.clear();
    this.rebase.clear();
    this.broadcast = this.fresh();
  }

  /** What the publisher's metadata says about the stream. */
  media(): Pick<IngestStatus, 'video' | 'audio'> {
    const p = this.broadcast.publisher!;
    return {
      video: p.videoCodec ? { codec: p.videoCodec, width: p.videoWidth, height: p.videoHeight, fps: p.videoFramerate } : null,
      audio: p.audioCodec ? { codec: p.audioCodec, sampleRate: p.audioSamplerate, channels: p.audioChannels } : null,
    };
  }

  close(): void {
    this.reset();
    if (Context.broadcasts.get(this.path) === this.broadcast) Context.broadcasts.delete(this.path);
  }

  private fresh(): BroadcastServer {
    const broadcast = new BroadcastServer(this.path);
    const standIn = new BaseSession();
    standIn.ip = '';
    standIn.protocol = 'showcart';
    standIn.isPublisher = true;
    standIn.streamPath = this.path;
    broadcast.publisher = standIn;
    Context.broadcasts.set(this.path, broadcast);
    return broadcast;
  }
}
