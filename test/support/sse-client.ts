import { waitFor } from './wait-for.js';

export interface SseMessage {
  event: string;
  data: unknown;
  /** When it arrived (Date.now()), for benchmarks that time a change to the screen. */
  at: number;
}

/** A test reader of a Server-Sent Events endpoint: collects every event; `close()` hangs up. */
export class SseClient {
  readonly messages: SseMessage[] = [];
  private constructor(
    readonly status: number,
    readonly contentType: string | null,
    private readonly controller: AbortController,
  ) {}

  static async open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const controller = new AbortController();
    const res = await fetch(url, { headers, signal: controller.signal });
    const client = new SseClient(res.status, res.headers.get('content-type'), controller);
    if (res.ok && res.body) void client.read(res.body);
    else await res.body?.cancel();
    return client;
  }

  of(event: string): unknown[] {
    return this.messages.filter((m) => m.event === event).map((m) => m.data);
  }

  waitFor<T>(event: string, predicate: (data: T) => boolean, what = `a ${event} event`): Promise<T> {
    return waitFor(() => (this.of(event) as T[]).find(predicate), 10_000, what);
  }

  close(): void {
    this.controller.abort();
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event !== undefined && data !== undefined) this.messages.push({ event, data: JSON.parse(data), at: Date.now() });
        }
      }
    } catch {
      // Aborted by close(), or the server went away: the messages so far stay readable.
    }
  }
}
