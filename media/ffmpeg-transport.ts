import { spawn } from 'node:child_process';
import type { Writable } from 'node:stream';
import BaseSession from 'node-media-server/src/session/base_session.js';
import { MAX_QUEUED_BYTES, settleOnce, type Attempt } from './attempt.js';
import { parseProgress } from './ffmpeg-args.js';
import { scrubLibraryLine } from './mask.js';
import type { PublicFeed } from './public-feed.js';

/** How long ffmpeg gets to finish cleanly after its input ends before it is killed. */
const EXIT_GRACE_MS = 1500;

/** An internal FLV reader of the public feed that writes into ffmpeg's stdin. */
class StdinSession extends BaseSession {
  constructor(
    feed: PublicFeed,
    private readonly stdin: Writable,
  ) {
    super();
    this.protocol = 'flv';
    this.streamPath = feed.path;
    this.sendBuffer = (buffer: Buffer) => {
      if (this.stdin.destroyed || this.stdin.writableEnded || this.stdin.writableLength > MAX_QUEUED_BYTES) return;
      this.outBytes += buffer.length;
      this.stdin.write(buffer);
    };
  }
}

/** The ffmpeg binary, its arguments, and the feed it reads. */
export interface FfmpegAttemptOptions {
  ffmpegPath: string;
  args: string[];
  feed: PublicFeed;
  /** What bytesOut() counts: muxed bytes (one output stream), or ms of media written (HLS, where ffmpeg reports no size). */
  measure?: 'bytes' | 'mediaMs';
}

/**
 * One ffmpeg child reading the public feed on stdin. Reading stdin (not RTMP from our own
 * server) keeps the ingest key off its command line, and if showcart dies, ffmpeg sees its input
 * end and exits by itself: no orphans.
 */
export function startFfmpeg(o: FfmpegAttemptOptions): Attempt {
  const child = spawn(o.ffmpegPath, o.args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const session = new StdinSession(o.feed, child.stdin);
  const end = settleOnce<string>();
  const errors: string[] = [];
  let bytes = 0;
  let pending = '';

  child.stdin.on('error', () => undefined); // EPIPE once ffmpeg has exited; the exit says why
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const text = pending + chunk;
    const cut = text.lastIndexOf('\n') + 1;
    pending = text.slice(cut);
    const progress = parseProgress(text.slice(0, cut));
    bytes = (o.measure === 'mediaMs' ? progress.mediaMs : progress.bytes) ?? bytes;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    for (const line of chunk.split('\n')) if (line.trim()) errors.push(scrubLibraryLine(line.trim(), ''));
    errors.splice(0, errors.length - 3);
  });
  child.once('error', (err) => end.settle(`cannot run ffmpeg (${o.ffmpegPath}): ${err.message}`));
  child.once('exit', (code, signal) => {
    o.feed.unsubscribe(session);
    end.settle(errors.join(' · ') || (signal ? `ffmpeg was killed (${signal})` : `ffmpeg exited with code ${code}`));
  });
  if (child.pid !== undefined) o.feed.subscribe(session);

  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return resolve();
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  return {
    pid: child.pid,
    ended: end.promise,
    bytesOut: () => bytes,
    stop: async (now = false) => {
      o.feed.unsubscribe(session);
      child.stdin.end();
      const kill = setTimeout(() => child.kill('SIGKILL'), now ? 0 : EXIT_GRACE_MS);
      await exited;
      clearTimeout(kill);
      end.settle('stopped');
    },
  };
}
