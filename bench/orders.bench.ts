import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { MemoryChannel } from '../bots/memory/memory-channel.js';
import { parseShow } from '../config/loader.js';
import { startShowcart, type Showcart } from '../orchestrator/app.js';
import { Secrets } from '../orchestrator/shared/secrets.js';
import { fmt, type BenchResult } from './measure.js';

const BUYERS = Number(process.env.SHOWCART_BENCH_BUYERS ?? 10_000);
const UNITS = 10;

/**
 * Order contention: 10,000 known viewers type !buy at once for 10 units, on a SQLite file, through
 * the whole app (parse, command, order transaction, reply). Time until every buyer has an answer.
 */
export async function benchOrders(): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'showcart-bench-orders-'));
  const config = parseShow(
    `show: { id: rush, name: Rush }
server: { host: 127.0.0.1, port: 0 }
channels: { web: { enabled: false } }
products: [{ sku: LAST, title: Last candles, price: 10, stock: ${UNITS} }]
checkout: { linkTemplate: "https://pay.example/c?o={order}", hold: 30m }
moderation: { enabled: false }
`,
    'rush.yaml',
    {},
  ).config;
  const chat = new MemoryChannel('twitch', ['shop']);
  const app = await startShowcart({
    config,
    database: { sqlitePath: join(dir, 'rush.sqlite') },
    secrets: new Secrets({}),
    log: pino({ level: 'silent' }),
    extraChannels: [chat],
  });
  try {
    // Every buyer known first, so the rush measures orders, not viewer creation.
    await Promise.all(Array.from({ length: BUYERS }, (_, i) => chat.say({ id: `b${i}`, name: `buyer${i}` }, 'hello')));
    await app.idle();

    const start = performance.now();
    await Promise.all(Array.from({ length: BUYERS }, (_, i) => chat.say({ id: `b${i}`, name: `buyer${i}` }, '!buy LAST')));
    await app.idle();
    const seconds = (performance.now() - start) / 1000;
    const confirmed = chat.sent.filter((m) => m.text.startsWith('Reserved for you (cart ')).length;
    const waitlisted = chat.sent.filter((m) => m.text.includes('waitlist')).length;
    return {
      lines: [
        `${fmt(BUYERS)} concurrent !buy on ${UNITS} units (SQLite file, known viewers): settled in ${fmt(seconds, 2)} s → ${fmt(BUYERS / seconds)} buy commands/s (target ≥ 2,000)`,
        `${confirmed} confirmed (exactly ${UNITS} expected), ${fmt(waitlisted)} waitlisted, stock left ${await stockLeft(app)}`,
      ],
      figures: { buyers: BUYERS, units: UNITS, seconds, buysPerSecond: BUYERS / seconds, confirmed, waitlisted },
    };
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function stockLeft(app: Showcart): Promise<number> {
  return (await app.store.models.Product.findOne({ where: { sku: 'LAST' } }))?.stockAvailable ?? NaN;
}
