/**
 * Types for the parts of node-media-server 4.4 that showcart uses. The package ships plain
 * CommonJS without declarations; these follow its source (`node_modules/node-media-server/src`).
 * Its modules are process-wide singletons (`Context`, the logger), so one process runs one
 * NodeMediaServer at a time.
 */

declare module 'node-media-server/src/session/base_session.js' {
  /** What every session (RTMP, HTTP-FLV, relay, internal subscriber) has in common. */
  class BaseSession {
    id: string;
    /** "address:port" of the peer; "" marks an internal session (no events, not counted as a viewer). */
    ip: string;
    isPublisher: boolean;
    protocol: string;
    streamApp: string;
    streamName: string;
    streamPath: string;
    streamQuery: Record<string, unknown>;
    createTime: number;
    endTime: number;
    inBytes: number;
    outBytes: number;
    playCount: number;
    videoCodec: number;
    videoWidth: number;
    videoHeight: number;
    videoFramerate: number;
    audioCodec: number;
    audioChannels: number;
    audioSamplerate: number;
    sendBuffer: (buffer: Buffer) => void;
    close: () => void;
  }
  export = BaseSession;
}

declare module 'node-media-server/src/core/avpacket.js' {
  /** One audio (codec_type 8), video (9) or script (18) message. flags: 0 audio header, 1 audio frame, 2 video header, 3 key frame, 4 inter frame, 5 metadata. */
  class AVPacket {
    codec_id: number;
    codec_type: number;
    flags: number;
    dts: number;
    pts: number;
    size: number;
    data: Buffer;
  }
  export = AVPacket;
}

declare module 'node-media-server/src/server/broadcast_server.js' {
  import type BaseSession from 'node-media-server/src/session/base_session.js';
  import type AVPacket from 'node-media-server/src/core/avpacket.js';
  /** One stream path: its publisher, its subscribers and the caches a late subscriber starts from. */
  class BroadcastServer {
    constructor(streamPath: string);
    streamPath: string;
    publisher: BaseSession | null;
    subscribers: Map<string, BaseSession>;
    publishGraceMs: number;
    postPlay: (session: BaseSession) => string | null;
    donePlay: (session: BaseSession) => void;
    postPublish: (session: BaseSession) => string | null;
    donePublish: (session: BaseSession) => void;
    broadcastMessage: (packet: AVPacket) => void;
  }
  export = BroadcastServer;
}

declare module 'node-media-server/src/session/rtmp_session.js' {
  import type { Socket } from 'node:net';
  import BaseSession from 'node-media-server/src/session/base_session.js';
  import type BroadcastServer from 'node-media-server/src/server/broadcast_server.js';
  import type AVPacket from 'node-media-server/src/core/avpacket.js';
  /** The RTMP chunk parser of one session (`protocol/rtmp.js`); its internals are read to bound what a peer can make it allocate. */
  interface RtmpParser {
    onPacketCallback: (packet: AVPacket) => void;
    /** Reads a chunk's headers into `parserPacket` (one packet per chunk stream id, kept in `inPackets`). */
    packetParse: () => void;
    /** Allocates `parserPacket.header.length` bytes for the message about to be read. */
    packetAlloc: () => void;
    parserPacket: { header: { length: number; cid: number; type: number } };
    inPackets: Map<number, unknown>;
  }
  /** A connection to the RTMP listener (OBS, or a player). */
  class RtmpSession extends BaseSession {
    constructor(socket: Socket);
    socket: Socket;
    broadcast: BroadcastServer;
    rtmp: RtmpParser;
    run: () => void;
    /** The socket's data handler: parses chunks and calls connect/publish/play, all synchronously. */
    onData: (data: Buffer) => void;
    onClose: () => void;
    /** Every audio/video/data message the peer sends goes here, publisher or not: into its path's broadcast. */
    onPacket: (packet: AVPacket) => void;
  }
  export = RtmpSession;
}

