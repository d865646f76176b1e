import { request } from 'node:http';
import { QueryTypes } from 'sequelize';
import { afterAll, describe, expect, it } from 'vitest';
import { signPayload, SIGNATURE_HEADER } from '../../orchestrator/http/payment-webhook.js';
import { openStore } from '../../orchestrator/store/store.js';
import { showcartOnDisk } from '../support/showcart-process.js';
import { WebChatClient } from '../support/web-chat-client.js';

const SECRET = 'whsec_kill9_pay_0123456789';
const ENV = { SHOWCART_WEB_SECRET: 'kill9-pay-web-session-secret-0123456789', SHOWCART_PAYMENT_SECRET: SECRET };

/** Sends the webhook and does not wait for its answer: the process is killed while it is in flight. */
function sendUnanswered(url: string, body: string): void {
  const req = request(`${url}/api/webhooks/payment`, {
    method: 'POST',
    headers: { [SIGNATURE_HEADER]: signPayload(SECRET, body), 'content-type': 'application/json' },
  });
  req.on('error', () => undefined);
  req.end(body);
}

/**
 * The provider has taken the money and its webhook is on the way when showcart is killed with
 * SIGKILL: after a restart on the same database, the provider's retry of the same event completes
 * the cart once, whether the first delivery was handled before the kill or not.
 */
describe('showcart killed between a payment and its webhook', () => {
  const disk = showcartOnDisk(
    'showcart-kill9-pay-',
    `show: { id: kill9pay, name: Kill nine pay }
server: { host: 127.0.0.1, port: 0 }
products:
  - { sku: CANDLE, title: Candle, price: 12, stock: 5 }
  - { sku: JAR, title: Jar, price: 20, stock: 5 }
checkout: { provider: webhook, linkTemplate: "https://pay.example/c?o={order}", hold: 30m }
alerts: { on: paid }
`,
  );
  const { sqlite } = disk;
  afterAll(() => disk.cleanup());

  it('GIVEN a cart of two lines paid at the provider WHEN showcart is killed as the webhook arrives and the provider retries after a restart THEN the cart is paid once and the stock counts each unit once', async () => {
    const first = disk.start(ENV);
    const url = await first.url();
    const buyer = await WebChatClient.join(url, 'Payer');
    buyer.say('!buy CANDLE 2');
    await buyer.waitForLine((l) => l.kind === 'bot' && /^Reserved for you \(cart [A-Z0-9]{8}\)/.test(l.text ?? ''), 'the first line');
    buyer.say('!buy JAR');
    const added = await buyer.waitForLine((l) => l.kind === 'bot' && /^Added to your cart [A-Z0-9]{8}/.test(l.text ?? ''), 'the second line');
    const cart = /cart ([A-Z0-9]{8})/.exec(added.text ?? '')![1]!;
    await buyer.close();

    const body = JSON.stringify({ id: 'evt_kill9_1', order: cart, amount: '44.00', currency: 'EUR' });
    sendUnanswered(url, body);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');

    const second = disk.start(ENV);
    const again = await second.url();
    const retry = await fetch(`${again}/api/webhooks/payment`, { method: 'POST', headers: { [SIGNATURE_HEADER]: signPayload(SECRET, body) }, body });
    // Handled before the kill → a duplicate; lost with the process → paid now. Either way, once.
    expect(retry.status).toBe(200);
    expect(['paid', 'duplicate']).toContain(((await retry.json()) as { status: string }).status);
    const replay = await fetch(`${again}/api/webhooks/payment`, { method: 'POST', headers: { [SIGNATURE_HEADER]: signPayload(SECRET, body) }, body });
    expect(await replay.json()).toEqual({ status: 'duplicate' });
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    const store = await openStore({ sqlitePath: sqlite });
    try {
      const carts = await store.db.query<{ status: string }>('SELECT status FROM carts WHERE public_id = :cart', {
        replacements: { cart },
        type: QueryTypes.SELECT,
      });
      expect(carts).toEqual([{ status: 'paid' }]);
      const payments = await store.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM cart_payments', { type: QueryTypes.SELECT });
      expect(Number(payments[0]!.n)).toBe(1);
      const ledger = await store.db.query<{ sku: string; stock_available: number; paid: number; held: number }>(
        `SELECT p.sku, p.stock_available,
                COALESCE(SUM(CASE WHEN o.status = 'paid' THEN l.qty END), 0) AS paid,
                COALESCE(SUM(CASE WHEN o.status IN ('held', 'pending') THEN l.qty END), 0) AS held
           FROM products p LEFT JOIN order_lines l ON l.product_id = p.id LEFT JOIN orders o ON o.id = l.order_id
          GROUP BY p.id ORDER BY p.sku`,
        { type: QueryTypes.SELECT },
      );
      expect(ledger.map((r) => [r.sku, Number(r.stock_available), Number(r.paid), Number(r.held)])).toEqual([
        ['CANDLE', 3, 2, 0],
        ['JAR', 4, 1, 0],
      ]);
    } finally {
      await store.close();
    }
  });
});
