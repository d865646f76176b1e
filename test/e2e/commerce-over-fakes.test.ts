import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShowEventName, ShowEvents } from '../../orchestrator/bus.js';
import { signPayload, SIGNATURE_HEADER } from '../../orchestrator/http/payment-webhook.js';
import { DISCORD_CHANNEL, GROUP, startThreePlatforms, type ThreePlatforms } from '../support/three-platforms.js';
import { cartIdIn } from '../support/carts.js';
import { afterLines } from '../support/wait-for.js';

const SECRET = 'whsec_over_the_wire_1';
const tom = { id: '5001', login: 'tom', displayName: 'Tom' };
const tanya = { id: 77, first_name: 'Tanya' };

/** Buying by chat with the real bot clients over the wire: the end-to-end scenarios. */
describe('commerce over the three platform fakes', () => {
  let p: ThreePlatforms;
  /** The next `name` the show states (that `where` accepts): for what a timer sets off, which no line's promise covers. */
  const next = <K extends ShowEventName>(name: K, where: (payload: ShowEvents[K]) => boolean = () => true) =>
    new Promise<ShowEvents[K]>((resolve) => {
      const off = p.app.bus.on(name, (payload) => {
        if (!where(payload)) return;
        off();
        resolve(payload);
      });
    });
  const allTexts = () => [
    ...p.telegram.calls.filter((c) => c.method === 'sendMessage' && c.status === 200).map((c) => String(c.params.text)),
    ...p.twitch.received(),
    ...p.discord.sent(),
  ];

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
    await afterLines(p.app, 2, () => {
      p.twitch.say({ channel: 'candleshop', user: tom, text: '!buy LAST' });
      p.telegram.injectText({ chatId: GROUP, chatType: 'supergroup', from: tanya, text: '/buy LAST' });
    });
    const answers = allTexts();
    expect(answers.filter((x) => /Reserved for you \(cart [A-Z0-9]{8}\): 1× Last candle/.test(x))).toHaveLength(1);
    expect(answers.filter((x) => x.includes('You are #1 on the waitlist'))).toHaveLength(1);

    // The 3 s hold runs on real time: its end hands the unit on to the waitlist, the last thing it does.
    await next('order.placed', (placed) => placed.via === 'waitlist');
    await p.app.idle();
    const offer = allTexts().find((x) => x.includes('Good news'));
    expect(offer).toBeDefined();
    const order = cartIdIn(offer!)!;
    const body = JSON.stringify({ id: 'evt_wire_1', order, amount: 10, currency: 'EUR' });
    // Alerts merge purchases for 1 s (on real time) before they are said.
    const alerted = next('alert.purchase');
    const res = await fetch(`${p.app.url}/api/webhooks/payment`, { method: 'POST', headers: { [SIGNATURE_HEADER]: signPayload(SECRET, body) }, body });
    expect(res.status).toBe(200);
    const alert = /just bought the Last candle!/;
    await alerted;
    await p.app.idle();
    expect(p.telegram.sent(GROUP)).toContainEqual(expect.stringMatching(alert));
    expect(p.twitch.received('candleshop')).toContainEqual(expect.stringMatching(alert));
    expect(p.discord.sent(DISCORD_CHANNEL)).toContainEqual(expect.stringMatching(alert));
  });

  it('GIVEN an ambassador code issued on Discord WHEN used on Telegram THEN the buyer gets the discount and the commission is recorded', async () => {
    await afterLines(p.app, 1, () =>
      p.discord.say({ channelId: DISCORD_CHANNEL, user: { id: '600000000000000001', username: 'anna' }, content: '!ambassador' }),
    );
    const welcome = allTexts().find((x) => x.includes('Your code is'));
    expect(welcome).toBeDefined();
    const code = /Your code is ([A-Z0-9]+-[A-Z0-9]{6})/.exec(welcome!)![1]!;
    await afterLines(p.app, 1, () =>
      p.telegram.injectText({ chatId: GROUP, chatType: 'supergroup', from: { id: 88, first_name: 'Boris' }, text: `/buy MUG 2 ${code}` }),
    );
    expect(allTexts()).toContainEqual(expect.stringContaining(`2× Mug, €21.60 with code ${code}`));
    const commissions = await p.app.store.models.Commission.findAll();
    expect(commissions.map((c) => [c.amountCents, c.status])).toEqual([[173, 'pending']]);
  });

  it('GIVEN viewers on three platforms WHEN they send the unlock keyword THEN the code is announced on all three', async () => {
    await afterLines(p.app, 3, () => {
      p.twitch.say({ channel: 'candleshop', user: { id: '6001', login: 'u1', displayName: 'U1' }, text: 'unlock' });
      p.telegram.injectText({ chatId: GROUP, chatType: 'supergroup', from: { id: 91, first_name: 'U2' }, text: 'unlock please' });
      p.discord.say({ channelId: DISCORD_CHANNEL, user: { id: '600000000000000003', username: 'u3' }, content: 'UNLOCK' });
    });
    const unlocked = /Unlocked! Code CROWD-[A-Z0-9]{6} gives 20% off/;
    expect(p.telegram.sent(GROUP)).toContainEqual(expect.stringMatching(unlocked));
    expect(p.twitch.received('candleshop')).toContainEqual(expect.stringMatching(unlocked));
    expect(p.discord.sent(DISCORD_CHANNEL)).toContainEqual(expect.stringMatching(unlocked));
  });
});
