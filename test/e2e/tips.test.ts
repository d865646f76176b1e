import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import { signPayload, SIGNATURE_HEADER } from '../../orchestrator/http/payment-webhook.js';
import { startTestApp, testConfig, type TestApp } from '../support/test-show.js';

const SECRET = 'whsec_tips_1234567';

describe('tips', () => {
  const twitch = new MemoryChannel('twitch', ['shop']);
  const telegram = new MemoryChannel('telegram', ['-1'], undefined, { canDirectMessage: true });
  let t: TestApp;
  const post = (body: object) => {
    const raw = JSON.stringify(body);
    return fetch(`${t.app.url}/api/webhooks/payment`, { method: 'POST', headers: { [SIGNATURE_HEADER]: signPayload(SECRET, raw) }, body: raw });
  };

  beforeAll(async () => {
    const config = testConfig(`checkout: { linkTemplate: "https://pay.example/{order}" }
tips: { enabled: true, min: 1, max: 50, linkTemplate: "https://pay.example/tip/{tip}?amount={amount}&cur={currency}" }
alerts: { names: first }
channels: { web: { enabled: false } }`);
    t = await startTestApp(config, [twitch, telegram], { env: { SHOWCART_PAYMENT_SECRET: SECRET } });
  });
  afterAll(() => t.app.stop());

  it('GIVEN a viewer tips WHEN the tip is paid THEN every chat thanks them once', async () => {
    await telegram.say({ id: '5', name: 'Olga Petrova' }, '/tip 5,50');
    await t.app.idle();
    const reply = telegram.sent.find((m) => m.text.startsWith('Thank you! Your tip'));
    expect(reply?.userId).toBe('5');
    const [, id] = /tip\/(T[A-Z0-9]{7})\?amount=5\.50&cur=EUR/.exec(reply!.text)!;
    expect((await post({ id: 'evt_tip', order: id, amount: 5.5, currency: 'EUR' })).status).toBe(200);
    expect(await (await post({ id: 'evt_tip', order: id, amount: 5.5, currency: 'EUR' })).json()).toEqual({ status: 'duplicate' });
    const thanks = '💛 Thank you Olga for the €5.50 tip!';
    await t.app.idle();
    expect(telegram.texts()).toContain(thanks);
    expect(twitch.texts().filter((x) => x === thanks)).toHaveLength(1);
  });

  it('GIVEN a tip out of range WHEN sent THEN the reply gives the range', async () => {
    await twitch.say({ id: 'x', name: 'X' }, '!tip 500');
    await t.app.idle();
    expect(twitch.texts()).toContain('A tip can be €1.00 to €50.00.');
  });
});
