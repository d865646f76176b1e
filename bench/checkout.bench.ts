import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { parseShow } from '../config/loader.js';
import { startShowcart } from '../orchestrator/app.js';
import { Secrets } from '../orchestrator/shared/secrets.js';
import { WebChatClient } from '../test/support/web-chat-client.js';
import { fmt, spread, type BenchResult } from './measure.js';

const RATE = Number(process.env.SHOWCART_BENCH_CHECKOUT_RATE ?? 200);
const SECONDS = Number(process.env.SHOWCART_BENCH_CHECKOUT_SECONDS ?? 10);
/** One viewer buys once a second: RATE viewers make RATE buys per second. */
const VIEWERS = RATE;
const BUYS = RATE * SECONDS;

/**
 * The checkout path as a buyer lives it, at `RATE` buys per second from web chat viewers over
 * real WebSockets, the built-in provider in test mode, on a SQLite file: `!buy` → the private reply
 * with its link in hand; then at once the checkout page's API read and the test-mode Pay → paid,
 * and a second later the next buy (a new cart). Every viewer sees every other's chat line, as on
 * the real page, so the fan-out of 200 lines/s to 200 sockets is part of the load.
 */
export async function benchCheckout(): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'showcart-bench-checkout-'));
  const config = parseShow(
    `show: { id: checkout-bench, name: Checkout bench }
server: { host: 127.0.0.1, port: 0 }
channels:
  web:
    limits:
      perAddress: { connections: ${VIEWERS + 100}, newSessions: { count: ${VIEWERS * 2}, per: 1m }, lines: { count: ${RATE * 10}, per: 1s } }
      perViewer: { lines: { count: 100, per: 5s } }
      perSocket: { frames: { count: 1000, per: 10s } }
products: [{ sku: CANDLE, title: Candle, price: 12, stock: ${BUYS * 2}, maxPerBuyer: ${BUYS} }]
checkout: { provider: builtin, hold: 15m, shipping: { pickup: "Studio" }, limits: { holdsPerAddress: ${BUYS * 2}, maxPerBuyer: ${BUYS} } }
moderation: { enabled: false }
`,
    'checkout-bench.yaml',
    {},
  ).config;
  const app = await startShowcart({
    config,
    database: { sqlitePath: join(dir, 'checkout.sqlite') },
    secrets: new Secrets({ SHOWCART_WEB_SECRET: 'checkout-bench-web-session-secret-0123456789' }),
    log: pino({ level: 'silent' }),
  });
  const clients: WebChatClient[] = [];
  try {
    for (let i = 0; i < VIEWERS; i += 50) {
      clients.push(...(await Promise.all(Array.from({ length: Math.min(50, VIEWERS - i) }, (_, k) => WebChatClient.join(app.url, `buyer${i + k}`)))));
    }
    const toLink: number[] = [];
    const toPaid: number[] = [];
    const failures: string[] = [];
    /** One buy and its payment: the reply with the link, then the page's read and Pay (test). */
    const buyAndPay = async (client: WebChatClient, name: string): Promise<void> => {
      const sent = performance.now();
      const before = client.lines.length;
      client.say('!buy CANDLE');
      const line = await client
        .waitForLine(
          (l) => l.kind === 'bot' && l.private === true && l.link !== undefined && client.lines.indexOf(l) >= before,
          'the reply with its link',
          30_000,
        )
        .catch(() => undefined);
      if (!line?.link) return void failures.push(`${name}: no link`);
      toLink.push(performance.now() - sent);
      const token = line.link.url.split('/c/')[1]!;
      const paidFrom = performance.now();
      const page = await fetch(`${app.url}/api/checkout/${token}`);
      if (page.status !== 200) return void failures.push(`${name}: page ${page.status}`);
      const res = await fetch(`${app.url}/api/checkout/${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, email: `${name}@example.com`, delivery: 'pickup', provider: 'builtin' }),
      });
      const body = (await res.json()) as { status?: string };
      if (body.status !== 'paid') return void failures.push(`${name}: ${res.status} ${body.status}`);
      toPaid.push(performance.now() - paidFrom);
    };
    const start = performance.now();
    await Promise.all(
      clients.map(async (client, i) => {
        for (let round = 0; round < SECONDS; round++) {
          // Viewer i buys at i / RATE seconds into each second: RATE buys per second in all.
          const at = start + round * 1000 + (i * 1000) / RATE;
          await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - performance.now())));
          await buyAndPay(client, `buyer${i}`);
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    const link = spread(toLink);
    const paid = spread(toPaid);
    return {
      lines: [
        `${fmt(BUYS)} buys by ${VIEWERS} web chat viewers at ${RATE} !buy/s for ${SECONDS} s (built-in checkout, test mode, SQLite file): !buy → link in hand p50 ${fmt(link.p50, 1)} ms, p99 ${fmt(link.p99, 1)} ms, max ${fmt(link.max, 1)} ms`,
        `link → page read + Pay (test) → paid: p50 ${fmt(paid.p50, 1)} ms, p99 ${fmt(paid.p99, 1)} ms, max ${fmt(paid.max, 1)} ms; ${fmt(toPaid.length)} paid in ${fmt(seconds, 1)} s, ${failures.length} failed${failures.length ? ` (${failures.slice(0, 3).join('; ')})` : ''}`,
      ],
      figures: { rate: RATE, viewers: VIEWERS, buys: BUYS, link, paid, failures: failures.length },
    };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
