import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import { parseShow } from '../../config/loader.js';
import { FakeOpenAI, type FakeReply } from '../fakes/fake-openai.js';
import { startTestApp, type TestApp } from '../support/test-show.js';
import { waitFor } from '../support/wait-for.js';
import { WebChatClient } from '../support/web-chat-client.js';

const show = (baseUrl: string, language = 'en', web = false) => `
show: { id: offers-show, name: Glow night, language: ${language} }
server: { host: 127.0.0.1, port: 0 }
channels: { web: { enabled: ${web} } }
products:
  - { sku: SERUM, title: Hyaluronic serum, price: 32, stock: 5, category: skincare, description: "A rich serum for dry skin; calms redness overnight." }
  - { sku: PALETTE, title: Nude palette, price: 45, stock: 5, category: makeup, description: "Twelve matte shades for everyday looks, from 2 warm browns to cool taupe." }
  - { sku: CLEANSER, title: Gel cleanser, price: 18, stock: 5, category: skincare, description: "A foaming gel for oily skin and large pores." }
  - { sku: CREAM, title: Крем Увлажнение, price: 29, stock: 5, category: уход, description: "Плотный крем для сухой кожи на ночь." }
featured: SERUM
checkout: { provider: builtin, builtin: { mode: test } }
engagement:
  recommendations: { enabled: true, afterPurchase: true }
ai: { enabled: true, baseUrl: "${baseUrl}", model: test-model, apiKeyEnv: SHOWCART_TEST_AI_KEY, mode: suggest, timeout: 1s, requestsPerMinute: 100 }
`;

const SERUM_RULES = 'You asked about dry skin: Hyaluronic serum, €32.00 — !buy SERUM';

/**
 * Personal offers through the real app and the real `openai` client against a local
 * OpenAI-compatible fake: the rules rank each viewer's candidates from their own questions, the
 * model may choose among them and word the reason, and anything it gets wrong (a SKU outside the
 * candidates, an invented figure or code, a 429, a hang, garbage) leaves the rules' offer.
 */
