import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import { signPayload, SIGNATURE_HEADER } from '../../orchestrator/http/payment-webhook.js';
import { startTestApp, testConfig, type TestApp } from '../support/test-show.js';
import { isCartReply } from '../support/carts.js';

const SECRET = 'whsec_leaderboards_123';

describe('leaderboards and recommendations, end to end through the app', () => {
  const twitch = new MemoryChannel('twitch', ['shop']);
  const telegram = new MemoryChannel('telegram', ['-100'], undefined, { canDirectMessage: true });
  const anna = { id: 't-anna', name: 'Anna Maker' };
  const carl = { id: 't-carl', name: 'Carl' };
  const boris = { id: '7', name: 'Boris Bold' };
  let t: TestApp;
  let events = 0;

  /** Sends a line and, once the app is idle, returns the reply that was not there before and passes `match`. */
  const ask = async (channel: MemoryChannel, user: { id: string; name: string }, text: string, match: (reply: string) => boolean) => {
    const before = channel.sent.length;
    await channel.say(user, text);
    await t.app.idle();
    const reply = channel.sent.slice(before).find((m) => match(m.text));
    expect(reply, `reply to ${text} among ${JSON.stringify(channel.texts().slice(before))}`).toBeDefined();
    return reply!;
  };
  const buyAndPay = async (channel: MemoryChannel, user: { id: string; name: string }, text: string) => {
    const reply = await ask(channel, user, text, isCartReply);
    const order = /\bcart ([A-Z0-9]{8})\b/.exec(reply.text)![1]!;
    // A cart of one line: its items' total is what is owed (the show charges no shipping).
    const amount = /€(\d+\.\d\d)/.exec(reply.text)![1]!;
    const body = JSON.stringify({ id: `evt_lb_${++events}`, order, amount, currency: 'EUR' });
    const res = await fetch(`${t.app.url}/api/webhooks/payment`, { method: 'POST', headers: { [SIGNATURE_HEADER]: signPayload(SECRET, body) }, body });
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    const config = testConfig(`  - { sku: VANILLA, title: Vanilla candle, category: candles, price: 24, stock: 10 }
  - { sku: CEDAR, title: Cedar & smoke candle, category: candles, price: 28, stock: 10 }
  - { sku: MATCH, title: Long safety matches, category: accessories, price: 4, stock: 10 }
checkout: { linkTemplate: "https://pay.example/{order}?total={total}" }
engagement: { leaderboards: { names: first, size: 3 }, recommendations: { afterPurchase: true } }
channels: { web: { enabled: false } }`);
    t = await startTestApp(config, [twitch, telegram], { env: { SHOWCART_PAYMENT_SECRET: SECRET } });
  });
  afterAll(() => t.app.stop());

  it('GIVEN no paid orders and no ambassador sales WHEN boards are asked for THEN each says nobody is on it yet', async () => {
    await ask(twitch, carl, '!top', (x) => x === 'No paid orders yet: the first buyer tops this board.');
    await ask(twitch, carl, '!top ambassadors', (x) => x === 'No ambassador sales yet.');
    await ask(twitch, carl, '!top spenders', (x) => x === 'Boards: !top buyers, !top chatters, !top ambassadors.');
  });

  it('GIVEN paid orders on two platforms and one unpaid hold WHEN !top THEN buyers rank by paid total with first names', async () => {
    await buyAndPay(twitch, anna, '!buy CEDAR 2');
    await buyAndPay(telegram, boris, '/buy VANILLA');
    await buyAndPay(telegram, boris, '/buy MATCH');
    await ask(twitch, { id: 't-mia', name: 'Mia' }, '!buy MUG', isCartReply);
    await ask(telegram, boris, '/top buyers', (x) => x === 'Top buyers: 1. Anna €56.00 · 2. Boris €28.00');
  });

  it('GIVEN a chatty viewer WHEN !top chatters THEN viewers rank by lines written in this show, cut to the board size', async () => {
    for (const line of ['hello!', 'lovely stream', 'do you have candles?']) await twitch.say(carl, line);
    // Carl: 3 commands + 3 lines; Anna: !buy and this !top; Boris: 3 commands; Mia: 1.
    const board = await ask(twitch, anna, '!top chatters', (x) => x.startsWith('Top chatters:'));
    expect(board.text).toBe('Top chatters: 1. Carl 6 lines · 2. Boris 3 lines · 3. Anna 2 lines');
  });

  it('GIVEN what viewers bought and asked WHEN !recommend THEN each gets one product with its reason', async () => {
    await ask(twitch, carl, '!recommend', (x) => x === 'You asked about Cedar & smoke candle: €28.00 — !buy CEDAR');
    await ask(twitch, anna, '!recommend', (x) => x === 'You bought candles before: Vanilla candle, €24.00 — !buy VANILLA');
    await ask(twitch, { id: 't-eve', name: 'Eve' }, '!recommend', (x) => x.startsWith('Nothing picked for you yet. !featured'));
  });

  it('GIVEN afterPurchase WHEN a viewer orders THEN they privately get what others took with it', async () => {
    const dana = { id: '9', name: 'Dana' };
    // The pick after a purchase runs beside the order, untracked by app.idle(): its fact says when it is queued.
    const recommended = new Promise<void>((resolve) => {
      const off = t.app.bus.on('recommendation.sent', () => {
        off();
        resolve();
      });
    });
    const before = telegram.sent.length;
    await telegram.say(dana, '/buy VANILLA');
    await recommended;
    await t.app.idle();
    const tip = telegram.sent.slice(before).find((m) => m.text.startsWith('Because you bought'));
    expect(tip?.text).toBe('Because you bought Vanilla candle: others who did also took Long safety matches, €4.00 — /buy MATCH');
    expect(tip?.userId).toBe('9');
  });
});
