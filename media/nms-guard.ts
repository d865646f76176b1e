import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type NodeMediaServer from 'node-media-server';
import Context from 'node-media-server/src/core/context.js';
import FlvSession from 'node-media-server/src/session/flv_session.js';
import RtmpSession from 'node-media-server/src/session/rtmp_session.js';
import type WebSocket from 'ws';
import type { Logger } from '../orchestrator/shared/log.js';
import { serveHlsFile } from './hls-files.js';
import { scrubLibraryLine } from './mask.js';
import { routePlayback, routeUpgrade, type PlaybackPaths } from './playback-paths.js';

/** Until a peer publishes with the key, one RTMP message (a command, a control message) must fit in this. */
const MAX_UNAUTHENTICATED_MESSAGE = 64 * 1024;
/** OBS uses 3 or 4 chunk streams; the parser keeps a buffer for each one a peer names. */
const MAX_CHUNK_STREAMS = 16;
/** A connection that has not asked to publish or play by then is closed. */
const CONNECT_DEADLINE_MS = 10_000;
/** Malformed requests are logged once a minute at most, with how many more there were. */
const REPORT_EVERY_MS = 60_000;

const FLV_HEADERS = { 'Content-Type': 'video/x-flv', 'Cache-Control': 'no-store', 'Access-Control-Allow-Origin': '*' };
const PREFLIGHT = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
  'Access-Control-Allow-Headers': 'Range',
  'Access-Control-Max-Age': '600',
  'Content-Length': '0',
};

/** What the guards check against, and who to tell. */
export interface GuardOptions extends PlaybackPaths {
  /** The public stream's HLS files, served with headers a cache can use (media/hls-files.ts). */
  hlsDir?: string;
  log: Logger;
  /** Refused before the library reads a byte: an address locked out for guessing stream keys. */
  refused: (address: string) => boolean;
}

type Report = (protocol: string, from: string, err: unknown) => void;

/**
 * Puts node-media-server's two ports behind our own handlers. Every byte on them is hostile, and
 * the library throws on plenty of them (a null AMF command object, a missing tcUrl, a non-string
 * stream name, truncated AMF; an FLV name outside its charset leaves a session half-built), from
 * socket handlers where a throw ends the process. Here a throw closes that one connection.
 */
export function guardLibrary(nms: NodeMediaServer, o: GuardOptions): void {
  const report = reporter(o.log, o.publicName);
  guardRtmp(nms, o, report);
  guardHttp(nms, o, report);
}

function guardRtmp(nms: NodeMediaServer, o: GuardOptions, report: Report): void {
  const server = nms.rtmpServer;
  const tcp = server.tcpServer!;
  // the library's own handler (rtmp_server.js handleRequest) is replaced by this copy of it, guarded
  tcp.removeAllListeners('connection');
  tcp.on('connection', (socket: Socket) => {
    socket.on('error', () => undefined); // the session logs socket errors once it runs; none may go unhandled before
    if (o.refused(socket.remoteAddress ?? '')) return void socket.destroy();
    server._sockets.add(socket);
    socket.once('close', () => server._sockets.delete(socket));
    try {
      const session = new RtmpSession(socket);
      guardRtmpSession(session, report);
      session.run();
      Context.sessions.set(session.id, session);
    } catch (err) {
      report('RTMP', String(socket.remoteAddress), err);
      socket.destroy();
    }
  });
}

/**
 * connect, publish, play and AMF decoding all run synchronously inside the socket's data handler
 * (rtmp_session.js onData → rtmp.js parserData → onConnect/onPublish/onPlay, amf.js), so one
 * try/catch there contains them all. The parser's allocations are bounded too: a 12-byte chunk
 * header can ask for 16 MB.
 */
function guardRtmpSession(session: RtmpSession, report: Report): void {
  const { onData, onClose, rtmp, socket } = session;
  // The library broadcasts media from any session into the path it named, a player's included: a
  // viewer of the public stream could inject frames into it. Only the accepted publisher's packets
  // are taken, by the ingest (media/ingest.ts), which sets its own callback.
  session.onPacket = () => undefined;
  let failed = false;
  session.onData = (data) => {
    if (failed) return;
    try {
      onData(data);
    } catch (err) {
      failed = true;
      rtmp.onPacketCallback = () => undefined;
      if (!socket.destroyed) report('RTMP', session.ip, err);
      socket.destroy();
    }
  };
  session.onClose = () => {
    try {
      onClose();
    } catch (err) {
      report('RTMP', session.ip, err);
      Context.sessions.delete(session.id);
    }
  };
  const parse = rtmp.packetParse.bind(rtmp);
  rtmp.packetParse = () => {
    parse();
    if (rtmp.inPackets.size > MAX_CHUNK_STREAMS) throw new Error(`more than ${MAX_CHUNK_STREAMS} chunk streams`);
  };
  const alloc = rtmp.packetAlloc.bind(rtmp);
  rtmp.packetAlloc = () => {
    // a refused publisher's socket is destroyed in the middle of a parse: the rest of that buffer is dropped here
    if (socket.destroyed) throw new Error('closed');
    const length = rtmp.parserPacket.header.length;
    if (!session.isPublisher && length > MAX_UNAUTHENTICATED_MESSAGE) throw new Error(`a ${length}-byte message before publishing`);
    alloc();
  };
  const deadline = setTimeout(() => {
    if (session.streamPath === '') socket.destroy();
  }, CONNECT_DEADLINE_MS);
  socket.once('close', () => clearTimeout(deadline));
}

