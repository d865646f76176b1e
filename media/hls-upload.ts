import { watch, type FSWatcher } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Backoff } from '../orchestrator/shared/backoff.js';
import type { Logger } from '../orchestrator/shared/log.js';
import { hlsHeaders } from './hls-files.js';
import { planDeletes, planUploads } from './hls-sync.js';
import { storeError, type ObjectStore } from './s3-store.js';
import type { HlsS3Status } from './types.js';

const PLAYLIST = 'index.m3u8';
/** One request that takes longer than this counts as failed (and is retried after the backoff). */
const REQUEST_TIMEOUT_MS = 15_000;
/** Segments uploaded at once when catching up. */
const PARALLEL = 4;

export interface HlsUploadOptions {
  /** The folder ffmpeg writes the stream's HLS to. */
  dir: string;
  /** Object names are this plus the file name, e.g. hls/show/. */
  keyPrefix: string;
  store: ObjectStore;
  retryBaseMs: number;
  retryMaxMs: number;
  /** How often the folder is looked at besides its change events (missed events, a folder made later). */
  pollMs: number;
  log: Logger;
}

/**
 * Keeps a bucket's copy of the HLS folder current: every segment the playlist names goes up
 * (immutable, cached a day), then the playlist (cached a second); segments that left the playlist
 * go after a grace. It runs beside ffmpeg and never holds it up: a failed request only sets the
 * state to retrying, and the next try, after a backoff, starts from what the folder holds then, so
 * the copy catches up with the live edge rather than replaying what it missed.
 */
export class HlsUpload {
  private readonly bucket: { stored: string[]; playlist: string | null } = { stored: [], playlist: null };
  private readonly backoff: Backoff;
  private readonly stopped = new AbortController();
  private readonly poller: NodeJS.Timeout;
  private watcher: FSWatcher | null = null;
  private retryTimer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private busy = false;
  private dirty = true;
  private state: HlsS3Status = { state: 'idle', lastError: null, uploaded: 0, deleted: 0, playlistAt: null };

  constructor(private readonly o: HlsUploadOptions) {
    this.backoff = new Backoff({ baseMs: o.retryBaseMs, maxMs: o.retryMaxMs });
    this.poller = setInterval(() => this.kick(), o.pollMs);
    this.kick();
  }

  status(): HlsS3Status {
    return { ...this.state };
  }

  /** Something may have changed in the folder: look again now, or after the backoff when retrying. */
  kick(): void {
    this.dirty = true;
    if (this.busy || this.retryTimer || this.stopped.signal.aborted) return;
    this.busy = true;
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopped.abort();
    clearInterval(this.poller);
    clearTimeout(this.retryTimer);
    this.watcher?.close();
    await this.running;
    this.o.store.close();
  }

  private async loop(): Promise<void> {
    try {
      while (this.dirty && !this.stopped.signal.aborted) {
        this.dirty = false;
        await this.watchFolder();
        await this.sync();
        this.succeeded();
      }
    } catch (err) {
      if (!this.stopped.signal.aborted) this.failed(storeError(err).message);
    } finally {
      // cleared in the same step the loop ends in, so a kick from now on starts a new one
      this.busy = false;
    }
  }

  /** One pass: the segments the playlist names, then the playlist, then what fell out of it. */
  private async sync(): Promise<void> {
    const playlist = await readIfThere(join(this.o.dir, PLAYLIST));
    if (playlist !== null) {
      const text = playlist.toString('utf8');
      const plan = planUploads(text, this.bucket);
      // a segment ffmpeg deleted before it went up: the playlist waits for the next one, which no longer names it
      const missing = await this.putSegments(plan.segments);
      if (!missing && plan.playlist) {
        await this.put(PLAYLIST, playlist);
        this.bucket.playlist = text;
        this.state.playlistAt = Date.now();
      }
    }
    for (const segment of planDeletes(this.bucket)) {
      await this.o.store.remove(this.o.keyPrefix + segment, this.signal());
      this.bucket.stored.splice(this.bucket.stored.indexOf(segment), 1);
      this.state.deleted++;
    }
  }

  /** Uploads in the playlist's order, a few at a time; true when a segment was no longer on disk. */
  private async putSegments(segments: string[]): Promise<boolean> {
    let missing = false;
    for (let i = 0; i < segments.length; i += PARALLEL) {
      const batch = segments.slice(i, i + PARALLEL);
      const results = await Promise.allSettled(
        batch.map(async (segment) => {
          const body = await readIfThere(join(this.o.dir, segment));
          if (body === null) return (missing = true);
          await this.put(segment, body);
          return false;
        }),
      );
      // recorded in the playlist's order whatever finished first, so the oldest are deleted first
      batch.forEach((segment, n) => {
        const r = results[n]!;
        if (r.status === 'fulfilled' && r.value === false) {
          this.bucket.stored.push(segment);
          this.state.uploaded++;
        }
      });
      const failure = results.find((r) => r.status === 'rejected');
      if (failure) throw failure.reason;
    }
    return missing;
  }

  private put(file: string, body: Buffer): Promise<void> {
    const headers = hlsHeaders(file);
    return this.o.store.put(this.o.keyPrefix + file, body, { contentType: headers['Content-Type']!, cacheControl: headers['Cache-Control']! }, this.signal());
  }

  private signal(): AbortSignal {
    return AbortSignal.any([this.stopped.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]);
  }

  /** ffmpeg renames a finished playlist into place: that event starts a pass at once (the poll is the fallback). */
  private async watchFolder(): Promise<void> {
    if (this.watcher) return;
    await mkdir(this.o.dir, { recursive: true });
    try {
      this.watcher = watch(this.o.dir, (_event, name) => {
        if (name === PLAYLIST) this.kick();
      });
      this.watcher.on('error', () => {
        this.watcher?.close();
        this.watcher = null;
      });
    } catch {
      // no change events here: the poll still finds every playlist
    }
  }

  private succeeded(): void {
    this.backoff.reset();
    if (this.state.state === 'retrying') this.o.log.info('HLS upload to S3: caught up');
    this.state.state = this.bucket.playlist === null ? 'idle' : 'ok';
    this.state.lastError = null;
  }

  private failed(error: string): void {
    const delay = this.backoff.next();
    if (this.state.state !== 'retrying' || this.state.lastError !== error)
      this.o.log.warn({ error }, `HLS upload to S3 failed (${error}): retrying, the stream and local HLS go on`);
    else this.o.log.debug({ error, retryInMs: delay }, 'HLS upload to S3 failed again');
    this.state.state = 'retrying';
    this.state.lastError = error;
    this.dirty = true;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.kick();
    }, delay);
  }
}

async function readIfThere(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
