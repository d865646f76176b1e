import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import { signPayload, SIGNATURE_HEADER } from '../../orchestrator/http/payment-webhook.js';
import { startTestApp, testConfig, type TestApp } from '../support/test-show.js';
import { isCartReply } from '../support/carts.js';

const SECRET = 'whsec_ambassadors_123';

describe('ambassadors: a code issued on one platform, used on another', () => {
  const discord = new MemoryChannel('discord', ['d1'], undefined, { canDirectMessage: true });
  const telegram = new MemoryChannel('telegram', ['-100'], undefined, { canDirectMessage: true });
  let t: TestApp;
  let code = '';

  beforeAll(async () => {
    const config = testConfig(`checkout: { linkTemplate: "https://pay.example/{order}?code={code}&total={total}" }
ambassadors: { buyerDiscount: { percent: 10 }, commissionPercent: 8 }
engagement: { leaderboards: { names: first } }
channels: { web: { enabled: false } }`);
    t = await startTestApp(config, [discord, telegram], { env: { SHOWCART_PAYMENT_SECRET: SECRET } });
  });
  afterAll(() => t.app.stop());

  /** Says `text` as `user` and resolves once the app has handled it and sent what it caused. */
  const say = async (channel: MemoryChannel, user: { id: string; name: string }, text: string) => {
    await channel.say(user, text);
    await t.app.idle();
  };

  it('GIVEN a Discord viewer WHEN they type !ambassador THEN they get a personal code privately', async () => {
    await say(discord, { id: 'd-anna', name: 'Anna Maker' }, '!ambassador');
    expect(discord.texts()).toContainEqual(expect.stringMatching(/^Welcome, ambassador!/));
    const reply = discord.sent.find((m) => m.text.startsWith('Welcome, ambassador!'))!;
    expect(reply.userId).toBe('d-anna');
    code = /Your code is ([A-Z0-9]+-[A-Z0-9]{6})/.exec(reply.text)![1]!;
    expect(code).toMatch(/^ANNAMAKE-[A-Z0-9]{6}$/);
    await say(discord, { id: 'd-anna', name: 'Anna Maker' }, '!mycode');
    expect(discord.texts()).toContain(`Your code: ${code} (10% off for buyers, 8% for you).`);
  });

  it('GIVEN the code WHEN a Telegram viewer buys with it THEN they get the discount and the commission is booked, earned once paid', async () => {
    await say(telegram, { id: '77', name: 'Boris' }, `/buy MUG 2 ${code.toLowerCase()}`);
    expect(telegram.texts()).toContainEqual(expect.stringMatching(/^Reserved for you \(cart /));
    const reply = telegram.texts().find(isCartReply)!;
    expect(reply).toContain(`2× Mug, €21.60 with code ${code}`);
    // The code rides on the cart line; the link is the cart's checkout page.
    expect(reply).toMatch(/\/c\/[\w-]{22}$/);
    const order = /\bcart ([A-Z0-9]{8})\b/.exec(reply)![1]!;
    expect((await t.app.store.models.Commission.findAll()).map((c) => [c.amountCents, c.status])).toEqual([[173, 'pending']]);

    const body = JSON.stringify({ id: 'evt_amb_1', order, amount: '21.60', currency: 'EUR' });
    const res = await fetch(`${t.app.url}/api/webhooks/payment`, { method: 'POST', headers: { [SIGNATURE_HEADER]: signPayload(SECRET, body) }, body });
    expect(res.status).toBe(200);
    expect((await t.app.store.models.Commission.findAll()).map((c) => c.status)).toEqual(['earned']);

    await say(discord, { id: 'd-anna', name: 'Anna Maker' }, '!earnings');
    expect(discord.texts()).toContain(`Code ${code}: €1.73 earned from 1 paid orders; €0.00 waiting for payment.`);
  });

  it('GIVEN the ambassador tries their own code WHEN buying THEN it is refused', async () => {
    await say(discord, { id: 'd-anna', name: 'Anna Maker' }, `!buy MUG ${code}`);
    expect(discord.texts()).toContainEqual(expect.stringMatching(/^That is your own ambassador code/));
  });

  it('GIVEN paid sales WHEN the leaderboard is read THEN it ranks ambassadors with the public name style', async () => {
    const board = (await (await fetch(`${t.app.url}/api/ambassadors/leaderboard`)).json()) as { ambassadors: unknown[] };
    expect(board.ambassadors).toEqual([{ rank: 1, name: 'Anna', paidOrders: 1, sales: '21.60', earned: '1.73' }]);
  });
});
