/**
 * Past this much unsent data the platform (or ffmpeg) is not keeping up: later packets are
 * dropped instead of queued in our memory, and the stall check restarts the attempt.
 */
export const MAX_QUEUED_BYTES = 32 * 1024 * 1024;

/** One try at restreaming to a target: an ffmpeg child or an in-process push connection. */
export interface Attempt {
  /** Bytes the platform has taken so far (sent, not merely queued). */
  bytesOut(): number;
  /** Settles when the attempt is over, with the reason (keys masked). */
  readonly ended: Promise<string>;
  /** Ends the attempt (cleanly, or at once when `now`: a stuck one cannot finish cleanly); resolves once its process or socket is gone. */
  stop(now?: boolean): Promise<void>;
  /** The ffmpeg child's pid, for CPU accounting. */
  readonly pid?: number;
}

export type StartAttempt = () => Attempt;

/** A promise with its resolve function, settled once. */
export function settleOnce<T>(): { promise: Promise<T>; settle: (value: T) => void; settled: () => boolean } {
  let done = false;
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return {
    promise,
    settle: (value) => {
      if (done) return;
      done = true;
      resolve(value);
    },
    settled: () => done,
  };
}
