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
  /** A connection to the RTMP listener (OBS, or a player). */
  class RtmpSession extends BaseSession {
    socket: Socket;
    broadcast: BroadcastServer;
    rtmp: { onPacketCallback: (packet: AVPacket) => void };
  }
  export = RtmpSession;
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
  import type { Server as NetServer } from 'node:net';
  import type { Server as HttpServer } from 'node:http';
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
    rtmpServer: { tcpServer?: NetServer };
    httpServer: { httpServer?: HttpServer };
    relayServer: { listTasks(): Array<{ taskKey: string }>; removeTask(taskKey: string): boolean };
    store: { opened: boolean; _onSignal?: (signal: NodeJS.Signals) => void };
  }
  export = NodeMediaServer;
}
