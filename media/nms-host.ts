import type { Server, Socket } from 'node:net';
import { join } from 'node:path';
import NodeMediaServer from 'node-media-server';
import Context from 'node-media-server/src/core/context.js';
import nmsLogger from 'node-media-server/src/core/logger.js';
import type { Logger } from '../orchestrator/shared/log.js';
import { scrubLibraryLine } from './mask.js';
import { guardLibrary } from './nms-guard.js';

/** Ports and paths for the library's server. */
export interface NmsHostOptions {
  rtmpPort: number;
  httpPort: number;
  /** Listen address; all interfaces when unset (OBS usually runs on another machine). */
  host?: string;
  app: string;
  /** Served at /hls on the HTTP port when set (its <publicName> folder, by our guards; by the library without them). */
  hlsDir?: string;
  publicName: string;
  /** Our handlers in front of the library's (media/nms-guard.ts); false only in tests. */
  guards: boolean;
  /** Addresses refused before the library reads a byte. */
  refused: (address: string) => boolean;
  log: Logger;
}

/** The library's server and the one way to shut it down cleanly. */
export interface NmsHost {
  nms: NodeMediaServer;
  /** Open connections on both ports. */
  connections(): number;
  stop(): Promise<void>;
}

/**
 * Runs node-media-server as a library, which it half supports: it logs to the console at debug
 * level and calls process.exit() when a port is taken; each is undone here. Its run() is not
 * called: it would open the library's JSON store, which writes every publisher's stream name (our
 * stream key, and every wrong guess) to stream_history.json, installs SIGINT/SIGTERM handlers and
 * restores relay tasks. Only the two listeners are started, behind our guards.
 */
export async function startNms(options: NmsHostOptions): Promise<NmsHost> {
  const { log } = options;
  const restoreLog = routeLibraryLog(log, options.publicName);
  const nms = new NodeMediaServer({
    ...(options.host !== undefined && { bind: options.host }),
    rtmp: { port: options.rtmpPort },
    http: { port: options.httpPort },
    webadmin: { enable: false },
    ...(options.hlsDir !== undefined && { static: { router: '/hls', root: options.hlsDir } }),
  });
  nms.store.open = () => Promise.reject(new Error('showcart keeps no media store: stream names are secrets'));
  const http = nms.httpServer.httpServer!;
  const rtmp = nms.rtmpServer.tcpServer!;
  if (options.guards) {
    guardLibrary(nms, {
      app: options.app,
      publicName: options.publicName,
      hls: options.hlsDir !== undefined,
      ...(options.hlsDir !== undefined && { hlsDir: join(options.hlsDir, options.publicName) }),
      log,
      refused: options.refused,
    });
  }
  const open = new Set<Socket>();
  for (const server of [rtmp, http]) {
    server.prependListener('connection', (socket: Socket) => {
      open.add(socket);
      socket.once('close', () => open.delete(socket));
    });
  }
  http.removeAllListeners('error');
  nms.httpServer.run();
  nms.rtmpServer.run();
  // run() listens synchronously: the exit-on-error handlers are swapped before any listen error is delivered
  rtmp.removeAllListeners('error');
  const stop = async () => {
    // the library logs from its servers' close callbacks: keep routing its lines until both have closed
    const closed = Promise.all([rtmp, http].map((server) => new Promise((resolve) => server.once('close', resolve))));
    await nms.stop();
    http.closeAllConnections();
    for (const socket of open) socket.destroy();
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    Context.sessions.clear();
    Context.broadcasts.clear();
    restoreLog();
  };
  const started = await Promise.allSettled([listening(rtmp, 'RTMP', options.rtmpPort), listening(http, 'HTTP-FLV', options.httpPort)]);
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await stop();
    throw failed.reason;
  }
  rtmp.on('error', (err) => log.error({ err }, 'RTMP listener failed'));
  http.on('error', (err) => log.error({ err }, 'HTTP-FLV listener failed'));
  return { nms, connections: () => open.size, stop };
}

function listening(server: Server, what: string, port: number): Promise<void> {
  if (server.listening) return Promise.resolve();
  return new Promise((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', (err: NodeJS.ErrnoException) => {
      const why = err.code === 'EADDRINUSE' ? `port ${port} is already in use` : err.message;
      reject(new Error(`the ${what} listener cannot start: ${why}`));
    });
  });
}

/** The library's lines go to our logger one level down (its "info" is per-connection chatter), keys masked. */
function routeLibraryLog(log: Logger, publicName: string): () => void {
  const child = log.child({ part: 'node-media-server' });
  const original = nmsLogger.log.bind(nmsLogger);
  nmsLogger.log = (message: string, level = 'info') => {
    const line = scrubLibraryLine(String(message), publicName);
    if (level === 'error' || level === 'warn') child.warn(line);
    else if (level === 'info') child.debug(line);
    else child.trace(line);
  };
  return () => {
    nmsLogger.log = original;
  };
}
