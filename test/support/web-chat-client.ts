import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import WebSocket from 'ws';
import type { ServerMessage, WebLine } from '../../bots/web/web-protocol.js';
import { frameText } from '../fakes/ws-util.js';
import { waitFor } from './wait-for.js';

/** The server answered the upgrade with this HTTP status instead of a WebSocket. */
export class UpgradeRefused extends Error {
  constructor(readonly status: number) {
    super(`upgrade refused with HTTP ${status}`);
  }
}

/** A scripted browser tab of the web chat: speaks the same WebSocket protocol as web/chat/chat.js. */
export class WebChatClient {
  readonly messages: ServerMessage[] = [];
  /** Resolves with the close code once the socket has closed, whoever closed it. */
  readonly closed: Promise<number>;
  private readonly listeners = new Set<(m: ServerMessage) => void>();
  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const m = JSON.parse(frameText(data)) as ServerMessage;
      this.messages.push(m);
      for (const listener of this.listeners) listener(m);
    });
    this.closed = new Promise((resolve) => ws.once('close', (code) => resolve(code)));
  }

  static async join(baseUrl: string, name: string, session?: string, invite?: string): Promise<WebChatClient> {
    const client = await WebChatClient.open(baseUrl, name, session, invite);
    await waitFor(() => client.welcome, 5000, `welcome for ${name}`);
    return client;
  }

  /** Connects and says hello without waiting for the welcome (which a private show may refuse). */
  static async open(baseUrl: string, name: string, session?: string, invite?: string): Promise<WebChatClient> {
    const client = await WebChatClient.connect(baseUrl);
    client.hello(name, session, invite);
    return client;
  }

  /** Connects without saying anything; rejects with {@link UpgradeRefused} if the server will not upgrade. */
  static async connect(baseUrl: string, path = '/ws/chat'): Promise<WebChatClient> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${path}`);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) => {
        res.resume();
        reject(new UpgradeRefused(res.statusCode ?? 0));
        ws.terminate();
      });
      ws.once('error', reject);
    });
    return new WebChatClient(ws);
  }

  get welcome(): Extract<ServerMessage, { type: 'welcome' }> | undefined {
    return this.messages.find((m): m is Extract<ServerMessage, { type: 'welcome' }> => m.type === 'welcome');
  }

  get lines(): WebLine[] {
    return this.messages.flatMap((m) => (m.type === 'line' ? [m.line] : []));
  }

  get errors(): string[] {
    return this.messages.flatMap((m) => (m.type === 'error' ? [m.message] : []));
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  hello(name: string, session?: string, invite?: string): void {
    this.ws.send(JSON.stringify({ type: 'hello', name, ...(session && { session }), ...(invite && { invite }) }));
  }

  say(text: string): void {
    this.ws.send(JSON.stringify({ type: 'say', text }));
  }

  /** Sends any text frame at all. */
  sendRaw(text: string): void {
    this.ws.send(text);
  }

  /** The first line, already here or still to come, that `predicate` accepts; rejects after `timeoutMs`. */
  waitForLine(predicate: (l: WebLine) => boolean, what = 'a line', timeoutMs = 5000): Promise<WebLine> {
    const found = this.lines.find(predicate);
    if (found) return Promise.resolve(found);
    // Woken by each message rather than polled: a thousand clients waiting at once cost nothing.
    return new Promise((resolve, reject) => {
      const listener = (m: ServerMessage) => {
        if (m.type !== 'line' || !predicate(m.line)) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(m.line);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      this.listeners.add(listener);
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve();
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

/**
 * A WebSocket spoken by hand over TCP, for peers a browser would never be: one that stops reading,
 * one that never answers a ping. It sends masked text frames and reads nothing it is not asked to.
 */
export class RawChatSocket {
  /** Resolves once the TCP connection is gone. */
  readonly closed: Promise<void>;
  private constructor(
    private readonly socket: Socket,
    /** The status line's code: 101 when upgraded. */
    readonly status: number,
  ) {
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  static async open(baseUrl: string, path = '/ws/chat'): Promise<RawChatSocket> {
    const { hostname, port } = new URL(baseUrl);
    const socket = connect(Number(port), hostname);
    socket.on('error', () => undefined);
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
    // Reads the response head byte by byte, so no WebSocket frame after it is consumed here.
    const head = await new Promise<string>((resolve, reject) => {
      let text = '';
      const onReadable = () => {
        let chunk: Buffer | null;
        while (!text.endsWith('\r\n\r\n') && (chunk = socket.read(1) as Buffer | null) !== null) text += chunk.toString('latin1');
        if (text.endsWith('\r\n\r\n')) done(() => resolve(text));
      };
      const onEnd = () => done(() => (text ? resolve(text) : reject(new Error('closed before answering'))));
      const done = (then: () => void) => {
        socket.off('readable', onReadable);
        socket.off('end', onEnd);
        then();
      };
      socket.on('readable', onReadable);
      socket.once('end', onEnd);
    });
    return new RawChatSocket(socket, Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0));
  }

  sendText(text: string): void {
    const payload = Buffer.from(text);
    const mask = randomBytes(4);
    const length = payload.length < 126 ? Buffer.from([0x80 | payload.length]) : Buffer.from([0x80 | 126, payload.length >> 8, payload.length & 0xff]);
    const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
    this.socket.write(Buffer.concat([Buffer.from([0x81]), length, mask, masked]));
  }

  /** Bytes read since {@link drain}. */
  received = 0;

  /** Reads (and throws away, counting) everything from now on: the peer is alive but answers no ping. */
  drain(): void {
    this.socket.on('data', (chunk: Buffer) => (this.received += chunk.length));
    this.socket.resume();
  }

  destroy(): void {
    this.socket.destroy();
  }
}