function guardHttp(nms: NodeMediaServer, o: GuardOptions, report: Report): void {
  const lib = nms.httpServer;
  const http = lib.httpServer!;
  const app = http.listeners('request')[0] as ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  http.removeAllListeners('request');
  http.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const route = routePlayback(req.method, req.url, o);
    if (route.kind === 'flv') {
      req.url = route.path;
      for (const [name, value] of Object.entries(FLV_HEADERS)) res.setHeader(name, value);
      // what flv_session.js reads from express's request, set from our route rather than parsed from the URL
      Object.assign(req, { params: { app: o.app, name: o.publicName }, query: {}, hostname: '' });
      openFlv(req, res, report);
    } else if (route.kind === 'hls' && o.hlsDir !== undefined) {
      serveHlsFile(req, res, o.hlsDir, route.path.slice(route.path.lastIndexOf('/') + 1)).catch((err: unknown) => {
        report('HLS', String(req.socket.remoteAddress), err);
        res.destroy();
      });
    } else if (route.kind === 'hls' && app) {
      req.url = route.path;
      app(req, res);
    } else if (route.kind === 'head') res.writeHead(200, FLV_HEADERS).end();
    else if (route.kind === 'preflight') res.writeHead(204, PREFLIGHT).end();
    else res.writeHead(route.kind === 'refuse' ? route.status : 404, { 'Content-Length': '0' }).end();
  });

  const upgrades = http.listeners('upgrade') as Array<(req: IncomingMessage, socket: Duplex, head: Buffer) => void>;
  http.removeAllListeners('upgrade');
  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => undefined);
    const path = routeUpgrade(req.url, req.headers['sec-websocket-protocol'], o);
    if (path === null) return void socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    req.url = path;
    for (const listener of upgrades) listener.call(http, req, socket, head);
  });
  // the WebSocket server calls this.handleFlv for each connection
  lib.handleFlv = (req, res) => openFlv(req, res, report);
}

/** flv_session.js, guarded: its constructor may refuse the path half-way, and run/onPlay/onClose then throw. */
function openFlv(req: IncomingMessage, res: ServerResponse | WebSocket, report: Report): void {
  const from = `${req.socket.remoteAddress}:${req.socket.remotePort}`;
  const drop = (): void => void ('writeHead' in res ? res.destroy() : res.terminate());
  try {
    const session = new FlvSession(req, res);
    if (!session.broadcast) return drop();
    const guard =
      <A extends unknown[]>(fn: (...args: A) => void) =>
      (...args: A) => {
        try {
          fn(...args);
        } catch (err) {
          report('FLV', from, err);
          drop();
        }
      };
    session.onPlay = guard(session.onPlay);
    session.onPush = guard(session.onPush);
    session.onData = guard(session.onData);
    const onClose = session.onClose;
    session.onClose = () => {
      try {
        onClose();
      } catch (err) {
        report('FLV', from, err);
        Context.sessions.delete(session.id);
      }
    };
    session.run();
    Context.sessions.set(session.id, session);
  } catch (err) {
    report('FLV', from, err);
    drop();
  }
}

/** One warning a minute at most (a hostile peer can send thousands), each one at debug. */
function reporter(log: Logger, publicName: string): Report {
  let lastAt = -Infinity;
  let quiet = 0;
  return (protocol, from, err) => {
    const error = scrubLibraryLine(err instanceof Error ? err.message : String(err), publicName).slice(0, 200);
    log.debug({ from, protocol, error }, `${protocol}: a malformed request closed its connection`);
    const now = Date.now();
    if (now - lastAt < REPORT_EVERY_MS) return void quiet++;
    log.warn(
      { from, protocol, error, ...(quiet > 0 && { moreSinceLastWarning: quiet }) },
      `${protocol}: a malformed request closed its connection (node-media-server threw: ${error})`,
    );
    lastAt = now;
    quiet = 0;
  };
}
