import { EventEmitter } from 'node:events';
import type { Request, Response } from 'express';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Bus } from '../../orchestrator/bus.js';
import type { FlashControl } from '../../orchestrator/commerce/flash-sales.js';
import type { PollControl, PollView } from '../../orchestrator/events/poll-types.js';
import { MAX_BUCKETS, toBuckets } from '../../orchestrator/http/live/engagement.js';
import { overlayState, POLL_RESULT_MS } from '../../orchestrator/http/live/overlay-view.js';
import { SnapshotFeed } from '../../orchestrator/http/live/snapshot-feed.js';
import { openSse } from '../../orchestrator/http/live/sse-stream.js';
import { RunningShow } from '../../orchestrator/show.js';
import { testConfig } from '../support/test-show.js';

/** A response that keeps what is written and lets a test decide how much is still unsent. */
function fakeSse(): { req: Request; res: Response; written: string[]; setBacklog: (bytes: number) => void; destroyed: () => boolean } {
  const req = new EventEmitter() as unknown as Request;
  const written: string[] = [];
  let backlog = 0;
  let destroyed = false;
  const res = Object.assign(new EventEmitter(), {
    status: () => res,
    set: () => res,
    flushHeaders: () => undefined,
    socket: null,
    writableEnded: false,
    write: (chunk: string) => written.push(chunk) > 0,
    end: () => {
      (res as { writableEnded: boolean }).writableEnded = true;
    },
    destroy: () => {
      destroyed = true;
    },
  }) as unknown as Response;
  Object.defineProperty(res, 'writableLength', { get: () => backlog });
  return { req, res, written, setBacklog: (bytes) => (backlog = bytes), destroyed: () => destroyed };
}

const poll = (over: Partial<PollView>): PollView => ({
  id: 'colour',
  question: 'Which colour?',
  options: [
    { label: 'Red', votes: 1 },
    { label: 'Blue', votes: 3 },
  ],
  total: 4,
  state: 'open',
  startedAt: 0,
  endsAt: 60_000,
  leaders: [1],
  byPlatform: { twitch: 4 },
  ...over,
});

const noFlash: FlashControl = {
  current: () => undefined,
  start: () => ({ ok: false, reason: 'unknown-sale', message: '' }),
  stop: () => false,
  list: () => [],
};

describe('server-sent event streams', () => {
  it('GIVEN an open stream WHEN an event is sent THEN it is framed as one SSE event with JSON data on one line', () => {
    const { req, res, written } = fakeSse();
    const stream = openSse(req, res, { heartbeatMs: 60_000 });
    expect(stream.send('log', { text: 'two\nlines' })).toBe(true);
    expect(written.at(-1)).toBe('event: log\ndata: {"text":"two\\nlines"}\n\n');
    stream.close();
  });

  it('GIVEN a browser that stopped reading WHEN its unsent backlog passes the cap THEN the stream is closed instead of growing, and its listeners run once', () => {
    const { req, res, written, setBacklog, destroyed } = fakeSse();
    const stream = openSse(req, res, { heartbeatMs: 60_000, maxBufferedBytes: 1000 });
    const closed = vi.fn();
    stream.onClose(closed);
    setBacklog(1001);
    const before = written.length;
    expect(stream.send('log', { n: 1 })).toBe(false);
    expect(written.length).toBe(before);
    expect([stream.closed, destroyed(), closed.mock.calls.length]).toEqual([true, true, 1]);
    expect(stream.send('log', { n: 2 })).toBe(false);
    req.emit('close');
    expect(closed).toHaveBeenCalledTimes(1);
  });

  it('GIVEN an open stream WHEN the browser goes away THEN the close listeners run', () => {
    const { req, res } = fakeSse();
    const stream = openSse(req, res, { heartbeatMs: 60_000 });
    const closed = vi.fn();
    stream.onClose(closed);
    req.emit('close');
    expect(closed).toHaveBeenCalledTimes(1);
    expect(stream.closed).toBe(true);
  });
});

describe('a snapshot shared by live streams', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('GIVEN many touches within the throttle WHEN time passes THEN the snapshot is built once and sent only when it changed', async () => {
    let value = 1;
    const build = vi.fn(() => ({ value }));
    const feed = new SnapshotFeed(build, { throttleMs: 1000, onError: () => undefined });
    const got: unknown[] = [];
    feed.subscribe((s) => got.push(s));
    value = 2;
    for (let i = 0; i < 50; i++) feed.touch();
    await vi.advanceTimersByTimeAsync(1000);
    expect(build).toHaveBeenCalledTimes(1);
    feed.touch();
    await vi.advanceTimersByTimeAsync(1000);
    expect(got).toEqual([{ value: 2 }]);
    feed.stop();
  });

  it('GIVEN no listener WHEN touched THEN nothing is built', async () => {
    const build = vi.fn(() => ({}));
    const feed = new SnapshotFeed(build, { throttleMs: 10, onError: () => undefined });
    feed.touch();
    await vi.advanceTimersByTimeAsync(100);
    expect(build).not.toHaveBeenCalled();
  });
});

