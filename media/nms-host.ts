import type { Server } from 'node:net';
import NodeMediaServer from 'node-media-server';
import Context from 'node-media-server/src/core/context.js';
import nmsLogger from 'node-media-server/src/core/logger.js';
import type { Logger } from '../orchestrator/shared/log.js';
import { scrubLibraryLine } from './mask.js';

/** Ports and paths for the library's server. */
export interface NmsHostOptions {
  rtmpPort: number;
  httpPort: number;
  /** Listen address; all interfaces when unset (OBS usually runs on another machine). */
  host?: string;
  /** The library's JSON store (stream history); it must not be shared by two processes. */
  dataDir: string;
  /** Served at /hls on the HTTP port when set. */
  hlsDir?: string;
  publicName: string;
  log: Logger;
}

/** The library's server and the one way to shut it down cleanly. */
export interface NmsHost {
  nms: NodeMediaServer;
  stop(): Promise<void>;
}

/**
 * Runs node-media-server as a library, which it half supports: it logs to the console at debug
 * level, calls process.exit() when a port is taken, installs SIGINT/SIGTERM handlers that re-raise
 * the signal (cutting the app's graceful shutdown short), and restores relay tasks persisted by
 * an earlier run. Each of those is undone here, right after the library sets it up.
 */
export async function startNms(options: NmsHostOptions): Promise<NmsHost> {
  const { log } = options;
  const restoreLog = routeLibraryLog(log, options.publicName);
  const nms = new NodeMediaServer({
    ...(options.host !== undefined && { bind: options.host }),
    rtmp: { port: options.rtmpPort },
    http: { port: options.httpPort },
    webadmin: { enable: false },
    store: { path: options.dataDir },
    ...(options.hlsDir !== undefined && { static: { router: '/hls', root: options.hlsDir } }),
  });
  const http = nms.httpServer.httpServer!;
  http.removeAllListeners('error');
  // run() listens synchronously and then awaits the store: swap the exit-on-error handlers before any listen error is delivered.
  const running = nms.run();
  const rtmp = nms.rtmpServer.tcpServer!;
  rtmp.removeAllListeners('error');
  const stop = async () => {
    // the library logs from its servers' close callbacks: keep routing its lines until both have closed
    const closed = Promise.all([rtmp, http].map((server) => new Promise((resolve) => server.once('close', resolve))));
    await nms.stop();
    http.closeAllConnections();
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    Context.sessions.clear();
    Context.broadcasts.clear();
    restoreLog();
  };
  const started = await Promise.allSettled([listening(rtmp, 'RTMP', options.rtmpPort), listening(http, 'HTTP-FLV', options.httpPort), running]);
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await stop();
    throw failed.reason;
  }
  const onSignal = nms.store._onSignal;
  if (onSignal) for (const signal of ['SIGINT', 'SIGTERM'] as const) process.off(signal, onSignal);
  for (const task of nms.relayServer.listTasks()) {
    log.warn({ task: scrubLibraryLine(task.taskKey, options.publicName) }, 'removed a relay task restored from an earlier run');
    nms.relayServer.removeTask(task.taskKey);
  }
  rtmp.on('error', (err) => log.error({ err }, 'RTMP listener failed'));
  http.on('error', (err) => log.error({ err }, 'HTTP-FLV listener failed'));
  return { nms, stop };
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
  const original = nmsLogger.log;
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
