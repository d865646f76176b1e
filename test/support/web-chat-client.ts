import WebSocket from 'ws';
import type { ServerMessage, WebLine } from '../../bots/web/web-protocol.js';
import { waitFor } from './wait-for.js';

/** A scripted browser tab of the web chat: speaks the same WebSocket protocol as web/chat/chat.js. */
export class WebChatClient {
  readonly messages: ServerMessage[] = [];
  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => this.messages.push(JSON.parse(data.toString()) as ServerMessage));
  }

  static async join(baseUrl: string, name: string, session?: string, invite?: string): Promise<WebChatClient> {
    const client = await WebChatClient.open(baseUrl, name, session, invite);
    await waitFor(() => client.welcome, 5000, `welcome for ${name}`);
    return client;
  }

  /** Connects and says hello without waiting for the welcome (which a private show may refuse). */
  static async open(baseUrl: string, name: string, session?: string, invite?: string): Promise<WebChatClient> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws/chat`);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const client = new WebChatClient(ws);
    ws.send(JSON.stringify({ type: 'hello', name, ...(session && { session }), ...(invite && { invite }) }));
    return client;
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

  say(text: string): void {
    this.ws.send(JSON.stringify({ type: 'say', text }));
  }

  waitForLine(predicate: (l: WebLine) => boolean, what = 'a line'): Promise<WebLine> {
    return waitFor(() => this.lines.find(predicate), 5000, what);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve();
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}
