import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import { loadShowFile } from '../../config/loader.js';
import type { Bus, ShowEventName, ShowEvents } from '../../orchestrator/bus.js';
import { adminClient, startAdminApp } from '../support/admin-app.js';
import type { TestApp } from '../support/test-show.js';
import { isCartReply } from '../support/carts.js';

const ADMIN_TOKEN = 'admin-reload-token-5e8a1f7c3d';

const show = (extra: { products?: string; aliases?: string; port?: number } = {}) => `show: { id: reload-show, name: Reload show }
server: { host: 127.0.0.1, port: ${extra.port ?? 0} }
channels: { web: { enabled: false } }
checkout: { linkTemplate: "https://pay.example/checkout?order={order}" }
commands:
  aliases:
    buy: [${extra.aliases ?? 'sold'}]
products:
  - { sku: MUG, title: Mug, price: 12, stock: 3 }
${extra.products ?? ''}`;

describe('live reload of the show file', () => {
  const dirs: string[] = [];
  const apps: TestApp[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((t) => t.app.stop()));
  });
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  async function start(source: string, watchConfig = false) {
    const dir = mkdtempSync(join(tmpdir(), 'showcart-reload-'));
    dirs.push(dir);
    const file = join(dir, 'show.yaml');
    writeFileSync(file, source);
    const twitch = new MemoryChannel('twitch', ['shop']);
    const t = await startAdminApp(loadShowFile(file).config, [twitch], { env: { SHOWCART_ADMIN_TOKEN: ADMIN_TOKEN }, configPath: file, watchConfig });
    apps.push(t);
    const connectedSince = (twitch.state() as { since: number }).since;
    return { t, file, twitch, admin: adminClient(t.app.url, ADMIN_TOKEN), connectedSince };
  }
  /** The next time the show states `name`: for what starts on its own (a saved file, a timer), not on a line. */
  const next = <K extends ShowEventName>(bus: Bus, name: K) =>
    new Promise<ShowEvents[K]>((resolve) => {
      const off = bus.on(name, (payload) => {
        off();
        resolve(payload);
      });
    });

  it('GIVEN a running show WHEN the file gains a product and an alias and is reloaded THEN both work at once without reconnecting the chat', async () => {
    const { t, file, twitch, admin, connectedSince } = await start(show());
    await twitch.say({ id: 'v1', name: 'Vera' }, '!buy CANDLE');
    await t.app.idle();
    expect(twitch.texts()).toContainEqual(expect.stringMatching(/There is no product "CANDLE"/));

    writeFileSync(file, show({ products: '  - { sku: CANDLE, title: Candle, price: 8, stock: 2 }', aliases: 'sold, kaufen' }));
    const res = await admin.post('/api/admin/reload');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, warnings: [], config: { file, lastError: null } });

    await twitch.say({ id: 'v1', name: 'Vera' }, '!kaufen CANDLE');
    await t.app.idle();
    expect(twitch.texts()).toContainEqual(expect.stringMatching(/^Reserved for you \(cart [A-Z0-9]{8}\): 1× Candle/));
    expect(twitch.state()).toEqual({ state: 'connected', since: connectedSince });
    const products = ((await (await fetch(`${t.app.url}/api/show`)).json()) as { products: Array<{ sku: string }> }).products.map((p) => p.sku);
    expect(products).toEqual(['MUG', 'CANDLE']);
    const { events } = await admin.json<{ events: Array<{ data: { products: number } }> }>('/api/admin/events?type=config.reloaded');
    expect(events).toHaveLength(1);
    expect(events[0]!.data.products).toBe(1);
    // One reply per command: the old wiring's handlers are gone.
    expect(twitch.texts().filter(isCartReply).length).toBe(1);
  });

  it('GIVEN a running show WHEN a bad edit is reloaded THEN the old config keeps running and the state shows file:line:col', async () => {
    const { t, file, twitch, admin } = await start(show());
    writeFileSync(file, show({ products: '  - { sku: BAD, title: Bad, price: -3, stock: 1 }' }));
    const res = await admin.post('/api/reload');
    expect(res.status).toBe(422);
    const outcome = (await res.json()) as { ok: boolean; error: string };
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatch(/show\.yaml:10:\d+ products\[1\]\.price: /);

    const state = await admin.json<{ config: { file: string; lastError: string } }>('/api/admin/state');
    expect(state.config.file).toBe(file);
    expect(state.config.lastError).toBe(outcome.error);
    await twitch.say({ id: 'v2', name: 'Vlad' }, '!buy MUG');
    await t.app.idle();
    expect(twitch.texts()).toContainEqual(expect.stringMatching(/^Reserved for you \(cart [A-Z0-9]{8}\): 1× Mug/));

    writeFileSync(file, show());
    expect((await admin.post('/api/admin/reload')).status).toBe(200);
    expect((await admin.json<{ config: { lastError: string | null } }>('/api/admin/state')).config.lastError).toBeNull();
  });

  it('GIVEN a running show WHEN the server section changes THEN the reload keeps the running server and warns', async () => {
    const { t, file, admin } = await start(show());
    writeFileSync(file, show({ port: 4999 }));
    const outcome = (await (await admin.post('/api/admin/reload')).json()) as { ok: boolean; warnings: string[] };
    expect(outcome.ok).toBe(true);
    expect(outcome.warnings).toEqual([expect.stringMatching(/^server: changed in the file; restart showcart/)]);
    expect(t.app.show.config.server.port).toBe(0);
  });

  it('GIVEN the file is watched WHEN it is saved with a new product THEN the product becomes buyable by itself', async () => {
    const { t, file, twitch } = await start(show(), true);
    const reloaded = next(t.app.bus, 'config.reloaded');
    writeFileSync(file, show({ products: '  - { sku: SOAP, title: Soap, price: 5, stock: 4 }' }));
    expect(await reloaded).toMatchObject({ file, products: 1, warnings: [] });
    await twitch.say({ id: 'v3', name: 'Wanda' }, '!buy SOAP');
    await t.app.idle();
    expect(twitch.texts()).toContainEqual(expect.stringMatching(/^Reserved for you \(cart [A-Z0-9]{8}\): 1× Soap/));
  });
  it('GIVEN a poll running WHEN the show file is reloaded THEN the poll carries on: earlier votes still count, a repeat does not, and it closes once', async () => {
    const poll = `engagement:\n  polls:\n    - { id: colour, question: Which colour?, options: [Red, Blue], duration: 10m }`;
    const { t, file, twitch, admin } = await start(`${show()}\n${poll}`);
    expect(await t.app.polls.start({ id: 'colour' })).toMatchObject({ ok: true });
    await twitch.say({ id: 'v1', name: 'Vera' }, '!vote 1');
    await t.app.idle();
    expect(t.app.polls.current()?.total).toBe(1);

    writeFileSync(file, `${show({ products: '  - { sku: CANDLE, title: Candle, price: 8, stock: 2 }' })}\n${poll}`);
    expect((await admin.post('/api/admin/reload')).status).toBe(200);
    await twitch.say({ id: 'v1', name: 'Vera' }, '!vote 1');
    await twitch.say({ id: 'v2', name: 'Wim' }, '!vote 2');
    await t.app.idle();
    expect(t.app.polls.current()?.total).toBe(2);
    expect(t.app.polls.current()?.options.map((o) => o.votes)).toEqual([1, 1]);
    expect(await t.app.polls.stop('colour')).toBe(true);
    await t.app.idle();
    expect(twitch.texts()).toContainEqual(expect.stringMatching(/Poll closed: Which colour\?/));
    expect(twitch.texts().filter((x) => x.includes('Poll closed')).length).toBe(1);
  });

  it('GIVEN a poll, a flash sale and a timer running WHEN the show file is reloaded THEN each carries on where it was: the poll with its votes, the sale with its price and end, the timer on its beat', async () => {
    const plan = `engagement:
  polls:
    - { id: colour, question: Which colour?, options: [Red, Blue], duration: 10m }
  timers:
    - { message: Follow the shop!, every: 1s, minLines: 0 }
promotions:
  flashSales:
    - { id: mug-rush, sku: MUG, price: 9, duration: 10m, maxPerBuyer: 1 }`;
    const { t, file, twitch, admin } = await start(`${show()}\n${plan}`);
    const firstBeat = next(t.app.bus, 'timer.sent');
    await t.app.show.goLive(Date.now());
    expect(await t.app.polls.start({ id: 'colour' })).toMatchObject({ ok: true });
    const sale = t.app.flash.start('mug-rush');
    expect(sale.ok).toBe(true);
    await twitch.say({ id: 'v1', name: 'Vera' }, '!vote 1');
    await firstBeat;
    await t.app.idle();
    expect(twitch.texts()).toContain('Follow the shop!');
    const beats = () => twitch.texts().filter((x) => x === 'Follow the shop!').length;
    const before = beats();

    // The reload changes the sale's price and the timer's text: what runs keeps its promise, what is said next follows the file.
    writeFileSync(file, `${show()}\n${plan.replace('price: 9', 'price: 7').replace('Follow the shop!', 'Follow us!')}`);
    expect((await admin.post('/api/admin/reload')).status).toBe(200);
    const beatAfter = next(t.app.bus, 'timer.sent');

    expect(t.app.flash.current('MUG')).toMatchObject({ saleId: 'mug-rush', priceCents: 900 });
    expect(t.app.flash.list()).toEqual([expect.objectContaining({ saleId: 'mug-rush', endsAt: sale.ok ? sale.sale.endsAt : 0 })]);
    await twitch.say({ id: 'v2', name: 'Wim' }, '!vote 2');
    await twitch.say({ id: 'v1', name: 'Vera' }, '!vote 1');
    await twitch.say({ id: 'v3', name: 'Xena' }, '!buy MUG');
    await t.app.idle();
    expect(t.app.polls.current()?.options.map((o) => o.votes)).toEqual([1, 1]);
    expect(twitch.texts().find(isCartReply)).toMatch(/€9\.00/);
    await beatAfter;
    await t.app.idle();
    expect(twitch.texts()).toContain('Follow us!');
    expect(beats()).toBe(before);
    // One running poll and one running sale: no second copy was started by the new wiring.
    expect(t.app.polls.list().filter((p) => p.state === 'open')).toHaveLength(1);
    expect(await t.app.polls.stop('colour')).toBe(true);
    expect(t.app.flash.stop('mug-rush')).toBe(true);
    await t.app.idle();
    expect(twitch.texts().filter((x) => x.includes('Poll closed'))).toHaveLength(1);
    expect(twitch.texts().filter((x) => x.startsWith('Flash sale ended'))).toHaveLength(1);
  });
});