describe('personal offers with the show model', () => {
  const model = new FakeOpenAI();
  let t: TestApp;
  let chat: MemoryChannel;
  const say = (who: string, text: string) => chat.say({ id: who, name: who }, text).then(() => t.app.idle());
  /** What showcart said last (each line is handled, replies included, before the next is said). */
  const lastSaid = () => chat.texts().at(-1);
  const offerRequests = () => model.requests.filter((r) => String(r.body.messages[0]?.content).startsWith('You pick one product'));
  /** The viewer asks (the AI helper answers from the fake's own model first), then `!recommend` meets `reply`. */
  async function askThenRecommend(who: string, question: string, ...replies: FakeReply[]): Promise<string | undefined> {
    await say(who, question);
    model.next(...replies);
    await say(who, '!recommend');
    return lastSaid();
  }
  const start = async (language = 'en', web = false) => {
    chat = new MemoryChannel('twitch', ['room']);
    t = await startTestApp(parseShow(show(model.baseUrl, language, web), 'offers.yaml', {}).config, [chat], {
      env: { SHOWCART_TEST_AI_KEY: 'sk-test-key-123' },
    });
  };

  beforeAll(() => model.start());
  afterAll(() => model.stop());
  afterEach(async () => {
    await t?.app.stop();
  });

  it('GIVEN two viewers asking different things WHEN each asks !recommend THEN each gets their own offer with the model reason, at the catalog price, and each prompt holds only their own lines', async () => {
    await start();
    const ann = await askThenRecommend('ann', 'anything for dry skin?', {
      content: '{"sku": "SERUM", "reason": "It is made for the dry skin you asked about."}',
    });
    const bob = await askThenRecommend('bob', 'any shades for everyday looks?', {
      content: '```json\n{"sku": "palette", "reason": "Twelve matte shades for your everyday looks"}\n```',
    });
    expect(ann).toBe('It is made for the dry skin you asked about: Hyaluronic serum, €32.00 — !buy SERUM');
    expect(bob).toBe('Twelve matte shades for your everyday looks: Nude palette, €45.00 — !buy PALETTE');
    const [forAnn, forBob] = offerRequests();
    expect(forAnn!.body.messages[0]!.content).toContain('"sku":"SERUM"');
    expect(forAnn!.body.messages[0]!.content).not.toContain('32');
    expect(forAnn!.body.messages[1]!.content).toContain('anything for dry skin?');
    expect(forBob!.body.messages[1]!.content).toContain('any shades for everyday looks?');
    expect(forBob!.body.messages[1]!.content).not.toContain('dry skin');
    expect(forAnn!.authorization).toBe('Bearer sk-test-key-123');

    // The same history asks the model no more: the answer is remembered until ann says or buys something.
    const asked = offerRequests().length;
    await say('ann', '!recommend');
    expect(lastSaid()).toBe(ann);
    expect(offerRequests()).toHaveLength(asked);
  });

  it('GIVEN a viewer whose questions point at two products WHEN the model chooses the second THEN that one is offered, and both were its candidates', async () => {
    await start();
    await say('mo', 'any shades for everyday looks?');
    const offer = await askThenRecommend('mo', 'anything for dry skin?', { content: '{"sku": "SERUM", "reason": "Your dry skin comes first"}' });
    expect(offer).toBe('Your dry skin comes first: Hyaluronic serum, €32.00 — !buy SERUM');
    const system = String(offerRequests().at(-1)!.body.messages[0]!.content);
    expect(system.indexOf('"sku":"PALETTE"')).toBeGreaterThan(0);
    expect(system.indexOf('"sku":"PALETTE"')).toBeLessThan(system.indexOf('"sku":"SERUM"'));
  });

  it('GIVEN a model reply naming a SKU outside the candidates, an invented price or a made-up code WHEN recommending THEN the rules pick and say why', async () => {
    await start();
    const before = offerRequests().length;
    expect(await askThenRecommend('cy', 'anything for dry skin?', { content: '{"sku": "PALETTE", "reason": "You will love this palette"}' })).toBe(SERUM_RULES);
    expect(await askThenRecommend('dee', 'anything for dry skin?', { content: '{"sku": "SERUM", "reason": "Only €5.00 today for your dry skin"}' })).toBe(
      SERUM_RULES,
    );
    expect(await askThenRecommend('eve', 'anything for dry skin?', { content: '{"sku": "SERUM", "reason": "Use code GLOWUP for dry skin"}' })).toBe(
      SERUM_RULES,
    );
    expect(await askThenRecommend('fay', 'anything for dry skin?', { content: `{"sku": "SERUM", "reason": "${'so good '.repeat(20)}"}` })).toBe(SERUM_RULES);
    expect(offerRequests()).toHaveLength(before + 4);
    expect(t.log.text()).not.toContain('sk-test-key-123');
  });

  it('GIVEN a model server that answers 429, hangs or sends garbage WHEN recommending THEN the rules pick, and nobody sees an error', async () => {
    await start();
    expect(await askThenRecommend('gus', 'anything for dry skin?', { status: 429, retryAfter: 20 })).toBe(SERUM_RULES);
    expect(await askThenRecommend('hal', 'anything for dry skin?', { hang: true })).toBe(SERUM_RULES);
    expect(await askThenRecommend('ida', 'anything for dry skin?', { garbage: '{"choices": "not a list' })).toBe(SERUM_RULES);
    expect(await askThenRecommend('jo', 'anything for dry skin?', { content: 'I think the serum!' })).toBe(SERUM_RULES);
    expect(chat.texts().join('\n')).not.toMatch(/error|429/i);
  });

  it('GIVEN a buyer who asked about oily skin WHEN they buy the palette THEN the after-purchase line offers the cleanser in the model words, and the price is the catalog one even if the model names another', async () => {
    await start();
    await say('kim', 'what do you have for oily skin');
    model.next({ content: '{"sku": "CLEANSER", "price": "€1.00", "reason": "A foaming gel for the oily skin you mentioned"}' });
    await say('kim', '!buy PALETTE');
    expect(lastSaid()).toBe('A foaming gel for the oily skin you mentioned: Gel cleanser, €18.00 — !buy CLEANSER');
    const request = offerRequests().at(-1)!;
    expect(request.body.messages[1]!.content).toContain('The viewer bought: "Nude palette"');
  });

  it('GIVEN a web viewer who asked about dry skin WHEN their page asks for its "for you" pick THEN it has the model reason and the catalog price, asked of the model once', async () => {
    await start('en', true);
    const pia = await WebChatClient.join(t.app.url, 'Pia');
    const before = model.requests.length;
    pia.say('anything for dry skin?');
    // The AI helper asks the model about the question first; the offer's reply is scripted after it.
    await waitFor(() => model.requests.length > before, 5000, 'the AI helper request');
    await t.app.idle();
    model.next({ content: '{"sku": "SERUM", "reason": "Made for your dry skin, price 1 euro"}' });
    const forYou = () =>
      fetch(`${t.app.url}/api/storefront/for-you`, { headers: { 'X-Showcart-Session': pia.welcome!.session } }).then(
        (r) => r.json() as Promise<{ pick: { sku: string; priceCents: number; why: string } | null; heard: string | null }>,
      );
    // A figure the candidates do not have: the rules' reason stands.
    expect((await forYou()).pick).toEqual({ sku: 'SERUM', title: 'Hyaluronic serum', priceCents: 3200, currency: 'EUR', why: 'You asked about dry skin' });
    const asked = offerRequests().length;
    const all = model.requests.length;
    pia.say('and is it good for redness?');
    await waitFor(() => model.requests.length > all, 5000, 'the AI helper request');
    await t.app.idle();
    model.next({ content: '{"sku": "SERUM", "reason": "It calms redness overnight and loves dry skin"}' });
    const body = await forYou();
    expect(body.pick).toMatchObject({ sku: 'SERUM', priceCents: 3200, why: 'It calms redness overnight and loves dry skin' });
    expect(body.heard).toEqual(expect.any(String));
    expect((await forYou()).pick?.why).toBe('It calms redness overnight and loves dry skin');
    expect(offerRequests()).toHaveLength(asked + 1);
    await pia.close();
  });

  it('GIVEN a Russian show without a usable model reply WHEN a viewer asked in Russian THEN the rules quote their words', async () => {
    await start('ru');
    await say('lev', 'у вас есть что-то для сухой кожи?');
    model.next({ status: 500 });
    await say('lev', '!recommend');
    expect(lastSaid()).toMatch(/^Вы спрашивали: «сухой кожи»\. Подойдёт Крем Увлажнение, 29,00\s€ — !buy CREAM$/u);
  });
});
