/** What the fan-out benchmark and its socket drivers (fanout-driver.ts) say to each other over IPC. */

/**
 * `open`: `count` more readers on the web chat at host:port, answered once each is watching or
 * has failed. `arm`: from now on, stamp the arrival of the alert naming `tag` on every reader.
 * `take`: hand over (and forget) the stamps of `tag`, or with `peek` only count them.
 */
export type DriverRequest =
  | { id: number; cmd: 'open'; host: string; port: number; count: number }
  | { id: number; cmd: 'arm'; tag: string }
  | { id: number; cmd: 'take'; tag: string; peek?: boolean }
  | { id: number; cmd: 'stop' };

export interface DriverReply {
  id: number;
  /** Readers open now (over every target). */
  open: number;
  opened?: number;
  /** Failed opens by reason (`http-503`, `ECONNRESET`, `timeout`…). */
  failed?: Record<string, number>;
  /** Readers the tagged alert reached so far. */
  got?: number;
  /** Epoch ms at which the tagged alert reached each reader that got it. */
  stamps?: number[];
}

/** Buyers are named `fanbuyer<n>`: the alert line carries the name, so a frame names its purchase. */
export const BUYER_PREFIX = 'fanbuyer';
