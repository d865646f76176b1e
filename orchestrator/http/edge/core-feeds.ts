import { connect, type NatsConnection } from 'nats';
import type { Logger } from 'pino';
import { codec } from '../../../bots/web/web-nats.js';
import { withOverlayEvent, type OverlayFeed, type OverlayFeedEvent, type OverlayNow } from '../live/overlay-live.js';
import type { Storefront } from '../live/storefront.js';
import { BRIDGED_PATHS, coreSubjects, type ApiAnswer, type ApiAsk, type CoreState } from './edge-subjects.js';

export interface CoreFeedsDeps {
  natsUrl: string;
  showId: string;
  /** The storefront as GET /api/storefront builds it. */
  storefront: () => Promise<Storefront>;
  overlay: OverlayFeed;
  /** Where this process's own HTTP server answers, for the viewer reads the edges pass on. */
  selfUrl: string;
  log: Logger;
  /** How often the heartbeat goes out (default 1 s; the edges call the core away after 3 missed). */
  everyMs?: number;
}

/** A bridged answer larger than this is refused: NATS carries 1 MB by default, and no viewer read comes near. */
const MAX_ANSWER = 512 * 1024;

/**
 * The core's side of the web edges (`scale.nats`): a heartbeat with the public picture every
 * second (one storefront build serves every edge and every viewer on them), the overlay's live
 * events, and the viewer reads an edge cannot answer itself (a cart), answered by this process's
 * own routes so they stay the one implementation.
 */
export async function startCoreFeeds(deps: CoreFeedsDeps): Promise<{ stop(): Promise<void> }> {
  const subjects = coreSubjects(deps.showId);
  const log = deps.log.child({ part: 'edges' });
  const startedAt = Date.now();
  let nc: NatsConnection | undefined;
  let stopped = false;
  let overlay: OverlayNow | undefined;
  let stopOverlay: (() => void) | undefined;

  const publish = (subject: string, data: unknown) => {
    if (nc && !nc.isClosed()) nc.publish(subject, codec.encode(data));
  };
  const beat = async () => {
    if (!nc || nc.isClosed() || !overlay) return;
    try {
      const state: CoreState = { at: Date.now(), startedAt, storefront: await deps.storefront(), overlay };
      publish(subjects.state, state);
    } catch (err) {
      log.error({ err }, "the edges' heartbeat could not be built");
    }
  };
  const timer = setInterval(() => void beat(), deps.everyMs ?? 1000);
  timer.unref();

  void connect({ servers: deps.natsUrl, name: 'showcart-core-feeds', maxReconnectAttempts: -1, reconnectTimeWait: 1000, waitOnFirstConnect: true }).then(
    async (conn) => {
      if (stopped) return void (await conn.close());
      nc = conn;
      overlay = await deps.overlay.now();
      stopOverlay = deps.overlay.watch((e: OverlayFeedEvent) => {
        overlay = withOverlayEvent(overlay!, e);
        publish(subjects.overlay, e);
      });
      conn.subscribe(subjects.api, { queue: 'core', callback: (_err, m) => void answer(m.data).then((a) => m.respond(codec.encode(a))) });
      await beat();
    },
    (err: unknown) => log.error({ err }, 'NATS refused the core; the web edges show the shop as reconnecting'),
  );

  async function answer(data: Uint8Array): Promise<ApiAnswer> {
    let ask: ApiAsk;
    try {
      ask = codec.decode(data) as ApiAsk;
    } catch {
      return plain(400, 'unreadable request');
    }
    if (typeof ask.path !== 'string' || !BRIDGED_PATHS.test(ask.path)) return plain(404, 'no such endpoint');
    const headers: Record<string, string> = { accept: 'application/json' };
    if (typeof ask.session === 'string' && ask.session.length <= 512) headers['x-showcart-session'] = ask.session;
    try {
      const res = await fetch(new URL(ask.path, deps.selfUrl), { headers, signal: AbortSignal.timeout(5000) });
      const body = await res.text();
      if (body.length > MAX_ANSWER) return plain(502, 'answer too large');
      return {
        status: res.status,
        type: res.headers.get('content-type') ?? 'application/json',
        cacheControl: res.headers.get('cache-control') ?? 'no-store',
        body,
      };
    } catch (err) {
      log.warn({ err: (err as Error).message, path: ask.path }, 'a viewer read from an edge failed');
      return plain(502, 'the core could not answer');
    }
  }

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      stopOverlay?.();
      if (nc && !nc.isClosed()) await nc.drain();
    },
  };
}

const plain = (status: number, error: string): ApiAnswer => ({ status, type: 'application/json', cacheControl: 'no-store', body: JSON.stringify({ error }) });