declare module 'node-media-server/src/session/flv_session.js' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  import type WebSocket from 'ws';
  import BaseSession from 'node-media-server/src/session/base_session.js';
  import type BroadcastServer from 'node-media-server/src/server/broadcast_server.js';
  /**
   * An HTTP-FLV or WebSocket-FLV viewer (or publisher). Over HTTP it reads express's
   * `req.params.app`, `req.params.name`, `req.query` and `req.hostname`. Its constructor returns
   * early on a name outside [a-zA-Z0-9_-] without setting `broadcast`, and `run()` then throws.
   */
  class FlvSession extends BaseSession {
    constructor(req: IncomingMessage, res: ServerResponse | WebSocket);
    broadcast: BroadcastServer | undefined;
    run: () => void;
    onPlay: () => void;
    onPush: () => void;
    onData: (data: Buffer) => void;
    onClose: () => void;
  }
  export = FlvSession;
}

declare module 'node-media-server/src/protocol/rtmp_client.js' {
  import type { Socket } from 'node:net';
  import type AVPacket from 'node-media-server/src/core/avpacket.js';
  /** The RTMP client behind the relay (4.3+); the benchmark also uses it as a player. */
  class RtmpClient {
    socket: Socket | null;
    connected: boolean;
    onPacketCallback: (packet: AVPacket) => void;
    onCloseCallback: (hadError: boolean) => void;
    onErrorCallback: (error: Error) => void;
    /** The socket's data handler; read when connect() attaches it. */
    handleData: (data: Buffer) => void;
    connect(url: string): Promise<void>;
    sendConnect(): Promise<unknown>;
    sendCreateStream(): Promise<number>;
    sendPlay(streamName: string): Promise<unknown>;
    disconnect(): void;
  }
  export = RtmpClient;
}

declare module 'node-media-server/src/session/rtmp_client_session.js' {
  import BaseSession from 'node-media-server/src/session/base_session.js';
  import type RtmpClient from 'node-media-server/src/protocol/rtmp_client.js';
  /** The in-process RTMP push (or pull) of one relay task. */
  class RtmpClientSession extends BaseSession {
    constructor(config: { url: string; mode: 'push' | 'pull'; streamPath: string; reconnect?: boolean });
    url: string;
    rtmpClient: RtmpClient;
    isRunning: boolean;
    isRegistered: boolean;
    connectAndStart: () => Promise<void>;
  }
  export = RtmpClientSession;
}

declare module 'node-media-server/src/core/context.js' {
  import type { EventEmitter } from 'node:events';
  import type BaseSession from 'node-media-server/src/session/base_session.js';
  import type BroadcastServer from 'node-media-server/src/server/broadcast_server.js';
  const Context: {
    config: Record<string, unknown>;
    sessions: Map<string, BaseSession>;
    broadcasts: Map<string, BroadcastServer>;
    eventEmitter: EventEmitter;
  };
  export = Context;
}

declare module 'node-media-server/src/core/logger.js' {
  /** The library's console logger (a singleton). */
  const logger: { level: string; log(message: string, level?: string): void };
  export = logger;
}

declare module 'node-media-server' {
  import type { Server as NetServer, Socket } from 'node:net';
  import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
  import type WebSocket from 'ws';
  import type BaseSession from 'node-media-server/src/session/base_session.js';

  export interface NmsConfig {
    bind?: string;
    rtmp?: { port?: number };
    http?: { port?: number };
    static?: { router?: string; root?: string };
    webadmin?: { enable?: boolean };
    store?: { path?: string; maxHistory?: number };
    record?: { path?: string; auto?: boolean };
  }

  /** The library's server: RTMP and HTTP-FLV listeners, relay tasks, a JSON store. */
  class NodeMediaServer {
    constructor(config: NmsConfig, configPath?: string);
    on(event: 'prePublish' | 'postPublish' | 'donePublish' | 'prePlay' | 'postPlay' | 'donePlay', listener: (session: BaseSession) => void): void;
    run(): Promise<void>;
    stop(): Promise<void>;
    rtmpServer: { tcpServer?: NetServer; _sockets: Set<Socket>; run(): void };
    httpServer: {
      httpServer?: HttpServer;
      /** Called (through `this`) by the WebSocket server for each connection; the express route keeps its own reference. */
      handleFlv: (req: IncomingMessage, res: ServerResponse | WebSocket) => void;
      run(): void;
    };
    relayServer: { listTasks(): Array<{ taskKey: string }>; removeTask(taskKey: string): boolean };
    /** Its JSON store (relay tasks, records, stream history with every publisher's stream name); opened by run(). */
    store: { opened: boolean; open(): Promise<void> };
  }
  export = NodeMediaServer;
}
