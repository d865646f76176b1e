import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { MemoryChannel } from '../bots/memory/memory-channel.js';
import { parseShow } from '../config/loader.js';
import { startShowcart } from '../orchestrator/app.js';
import type { Platform } from '../orchestrator/chat-types.js';
import { Secrets } from '../orchestrator/shared/secrets.js';
import { SseClient } from '../test/support/sse-client.js';
import { fmt, spread, type BenchResult } from './measure.js';

const RATE = Number(process.env.SHOWCART_BENCH_AUCTION_RATE ?? 3_000);
const SECONDS = Number(process.env.SHOWCART_BENCH_AUCTION_SECONDS ?? 5);
const VIEWERS = Number(process.env.SHOWCART_BENCH_AUCTION_VIEWERS ?? 400);
const PLATFORMS: Platform[] = ['telegram', 'twitch', 'discord', 'web'];

/**
 * One auction under a bidding war: `RATE` bids a second for `SECONDS` from `VIEWERS` viewers on
 * three platforms and the web (in-process channels, no platform limits), on a SQLite file, every
 * bid in the anti-snipe window. A bid's acknowledgement is the moment its line is handled: decided
 * in its transaction, the reply queued and `auction.updated` (what the overlay and storefront
 * read) emitted. Prints bids accepted per second and the time from a bid to its acknowledgement.
 */
export async function benchAuction(): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'showcart-bench-auction-'));
  const config = parseShow(
    `show: { id: auction-bench, name: Auction bench }
server: { host: 127.0.0.1, port: 0 }
channels: { web: { enabled: false } }
products: [{ sku: LOT, title: Lot, price: 100, stock: 1 }]
checkout: { provider: builtin, hold: 15m }
moderation: { enabled: false }
auctions: [{ id: lot, sku: LOT, start: 1, duration: 10m, antiSnipe: 10m }]
`,
    'auction-bench.yaml',
    {},
  ).config;
  const channels = PLATFORMS.map((p) => new MemoryChannel(p, [`${p}-room`], undefined, { canDirectMessage: p !== 'twitch' }));
  const app = await startShowcart({
    config,
    database: { sqlitePath: join(dir, 'auction.sqlite') },
    secrets: new Secrets({}),
    log: pino({ level: 'silent' }),
    extraChannels: channels,
  });
  try {
    // Known viewers, as in a show under way: each has said something before the auction.
    for (let i = 0; i < VIEWERS; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, VIEWERS - i) }, (_, k) => channels[(i + k) % channels.length]!.say({ id: `v${i + k}`, name: `v${i + k}` }, 'hi')),
      );
    }
    await app.idle();
    // What the overlay and the storefront's auction card read: the public feed, over HTTP.
    const screen = await SseClient.open(`${app.url}/api/overlay/live`);
    await app.runtime.auctions.start('lot', 'bench');
    let updates = 0;
    const off = app.bus.on('auction.updated', () => void updates++);
    const acks: number[] = [];
    const lines: Array<Promise<void>> = [];
    const total = RATE * SECONDS;
    const started = performance.now();
    for (let i = 0; i < total; i++) {
      // Paced in 10 ms slices, as a burst from many chats arrives.
      if (i % Math.max(1, RATE / 100) === 0) await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + (i / RATE) * 1000 - performance.now())));
      const channel = channels[i % channels.length]!;
      // The same viewer on the same chat, so each is one known identity.
      const n = Math.floor(i / channels.length) % Math.ceil(VIEWERS / channels.length);
      const viewer = `v${n * channels.length + (i % channels.length)}`;
      const text = i % 10 < 6 ? '!bid' : i % 10 < 9 ? `!maxbid ${1 + Math.floor(i / 2)}` : `!bid ${1 + Math.floor(i / 3)}`;
      const sent = performance.now();
      lines.push(channel.say({ id: viewer, name: viewer }, text).then(() => void acks.push(performance.now() - sent)));
    }
    await Promise.all(lines);
    const elapsed = (performance.now() - started) / 1000;
    off();
    await app.runtime.auctions.end('bench');
    await app.idle();
    const counted = await app.store.models.Bid.count({ where: { outcome: ['leading', 'outbid', 'raised'] } });
    const s = spread(acks);
    const shown = spread(
      onScreen(await app.store.models.Bid.findAll({ where: { outcome: ['leading', 'outbid', 'raised'] }, order: [['id', 'ASC']], attributes: ['at'] }), screen),
    );
    screen.close();
    const figures = {
      offeredPerSecond: RATE,
      bids: total,
      accepted: counted,
      acceptedPerSecond: counted / elapsed,
      updates,
      ackP50Ms: s.p50,
      ackP99Ms: s.p99,
      ackMaxMs: s.max,
      screenP50Ms: shown.p50,
      screenP99Ms: shown.p99,
      screenMaxMs: shown.max,
    };
    return {
      lines: [
        `${fmt(total)} bids from ${fmt(VIEWERS)} viewers on ${PLATFORMS.length} chats at ${fmt(RATE)}/s offered: ${fmt(counted)} counted (${fmt(counted / elapsed)}/s), the rest refused as too low or already leading`,
        `bid → acknowledged (decided, reply queued, overlay/storefront update emitted): p50 ${fmt(s.p50, 1)} ms, p99 ${fmt(s.p99, 1)} ms, max ${fmt(s.max, 1)} ms; ${fmt(updates)} updates`,
        `bid → on the overlay's and the storefront's feed (GET /api/overlay/live, throttled to 4 pictures a second): p50 ${fmt(shown.p50)} ms, p99 ${fmt(shown.p99)} ms, max ${fmt(shown.max)} ms over ${fmt(shown.n)} counted bids`,
      ],
      figures,
    };
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * For each counted bid (in the order they were decided), the time from its arrival
 * to the first picture of the public feed whose bid count includes it.
 */
function onScreen(bids: ReadonlyArray<{ at: Date }>, screen: SseClient): number[] {
  const pictures = screen.messages
    .filter((m) => m.event === 'state')
    .map((m) => ({ at: m.at, bids: (m.data as { auction?: { bids: number } | null }).auction?.bids ?? 0 }));
  const delays: number[] = [];
  let k = 0;
  for (const p of pictures) {
    for (; k < Math.min(p.bids, bids.length); k++) delays.push(p.at - bids[k]!.at.getTime());
  }
  return delays;
}