describe('engagement buckets', () => {
  it('GIVEN counts per type and slot WHEN bucketed THEN every bucket from start to end is there, series added up, unknown types ignored', () => {
    const rows = toBuckets(
      [
        { type: 'chat.message', slot: 100, n: 5 },
        { type: 'order.ordered', slot: 101, n: 1 },
        { type: 'payment.paid', slot: 101, n: 1 },
        { type: 'poll.vote', slot: 102, n: 7 },
        { type: 'something.else', slot: 102, n: 9 },
      ],
      10_000,
      1_000_000,
      1_029_999,
    );
    expect(rows).toEqual([
      { at: 1_000_000, chat: 5, buys: 0, paid: 0, votes: 0 },
      { at: 1_010_000, chat: 0, buys: 1, paid: 1, votes: 0 },
      { at: 1_020_000, chat: 0, buys: 0, paid: 0, votes: 7 },
    ]);
  });

  it('GIVEN a range longer than the cap WHEN bucketed THEN only the newest buckets are kept', () => {
    const rows = toBuckets([{ type: 'chat.message', slot: 0, n: 1 }], 1000, 0, (MAX_BUCKETS + 10) * 1000);
    expect(rows).toHaveLength(MAX_BUCKETS);
    expect(rows.at(-1)!.at).toBe((MAX_BUCKETS + 10) * 1000);
    expect(rows.every((r) => r.chat === 0)).toBe(true);
  });
});

describe('the overlay state', () => {
  const config = testConfig(`featured: MUG
promotions:
  flashSales: [{ id: rush, sku: MUG, price: 9, duration: 60 }]
overlay: { position: top-right, colors: { accent: "#00c2a8" } }`);

  const NO_RUNS = { open: () => Promise.resolve(1), close: () => Promise.resolve() };
  const newShow = () =>
    new RunningShow(
      config,
      NO_RUNS,
      new Bus((_event, err) => {
        throw err;
      }),
    );

  it('GIVEN a featured product, a running poll, a flash sale and an unlock THEN the overlay gets them themed, and nothing about who voted', () => {
    const show = newShow();
    const polls = { current: () => poll({}), list: () => [poll({})] } as unknown as PollControl;
    const flash: FlashControl = { ...noFlash, list: () => [{ saleId: 'rush', sku: 'MUG', priceCents: 900, endsAt: 70_000, maxPerBuyer: 1 }] };
    const state = overlayState(
      { show, flash, polls, unlocks: () => [{ id: 'crowd', keyword: 'want', count: 3, goal: 10, reached: false, discount: { percent: 10 } } as never] },
      10_000,
    );

    expect(state.featured).toEqual({ sku: 'MUG', title: 'Mug', price: '€12.00', priceCents: 1200, currency: 'EUR', image: null });
    expect(state.poll?.options.map((o) => o.votes)).toEqual([1, 3]);
    expect(state.flash).toEqual([{ id: 'rush', sku: 'MUG', title: 'Mug', price: '€9.00', endsAt: 70_000 }]);
    expect(state.unlocks).toEqual([{ id: 'crowd', keyword: 'want', count: 3, goal: 10, reached: false }]);
    expect(state.theme).toMatchObject({ position: 'top-right', colors: { accent: '#00c2a8' } });
    expect(JSON.stringify(state)).not.toMatch(/viewerId|userId/);
  });

  it('GIVEN a poll that closed WHEN its result has been shown long enough THEN it leaves the overlay', () => {
    const show = newShow();
    const closed = poll({ state: 'closed', endsAt: 100_000 });
    const polls = { current: () => undefined, list: () => [closed] } as unknown as PollControl;
    expect(overlayState({ show, flash: noFlash, polls }, 100_000 + POLL_RESULT_MS - 1).poll?.state).toBe('closed');
    expect(overlayState({ show, flash: noFlash, polls }, 100_000 + POLL_RESULT_MS).poll).toBeNull();
  });

  it('GIVEN a flash sale past its end THEN the overlay no longer counts it down', () => {
    const show = newShow();
    const flash: FlashControl = { ...noFlash, list: () => [{ saleId: 'rush', sku: 'MUG', priceCents: 900, endsAt: 5_000, maxPerBuyer: 1 }] };
    expect(overlayState({ show, flash }, 5_000).flash).toEqual([]);
  });
});
