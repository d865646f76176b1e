import type { Request, Response } from 'express';

export interface SseOptions {
  /** A comment line this often keeps proxies and the browser from closing an idle stream. */
  heartbeatMs?: number;
  /**
   * Bytes the socket may hold unsent before the client counts as too slow. Past it the stream is
   * closed instead of growing: the browser's EventSource reconnects and reloads the state.
   */
  maxBufferedBytes?: number;
  /** What the browser waits before reconnecting. */
  retryMs?: number;
}

/** One open Server-Sent Events response. */
export interface SseStream {
  /** Queues one event; false when the stream is closed (or was just closed for being too slow). */
  send(event: string, data: unknown): boolean;
  readonly closed: boolean;
  /** Runs once when the browser goes away, the server stops, or the stream is closed. */
  onClose(listener: () => void): void;
  close(): void;
}

/** Starts an event stream on `res`; cleanup runs on every way it can end. */
export function openSse(req: Request, res: Response, options: SseOptions = {}): SseStream {
  const maxBuffered = options.maxBufferedBytes ?? 256 * 1024;
  const listeners: Array<() => void> = [];
  let closed = false;

  res.status(200);
  res.set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    // nginx would otherwise hold events back in its buffer.
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
  res.socket?.setNoDelay(true);
  res.write(`retry: ${options.retryMs ?? 2000}\n\n`);

  const heartbeat = setInterval(() => write(': ping\n\n'), options.heartbeatMs ?? 15_000);
  heartbeat.unref();

  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    for (const listener of listeners.splice(0)) listener();
    if (!res.writableEnded) res.end();
  };

  function write(chunk: string): boolean {
    if (closed) return false;
    if (res.writableLength > maxBuffered) {
      // Cheaper to make a stalled browser start over than to keep its backlog.
      close();
      res.destroy();
      return false;
    }
    res.write(chunk);
    return true;
  }

  req.on('close', close);
  res.on('close', close);
  res.on('error', close);

  return {
    send: (event, data) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
    get closed() {
      return closed;
    },
    onClose: (listener) => {
      if (closed) listener();
      else listeners.push(listener);
    },
    close,
  };
}
