import type { OverlayFeedEvent, OverlayNow } from '../live/overlay-live.js';
import type { Storefront } from '../live/storefront.js';

/** What the core says on NATS about its show, for the web edges that serve the viewer page. */
export interface CoreSubjects {
  /** Core → edges, every second: it answers, and the page's public picture (storefront and overlay). */
  state: string;
  /** Core → edges: the overlay's live events as they happen (alerts cannot wait for the next second). */
  overlay: string;
  /** Edge → core, request/reply: a viewer's own read (their cart, their "for you"), asked with their session. */
  api: string;
}

export function coreSubjects(showId: string): CoreSubjects {
  const base = `showcart.${showId}.core`;
  return { state: `${base}.state`, overlay: `${base}.overlay`, api: `${base}.api` };
}

/** The core's heartbeat. */
export interface CoreState {
  at: number;
  /** When this core process started: an edge that sees it change knows the core came back. */
  startedAt: number;
  storefront: Storefront;
  overlay: OverlayNow;
}

export type { OverlayFeedEvent };

/** A viewer's read asked through the core: only these GET paths, with the page's session. */
export interface ApiAsk {
  path: string;
  session?: string;
}

export interface ApiAnswer {
  status: number;
  type: string;
  cacheControl: string;
  body: string;
}

/** The viewer reads an edge passes to the core; everything else on an edge is its own or 404. */
export const BRIDGED_PATHS = /^\/api\/(storefront\/(cart|for-you)|next-show\.ics|giveaways\/[\w-]{1,64}\/proof)(\?[\w=&%.-]{0,200})?$/;
