/**
 * A fault that every request to an HTTP fake meets until it is cleared, for reliability tests:
 * a platform that hangs, one that resets connections, or one that answers 429/5xx for a while.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * `hang`: requests are held unanswered; when the fault is cleared they are cut, as a stuck
 * upstream's connections eventually are. `reset`: each connection is cut on arrival
 * (the client sees ECONNRESET). `{ status }`: every request is answered with that status.
 */
export type FakeFault = 'hang' | 'reset' | { status: number; retryAfter?: number };

/** The fault switch one fake server owns. */
export class FaultSwitch {
  private current: FakeFault | undefined;
  private readonly held = new Set<ServerResponse>();
  /** Requests that met the fault, by kind, so tests can prove the fault was really hit. */
  readonly met = { hang: 0, reset: 0, status: 0 };

  get fault(): FakeFault | undefined {
    return this.current;
  }

  /** Sets (or with no argument clears) the fault; clearing cuts the requests a hang held. */
  set(fault?: FakeFault): void {
    this.current = fault;
    if (fault === 'hang') return;
    for (const res of this.held) res.socket?.destroy();
    this.held.clear();
  }

  /**
   * Applies a hang or reset to this request and returns true if it did (the caller stops there);
   * returns the HTTP failure to answer with for a status fault, else undefined.
   */
  intercept(req: IncomingMessage, res: ServerResponse): true | { status: number; retryAfter?: number } | undefined {
    const fault = this.current;
    if (fault === undefined) return undefined;
    if (fault === 'reset') {
      this.met.reset++;
      req.socket.destroy();
      return true;
    }
    if (fault === 'hang') {
      this.met.hang++;
      // the body is read so the client's write completes and it waits for an answer that never comes
      req.resume();
      this.held.add(res);
      res.on('close', () => this.held.delete(res));
      return true;
    }
    this.met.status++;
    return fault;
  }
}
