import RtmpClientSession from 'node-media-server/src/session/rtmp_client_session.js';
import { MAX_QUEUED_BYTES, settleOnce, type Attempt } from './attempt.js';
import { scrubLibraryLine } from './mask.js';
import type { PublicFeed } from './public-feed.js';

/**
 * One in-process RTMP push (node-media-server 4.3+'s relay client) reading the public feed.
 * The session is made directly, not through the relay server's task list: that list is persisted
 * and restored at boot (a restored task leaks its socket) and a dead task blocks re-adding its URL.
 * Its own reconnect (no jitter) is off; the supervisor retries with backoff and jitter like ffmpeg.
 */
export function startPush(url: string, feed: PublicFeed): Attempt {
  const session = new RtmpClientSession({ url, mode: 'push', streamPath: feed.path, reconnect: false });
  const client = session.rtmpClient;
  const end = settleOnce<string>();
  let lastError: string | undefined;
  const finish = (reason: string) => {
    if (end.settled()) return;
    session.close();
    end.settle(scrubLibraryLine(lastError ?? reason, ''));
  };

  const onError = client.onErrorCallback;
  client.onErrorCallback = (err) => {
    lastError = err.message;
    onError(err);
  };
  const onClose = client.onCloseCallback;
  client.onCloseCallback = (hadError) => {
    onClose(hadError);
    finish('the platform closed the connection');
  };
  // The client's write throws once its socket is gone; inside the feed's fan-out that would reach the publisher's socket handler.
  const send = session.sendBuffer;
  session.sendBuffer = (buffer) => {
    if ((client.socket?.writableLength ?? 0) > MAX_QUEUED_BYTES) return;
    try {
      send(buffer);
    } catch (err) {
      lastError = (err as Error).message;
      finish('write failed');
    }
  };

  // The client parses what the platform sends inside our process; a parser that throws on odd
  // input must end this attempt, not the app (ffmpeg keeps that risk in its own process).
  const handle = client.handleData;
  client.handleData = (data) => {
    try {
      handle(data);
    } catch (err) {
      lastError = `unreadable reply from the platform: ${(err as Error).message}`;
      finish('unreadable reply');
    }
  };

  session.isRunning = true;
  session.createTime = Date.now();
  session.connectAndStart().catch((err: unknown) => {
    lastError = err instanceof Error ? err.message : String(err);
    finish('connect failed');
  });

  return {
    ended: end.promise,
    bytesOut: () => session.outBytes - (client.socket?.writableLength ?? 0),
    stop: async () => {
      finish('stopped');
    },
  };
}
