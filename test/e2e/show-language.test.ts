import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import { parseShow } from '../../config/loader.js';
import { startTestApp, type TestApp } from '../support/test-show.js';

/** A show file as a seller writes it, with whatever the test needs. */
const showFile = (yaml: string) => parseShow(yaml, 'test.yaml', {}).config;

/** What the chat got since `from`: the replies to the lines said after it. */
const since = (channel: MemoryChannel, from: number) => channel.texts().slice(from);

describe('replies a person understands', () => {
  const twitch = new MemoryChannel('twitch', ['shop']);
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(
      showFile(`
show: { id: plain-words, name: Candle shop }
server: { host: 127.0.0.1, port: 0 }
featured: VAN
products:
  - { sku: VAN, title: Vanilla candle, price: 24, stock: 9, maxPerBuyer: 2 }
  - sku: TEE
    title: Shop tee
    price: 20
    variants: [{ name: S, stock: 5 }, { name: L, stock: 5, price: 25 }]
checkout: { linkTemplate: "https://pay.example/checkout?order={order}&total={total}" }
commands: { aliases: { buy: [kaufen], cart: [korb] } }
channels: { web: { enabled: false } }`),
      [twitch],
    );
  });
  afterAll(() => t.app.stop());

  const ask = async (name: string, line: string): Promise<string[]> => {
    const from = twitch.texts().length;
    await twitch.say({ id: name.toLowerCase(), name }, line);
    await t.app.idle();
    return since(twitch, from);
  };

  it('GIVEN a limit of 2 per viewer WHEN a viewer asks for 3 THEN the reply says the limit was applied before the usual cart reply', async () => {
    const [reply] = await ask('Ann', '!buy VAN 3');
    expect(reply).toMatch(/^The limit is 2 per viewer; I ordered 2\. Reserved for you \(cart [A-Z0-9]{8}\): 2× Vanilla candle, €48\.00\. Pay within 15 min\./);
  });

  it('GIVEN a featured product WHEN a viewer types !stock or !price without a SKU THEN the answer is about the featured one', async () => {
    expect(await ask('Bob', '!price')).toEqual(['Vanilla candle (VAN): €24.00']);
    expect(await ask('Bob', '!stock')).toEqual(['Vanilla candle: 7 left.']);
  });

  it('GIVEN a product with sizes WHEN a viewer buys it without one THEN the question lists each size with its price', async () => {
    expect(await ask('Bob', '!buy TEE')).toEqual(['Which one of Shop tee? S €20.00, L €25.00 — e.g. !buy TEE S']);
  });

  it('GIVEN !quote alone WHEN typed THEN the hint is how to ask for a quote, not how to buy', async () => {
    const [reply] = await ask('Bob', '!quote');
    expect(reply).toBe('Type !quote SKU qty for a wholesale price, e.g. !quote VAN 50.');
    expect(reply).not.toContain('!buy');
  });

  it('GIVEN a show file with its own words for commands WHEN a viewer asks !help THEN the list shows them beside the names', async () => {
    const [reply] = await ask('Bob', '!help');
    expect(reply).toMatch(/^Commands: .*!buy\/!kaufen !cart\/!korb /);
    expect(reply).toMatch(/!help <command> explains one, e\.g\. !help buy\.$/);
  });
});

describe('a Russian show, end to end', () => {
  const twitch = new MemoryChannel('twitch', ['shop']);
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(
      showFile(`
show: { id: russkiy-efir, name: Свечная лавка, language: ru, currency: RUB }
server: { host: 127.0.0.1, port: 0 }
products:
  - { sku: VAN, title: Ванильная свеча, price: 2490, stock: 5 }
  - { sku: LAST, title: Последняя свеча, price: 990, stock: 1 }
checkout: { linkTemplate: "https://pay.example/checkout?order={order}&total={total}" }
commands: { aliases: { buy: [куплю] } }
channels: { web: { enabled: false } }`),
      [twitch],
    );
  });
  afterAll(() => t.app.stop());

  const ask = async (id: string, name: string, line: string): Promise<string[]> => {
    const from = twitch.texts().length;
    await twitch.say({ id, name }, line);
    await t.app.idle();
    return since(twitch, from);
  };

  it('GIVEN a show in Russian priced in roubles WHEN a viewer buys, looks at the cart, asks for help and mistypes THEN every reply is in Russian with rouble prices', async () => {
    const [bought] = await ask('a1', 'Аня', '!buy VAN');
    expect(bought).toMatch(/^Отложено для вас \(корзина [A-Z0-9]{8}\): 1× Ванильная свеча, 2\s490\s₽\. Оплатите в течение 15 мин\./u);

    const [cart] = await ask('a1', 'Аня', '!cart');
    expect(cart).toMatch(
      /^Ваша корзина [A-Z0-9]{8}: 1\. 1× Ванильная свеча, 2\s490\s₽\. Товары на 2\s490\s₽ — оплатите в течение 1[45] мин\. !remove N убирает строку N\./u,
    );

    const [help] = await ask('a1', 'Аня', '!help');
    expect(help).toMatch(/^Команды: .*!buy\/!куплю .*!help <команда> — подробнее об одной, например !help buy\.$/u);

    const [helpBuy] = await ask('a1', 'Аня', '!help куплю');
    expect(helpBuy).toBe('!buy [SKU] [variant] [qty] [CODE]: заказать товар (без SKU — тот, что в кадре) (или !куплю)');

    expect(await ask('a1', 'Аня', '!buyy')).toEqual(['Нет такой команды: !buyy. Может быть, !buy? Список — !help.']);
    expect(await ask('a1', 'Аня', '!куплю XYZ')).toEqual(['Товара «XYZ» нет. В продаже: VAN, LAST.']);
  });

  it('GIVEN the last unit is taken WHEN another viewer buys it THEN they are told in Russian it is sold out and where they stand on the waitlist', async () => {
    const [first] = await ask('b1', 'Боря', '!buy LAST');
    expect(first).toMatch(/^Отложено для вас \(корзина [A-Z0-9]{8}\): 1× Последняя свеча, 990\s₽\./u);
    expect(await ask('c1', 'Вика', '!buy LAST')).toEqual([
      'Товара «Последняя свеча» сейчас нет в наличии. Вы 1-й в листе ожидания на 1 шт.; напишем, если освободится. !cancel — выйти из него.',
    ]);
    expect(await ask('c1', 'Вика', '!stock LAST')).toEqual(['Товар «Последняя свеча» закончился. !buy LAST запишет вас в лист ожидания.']);
    expect(await ask('c1', 'Вика', '!cancel')).toEqual(['Вы вышли из листа ожидания.']);
  });
});
