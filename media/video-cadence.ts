/** What the ingest's video timestamps say: frames per second and the time between keyframes. */
export interface Cadence {
  /** Frames per second of media time over the last few seconds; null until two frames arrived. */
  fps: number | null;
  /** Mean time between the last keyframes (ms); null until it is known. */
  keyframeIntervalMs: number | null;
}

/** Media time the frame rate is averaged over: long enough to smooth B-frame and network jitter. */
const FPS_WINDOW_MS = 3000;
/** Keyframe gaps averaged: an encoder with a fixed GOP gives the same figure each time. */
const GAPS_KEPT = 3;
/** A gap still open this long (with none closed yet) is reported: OBS on "auto" may never send a second one. */
const OPEN_GAP_REPORTED_MS = 4000;

/**
 * Measures the frame rate and keyframe interval from the video tags' timestamps (RTMP/FLV
 * timestamps are ms of media time), not from the publisher's metadata: OBS's metadata says what it
 * was told, the tags say what it sends, and the platforms judge what it sends (most reject
 * keyframes further apart than 4 s).
 */
export class VideoCadence {
  private frames: number[] = [];
  private lastKeyframe: number | null = null;
  private gaps: number[] = [];

  /** One video frame (not a sequence header) with its decode timestamp in ms. */
  frame(dts: number, keyframe: boolean): void {
    const last = this.frames.at(-1);
    // A timeline that restarts (a new publisher session, a wrapped clock) starts the measurement over.
    if (last !== undefined && dts < last - 1000) this.reset();
    this.frames.push(dts);
    while (this.frames.length > 2 && this.frames[0]! < dts - FPS_WINDOW_MS) this.frames.shift();
    if (!keyframe) return;
    if (this.lastKeyframe !== null && dts > this.lastKeyframe) {
      this.gaps.push(dts - this.lastKeyframe);
      if (this.gaps.length > GAPS_KEPT) this.gaps.shift();
    }
    this.lastKeyframe = dts;
  }

  reading(): Cadence {
    const first = this.frames[0];
    const last = this.frames.at(-1);
    const span = first !== undefined && last !== undefined ? last - first : 0;
    const fps = span > 0 ? Math.round(((this.frames.length - 1) * 1000 * 10) / span) / 10 : null;
    return { fps, keyframeIntervalMs: this.keyframeInterval(last) };
  }

  reset(): void {
    this.frames = [];
    this.lastKeyframe = null;
    this.gaps = [];
  }

  private keyframeInterval(now: number | undefined): number | null {
    const open = this.lastKeyframe !== null && now !== undefined ? now - this.lastKeyframe : 0;
    if (this.gaps.length === 0) return open >= OPEN_GAP_REPORTED_MS ? open : null;
    const mean = Math.round(this.gaps.reduce((n, g) => n + g, 0) / this.gaps.length);
    // keyframes that stop coming show as a growing interval, not as the last good figure
    return open > mean * 1.5 ? open : mean;
  }
}
