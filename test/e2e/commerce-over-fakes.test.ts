import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPayload, SIGNATURE_HEADER } from '../../orchestrator/http/payment-webhook.js';
import { DISCORD_CHANNEL, GROUP, startThreePlatforms, type ThreePlatforms } from '../support/three-platforms.js';
import { waitFor } from '../support/wait-for.js';

const SECRET = 'whsec_over_the_wire_1';
const tom = { id: '5001', login: 'tom', displayName: 'Tom' };
const tanya = { id: 77, first_name: 'Tanya' };

/** Buying by chat with the real bot clients over the wire: the end-to-end scenarios. */
describe('commerce over the three platform fakes', () => {
  let p: ThreePlatforms;
  const orderIn = (text: string) => /Order ([A-Z0-9]{8})/.exec(text)?.[1];
  const allTexts = () => [...p.telegram.calls.filter((c) => c.method === 'sendMessage' && c.status === 200).map((c) => String(c.params.text)), ...p.twitch.received(), ...p.discord.sent()];

  beforeAll(async () => {
    p = await startThreePlatforms(
      `products:
  - { sku: LAST, title: Last candle, price: 10, stock: 1 }
  - { sku: MUG, title: Mug, price: 12, stock: 50 }
checkout: { linkTemplate: "https://pay.example/c?o={order}&code={code}", hold: 3s, remindBefore: 0s }
alerts: { on: paid, names: first, mergeWithin: 1s }
ambassadors: { buyerDiscount: { percent: 10 }, commissionPercent: 8 }
promotions:
  unlocks: [{ id: crowd, keyword: unlock, goal: 3, window: 10m, discount: { percent: 20 }, valid: 30m, milestones: [50] }]`,
      { SHOWCART_PAYMENT_SECRET: SECRET },
    );
  });
  afterAll(() => p?.stop());

  it('GIVEN a Twitch viewer and a Telegram viewer WHEN both buy the last unit at once THEN one gets it, the other waits and is offered it when the hold ends, and payment is announced everywhere', async () => {
    p.twitch.say({ channel: 'candleshop', user: tom, text: '!buy LAST' });
    p.telegram.injectText({ chatId: GROUP, chatType: 'supergroup', from: tanya, text: '/buy LAST' });
    await waitFor(() => allTexts().filter((x) => x.includes('Order ') || x.includes('waitlist')).length >= 2, 15_000, 'both answered');
    const answers = allTexts();
    expect(answers.filter((x) => /Order [A-Z0-9]{8}: 1× Last candle/.test(x))).toHaveLength(1);
    expect(answers.filter((x) => x.includes('You are #1 on the waitlist'))).toHaveLength(1);

    const offer = await waitFor(() => allTexts().find((x) => x.includes('Good news')), 15_000, 'the offer after the hold ends');
    const order = orderIn(offer.slice(offer.indexOf('Order ')))!;
    const body = JSON.stringify({ id: 'evt_wire_1', order, amount: 10, currency: 'EUR' });
    const res = await fetch(`${p.app.url}/api/webhooks/payment`, { method: 'POST', headers: { [SIGNATURE_HEADER]: signPayload(SECRET, body) }, body });
    expect(res.status).toBe(200);
    const alert = /just bought the Last candle!/;
    await waitFor(
      () => p.telegram.sent(GROUP).some((x) => alert.test(x)) && p.twitch.received('candleshop').some((x) => alert.test(x)) && p.discord.sent(DISCORD_CHANNEL).some((x) => alert.test(x)),
      15_000,
      'the purchase alert on all three',
    );
  });

  it('GIVEN an ambassador code issued on Discord WHEN used on Telegram THEN the buyer gets the discount and the commission is recorded', async () => {
    p.discord.say({ channelId: DISCORD_CHANNEL, user: { id: '600000000000000001', username: 'anna' }, content: '!ambassador' });
    const welcome = await waitFor(() => allTexts().find((x) => x.includes('Your code is')), 15_000, 'the code');
    const code = /Your code is ([A-Z0-9]+-[A-Z0-9]{6})/.exec(welcome)![1]!;
    p.telegram.injectText({ chatId: GROUP, chatType: 'supergroup', from: { id: 88, first_name: 'Boris' }, text: `/buy MUG 2 ${code}` });
    await waitFor(() => allTexts().some((x) => x.includes(`2× Mug, €21.60 with code ${code}`)), 15_000, 'the discounted order');
    const commissions = await p.app.store.models.Commission.findAll();
    expect(commissions.map((c) => [c.amountCents, c.status])).toEqual([[173, 'pending']]);
  });

  it('GIVEN viewers on three platforms WHEN they send the unlock keyword THEN the code is announced on all three', async () => {
    p.twitch.say({ channel: 'candleshop', user: { id: '6001', login: 'u1', displayName: 'U1' }, text: 'unlock' });
    p.telegram.injectText({ chatId: GROUP, chatType: 'supergroup', from: { id: 91, first_name: 'U2' }, text: 'unlock please' });
    p.discord.say({ channelId: DISCORD_CHANNEL, user: { id: '600000000000000003', username: 'u3' }, content: 'UNLOCK' });
    const unlocked = /Unlocked! Code CROWD-[A-Z0-9]{6} gives 20% off/;
    await waitFor(
      () => p.telegram.sent(GROUP).some((x) => unlocked.test(x)) && p.twitch.received('candleshop').some((x) => unlocked.test(x)) && p.discord.sent(DISCORD_CHANNEL).some((x) => unlocked.test(x)),
      15_000,
      'the unlock on all three',
    );
  });
});
