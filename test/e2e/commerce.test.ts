import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import { signPayload, SIGNATURE_HEADER } from '../../orchestrator/http/payment-webhook.js';
import { startTestApp, testConfig, type TestApp } from '../support/test-show.js';
import { waitFor } from '../support/wait-for.js';

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
  const orderIdIn = (text: string) => /Order ([A-Z0-9]{8})/.exec(text)?.[1];

  beforeAll(async () => {
    const config = testConfig(`  - { sku: LAST, title: Last candle, price: 10, stock: 1 }
checkout: { linkTemplate: "https://pay.example/checkout?order={order}&total={total}", hold: 2s, remindBefore: 1s }
alerts: { on: paid, names: masked, mergeWithin: 1s }
channels: { web: { enabled: false } }`);
    t = await startTestApp(config, [twitch, telegram], { env: { SHOWCART_PAYMENT_SECRET: SECRET } });
  });
  afterAll(() => t.app.stop());

  it('GIVEN a viewer on Twitch and one on Telegram WHEN both buy the last unit at once THEN exactly one gets it and the other is waitlisted', async () => {
    twitch.say({ id: 't1', name: 'Tom Twitch' }, '!buy LAST');
    telegram.say({ id: '42', name: 'Tanya Telegram' }, '/buy LAST');
    await waitFor(() => twitch.sent.length > 0 && telegram.sent.length > 0, 10_000, 'both answered');
    const answers = [...twitch.texts(), ...telegram.texts()];
    expect(answers.filter((a) => a.startsWith('Order '))).toHaveLength(1);
    expect(answers.filter((a) => a.includes('is sold out right now. You are #1 on the waitlist'))).toHaveLength(1);
    expect((await t.app.store.models.Product.findOne({ where: { sku: 'LAST' } }))?.stockAvailable).toBe(0);
  });

  it('GIVEN the winner does not pay WHEN the hold runs out THEN the buyer was reminded, the hold ends, and the waitlisted viewer is offered the unit with their own link', async () => {
    const winner = twitch.texts().some((x) => x.startsWith('Order ')) ? twitch : telegram;
    const waiting = winner === twitch ? telegram : twitch;
    await waitFor(() => winner.texts().some((x) => x.startsWith('Reminder: order')), 10_000, 'reminder');
    const offer = await waitFor(() => waiting.texts().find((x) => x.startsWith('Good news')), 10_000, 'offer to the waitlist');
    expect(offer).toMatch(/Order [A-Z0-9]{8}: 1× Last candle, €10\.00 reserved for you\. Pay within \d+ min: https:\/\/pay\.example\/checkout\?order=[A-Z0-9]{8}&total=10\.00/);
    expect(winner.texts().some((x) => x.startsWith('Your hold on Last candle'))).toBe(true);
    if (waiting === telegram) expect(telegram.sent.find((m) => m.text.startsWith('Good news'))?.userId).toBe('42');
  });

  it('GIVEN a payment event WHEN signed correctly THEN the order is paid once and the alert reaches every channel', async () => {
    const offered = [...twitch.texts(), ...telegram.texts()].find((x) => x.startsWith('Good news'))!;
    const order = orderIdIn(offered.slice(offered.indexOf('Order ')))!;
    const first = await pay({ id: 'evt_1', order, amount: 10, currency: 'EUR' });
    expect([first.status, await first.json()]).toEqual([200, { status: 'paid' }]);
    const again = await pay({ id: 'evt_1', order, amount: 10, currency: 'EUR' });
    expect([again.status, await again.json()]).toEqual([200, { status: 'duplicate' }]);
    const alert = /🛍️ T\*\*\* just bought the Last candle!/;
    await waitFor(() => twitch.texts().some((x) => alert.test(x)) && telegram.texts().some((x) => alert.test(x)), 10_000, 'alerts everywhere');
    await new Promise((r) => setTimeout(r, 1200));
    expect([...twitch.texts(), ...telegram.texts()].filter((x) => alert.test(x))).toHaveLength(2);
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
    twitch.say({ id: 't9', name: 'Mia' }, '!buy MUG 2');
    const text = await waitFor(() => twitch.texts().find((x) => x.includes('2× Mug')), 10_000, 'mug order');
    const mismatch = await pay({ id: 'evt_3', order: orderIdIn(text)!, amount: 12, currency: 'EUR' });
    expect([mismatch.status, await mismatch.json()]).toEqual([422, { status: 'amount-mismatch', expected: '24.00', currency: 'EUR' }]);
  });

  it('GIVEN catalog questions WHEN asked THEN price, stock and featured answer, and only moderators change the featured product', async () => {
    twitch.say({ id: 't2', name: 'Ola' }, '!price mug');
    twitch.say({ id: 't2', name: 'Ola' }, '!stock LAST');
    twitch.say({ id: 't2', name: 'Ola' }, '!featured MUG');
    twitch.say({ id: 'm1', name: 'Mod', roles: ['moderator'] }, '!featured MUG');
    await waitFor(() => telegram.texts().some((x) => x.startsWith('Now on screen: Mug')), 10_000, 'featured broadcast');
    const texts = twitch.texts();
    expect(texts).toContain('Mug (MUG): €12.00');
    expect(texts).toContain('Last candle is sold out. !buy LAST puts you on the waitlist.');
    expect(texts).toContain('Only moderators can change what is featured.');
    expect(t.app.show.featured).toBe('MUG');
  });
});
