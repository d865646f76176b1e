import { QueryTypes } from 'sequelize';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../orchestrator/store/store.js';
import { showcartOnDisk } from '../support/showcart-process.js';
import { waitFor } from '../support/wait-for.js';
import { WebChatClient } from '../support/web-chat-client.js';

const BUYERS = 300;
/** Killed once this many viewers have their confirmation: well inside the storm, never after it. */
const KILL_AFTER = 15;
const STOCK: Record<string, number> = { 'CANDLE/': 60, 'JAR/S': 30, 'JAR/L': 30 };
const BUY = ['!buy CANDLE', '!buy JAR S', '!buy JAR L'];
const ENV = { SHOWCART_WEB_SECRET: 'kill9-web-session-secret-0123456789', SHOWCART_PAYMENT_SECRET: 'whsec_kill9_0123456789' };

interface LedgerRow {
  sku: string;
  variant: string;
  stock_total: number;
  stock_available: number;
  held: number;
  paid: number;
}

/**
 * `kill -9` of showcart in the middle of a buy storm from web chat viewers, then a restart on the
 * same SQLite file: every order a viewer was told about is still there, no stock is lost or
 * counted twice, no order exists twice.
 */
describe('showcart killed during a buy storm', () => {
  const disk = showcartOnDisk(
    'showcart-kill9-',
    `show: { id: kill9, name: Kill nine }
server: { host: 127.0.0.1, port: 0 }
products:
  - { sku: CANDLE, title: Candle, price: 12, stock: ${STOCK['CANDLE/']} }
  - sku: JAR
    title: Jar
    price: 20
    variants: [{ name: S, stock: ${STOCK['JAR/S']} }, { name: L, stock: ${STOCK['JAR/L']} }]
checkout: { linkTemplate: "https://pay.example/c?o={order}", hold: 30m }
alerts: { on: paid }
`,
  );
  const { sqlite } = disk;
  afterAll(() => disk.cleanup());

  it('GIVEN hundreds of web viewers buying at once WHEN showcart is killed with SIGKILL and restarted THEN every confirmed order is kept and the stock ledger balances', async () => {
    const first = disk.start(ENV);
    const url = await first.url();
    const viewers = await Promise.all(Array.from({ length: BUYERS }, (_, i) => WebChatClient.join(url, `buyer${i}`)));
    const confirmations = () =>
      viewers.flatMap((v) =>
        v.lines.flatMap((l) =>
          l.kind === 'bot' && l.private ? [...(l.text ?? '').matchAll(/^Reserved for you \(cart ([A-Z0-9]{8})\)/g)].map((m) => m[1]!) : [],
        ),
      );

    viewers.forEach((v, i) => v.say(BUY[i % BUY.length]!));
    await waitFor(() => confirmations().length >= KILL_AFTER, 20_000, `${KILL_AFTER} confirmations`);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    await Promise.all(viewers.map((v) => v.close()));
    const confirmed = confirmations();
    expect(new Set(confirmed).size).toBe(confirmed.length);

    const second = disk.start(ENV);
    const again = await WebChatClient.join(await second.url(), 'after-restart');
    again.say('!stock CANDLE');
    const stockLine = await again.waitForLine((l) => l.kind === 'bot' && /Candle/.test(l.text ?? ''), 'the stock answer after the restart');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    await again.close();

    const store = await openStore({ sqlitePath: sqlite });
    try {
      const orders = await store.db.query<{ public_id: string; status: string; viewer_id: number }>('SELECT public_id, status, viewer_id FROM orders', {
        type: QueryTypes.SELECT,
      });
      const ids = orders.map((o) => o.public_id);
      expect(new Set(ids).size, 'no order twice').toBe(ids.length);
      expect(new Set(orders.map((o) => o.viewer_id)).size, 'one order per buyer, each buy taken once').toBe(orders.length);
      const carts = await store.db.query<{ public_id: string }>('SELECT public_id FROM carts', { type: QueryTypes.SELECT });
      for (const id of confirmed)
        expect(
          carts.map((c) => c.public_id),
          `confirmed cart ${id}`,
        ).toContain(id);
      expect(orders.every((o) => o.status === 'held')).toBe(true);
      // The storm was cut short: fewer buys were handled (ordered or waitlisted) than were sent.
      const [handled] = await store.db.query<{ n: number }>('SELECT (SELECT COUNT(*) FROM orders) + (SELECT COUNT(*) FROM waitlist) AS n', {
        type: QueryTypes.SELECT,
      });
      expect(handled!.n).toBeLessThan(BUYERS);

      const ledger = await store.db.query<LedgerRow>(
        `SELECT p.sku, p.variant, p.stock_total, p.stock_available,
                COALESCE(SUM(CASE WHEN o.status IN ('held', 'pending') THEN l.qty END), 0) AS held,
                COALESCE(SUM(CASE WHEN o.status = 'paid' THEN l.qty END), 0) AS paid
           FROM products p LEFT JOIN order_lines l ON l.product_id = p.id LEFT JOIN orders o ON o.id = l.order_id
          GROUP BY p.id`,
        { type: QueryTypes.SELECT },
      );
      expect(ledger).toHaveLength(3);
      for (const row of ledger) {
        const key = `${row.sku}/${row.variant}`;
        expect(row.stock_total, key).toBe(STOCK[key]);
        expect(row.stock_available + row.held + row.paid, `${key}: available + held + sold`).toBe(STOCK[key]);
        expect(row.stock_available, key).toBeGreaterThanOrEqual(0);
      }
      const candle = ledger.find((r) => r.sku === 'CANDLE')!;
      expect(stockLine.text).toContain(String(candle.stock_available));
    } finally {
      await store.close();
    }
  });
});
