import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import type { ShowEventName, ShowEvents } from '../../orchestrator/bus.js';
import { signPayload, SIGNATURE_HEADER } from '../../orchestrator/http/payment-webhook.js';
import { cartIdIn, isCartReply } from '../support/carts.js';
import { startTestApp, testConfig, type TestApp } from '../support/test-show.js';

const SECRET = 'whsec_test_0123456789';

describe('buying by chat, end to end through the app', () => {
  const twitch = new MemoryChannel('twitch', ['shop']);
  const telegram = new MemoryChannel('telegram', ['-100'], undefined, { canDirectMessage: true });
  let t: TestApp;

  const pay = (body: object, signature?: string) => {
    const raw = JSON.stringify(body);
    return fetch(`${t.app.url}/api/webhooks/payment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature ?? signPayload(SECRET, raw) },
      body: raw,
    });
  };
  /** The next `name` the show states (that `where` accepts): for what a timer sets off, which no line's promise covers. */
  const next = <K extends ShowEventName>(name: K, where: (payload: ShowEvents[K]) => boolean = () => true) =>
    new Promise<ShowEvents[K]>((resolve) => {
      const off = t.app.bus.on(name, (payload) => {
        if (!where(payload)) return;
        off();
        resolve(payload);
      });
    });

  beforeAll(async () => {
    const config = testConfig(`  - { sku: LAST, title: Last candle, price: 10, stock: 1 }
checkout: { linkTemplate: "https://pay.example/checkout?order={order}&total={total}", hold: 2s, remindBefore: 1s }
alerts: { on: paid, names: masked, mergeWithin: 1s }
channels: { web: { enabled: false } }`);
    t = await startTestApp(config, [twitch, telegram], { env: { SHOWCART_PAYMENT_SECRET: SECRET } });
  });
  afterAll(() => t.app.stop());

  it('GIVEN a viewer on Twitch and one on Telegram WHEN both buy the last unit at once THEN exactly one gets it and the other is waitlisted', async () => {
    await Promise.all([twitch.say({ id: 't1', name: 'Tom Twitch' }, '!buy LAST'), telegram.say({ id: '42', name: 'Tanya Telegram' }, '/buy LAST')]);
    await t.app.idle();
    const answers = [...twitch.texts(), ...telegram.texts()];
    expect(answers.filter(isCartReply)).toHaveLength(1);
    expect(answers.filter((a) => a.includes('is sold out right now. You are #1 on the waitlist'))).toHaveLength(1);
    expect((await t.app.store.models.Product.findOne({ where: { sku: 'LAST' } }))?.stockAvailable).toBe(0);
  });

  it('GIVEN the winner does not pay WHEN the hold runs out THEN the buyer was reminded, the hold ends, and the waitlisted viewer is offered the unit with their own link', async () => {
    const winner = twitch.texts().some(isCartReply) ? twitch : telegram;
    const waiting = winner === twitch ? telegram : twitch;
    // The 2 s hold runs on real time: its end hands the unit on to the waitlist, the last thing it does.
    await next('order.placed', (placed) => placed.via === 'waitlist');
    await t.app.idle();
    expect(winner.texts().some((x) => x.startsWith('Reminder: your cart'))).toBe(true);
    const offer = waiting.texts().find((x) => x.startsWith('Good news'));
    // The link is the cart's own checkout page, which sends the buyer on to the shop's link template.
    expect(offer).toMatch(
      /Last candle freed up and 1 is now yours\. Your cart [A-Z0-9]{8}: 1 item, €10\.00 — pay within \d+ min\. http:\/\/\S+\/c\/[\w-]{22}$/,
    );
    expect(winner.texts().some((x) => x.startsWith("Your cart's hold ran out and its items went back: Last candle"))).toBe(true);
    if (waiting === telegram) expect(telegram.sent.find((m) => m.text.startsWith('Good news'))?.userId).toBe('42');
  });

  it('GIVEN a payment event WHEN signed correctly THEN the order is paid once and the alert reaches every channel', async () => {
    const offered = [...twitch.texts(), ...telegram.texts()].find((x) => x.startsWith('Good news'))!;
    const order = cartIdIn(offered)!;
    // Alerts merge purchases for 1 s (on real time) before they are said: the alert is the end of it.
    const alerted = next('alert.purchase');
    const paid: string[] = [];
    const off = t.app.bus.on('payment.received', ({ report, result }) => void (result.kind === 'paid' && paid.push(report.eventId)));
    const first = await pay({ id: 'evt_1', order, amount: 10, currency: 'EUR' });
    expect([first.status, await first.json()]).toEqual([200, { status: 'paid' }]);
    const again = await pay({ id: 'evt_1', order, amount: 10, currency: 'EUR' });
    expect([again.status, await again.json()]).toEqual([200, { status: 'duplicate' }]);
    const alert = /🛍️ T\*\*\* just bought the Last candle!/;
    // Alerts are made of paid payments only, and the duplicate was not one: this alert, for one buyer, is the only one.
    expect((await alerted).buyers).toHaveLength(1);
    await t.app.idle();
    off();
    expect(paid).toEqual(['evt_1']);
    expect(twitch.texts().filter((x) => alert.test(x))).toHaveLength(1);
    expect(telegram.texts().filter((x) => alert.test(x))).toHaveLength(1);
  });

  it('GIVEN tampered, unknown or wrong-amount payments WHEN posted THEN each is refused with its reason and nothing changes', async () => {
    const body = { id: 'evt_2', order: 'ZZZZZZZZ', amount: 10, currency: 'EUR' };
    const tampered = await fetch(`${t.app.url}/api/webhooks/payment`, {
      method: 'POST',
      headers: { [SIGNATURE_HEADER]: signPayload(SECRET, JSON.stringify(body)) },
      body: JSON.stringify({ ...body, amount: 0.01 }),
    });
    expect(tampered.status).toBe(401);
    expect((await pay(body)).status).toBe(404);
    await twitch.say({ id: 't9', name: 'Mia' }, '!buy MUG 2');
    await t.app.idle();
    const text = twitch.texts().find((x) => x.includes('2× Mug'));
    expect(text).toBeDefined();
    const mismatch = await pay({ id: 'evt_3', order: cartIdIn(text!)!, amount: 12, currency: 'EUR' });
    expect([mismatch.status, await mismatch.json()]).toEqual([422, { status: 'amount-mismatch', expected: '24.00', currency: 'EUR' }]);
  });

  it('GIVEN catalog questions WHEN asked THEN price, stock and featured answer, and only moderators change the featured product', async () => {
    await twitch.say({ id: 't2', name: 'Ola' }, '!price mug');
    await twitch.say({ id: 't2', name: 'Ola' }, '!stock LAST');
    await twitch.say({ id: 't2', name: 'Ola' }, '!featured MUG');
    await twitch.say({ id: 'm1', name: 'Mod', roles: ['moderator'] }, '!featured MUG');
    await t.app.idle();
    expect(telegram.texts().some((x) => x.startsWith('Now on screen: Mug'))).toBe(true);
    const texts = twitch.texts();
    expect(texts).toContain('Mug (MUG): €12.00');
    expect(texts).toContain('Last candle is sold out. !buy LAST puts you on the waitlist.');
    expect(texts).toContain('Only moderators can change what is featured.');
    expect(t.app.show.featured).toBe('MUG');
  });
});
