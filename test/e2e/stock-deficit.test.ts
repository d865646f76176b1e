import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import { loadShowFile } from '../../config/loader.js';
import { startAdminApp } from '../support/admin-app.js';
import type { TestApp } from '../support/test-show.js';
import { isCartReply } from '../support/carts.js';

const show = (stock: number) => `show: { id: deficit-show, name: Deficit show }
server: { host: 127.0.0.1, port: 0 }
channels: { web: { enabled: false } }
checkout: { linkTemplate: "https://pay.example/{order}" }
products:
  - { sku: LAMP, title: Lamp, price: 40, stock: ${stock} }
`;

/**
 * Lowering stock below what is already held is the seller's correction, not a reason to sell more:
 * the deficit is kept, and freed units pay it off before anyone waiting is offered one.
 */
describe('stock lowered below what is held', () => {
  const dir = mkdtempSync(join(tmpdir(), 'showcart-deficit-'));
  let t: TestApp | undefined;
  afterAll(async () => {
    await t?.app.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('GIVEN 3 lamps held and a buyer waiting WHEN the file is saved with stock 1 THEN the reload warns of a deficit of 2, a cancel offers the waiting buyer nothing, and the ledger never shows more held than stock allows', async () => {
    const file = join(dir, 'show.yaml');
    writeFileSync(file, show(3));
    const chat = new MemoryChannel('twitch', ['shop']);
    t = await startAdminApp(loadShowFile(file).config, [chat], { configPath: file, watchConfig: false });
    for (const name of ['Ann', 'Ben', 'Cem']) await chat.say({ id: name, name }, '!buy LAMP');
    await chat.say({ id: 'Dee', name: 'Dee' }, '!buy LAMP');
    await t.app.idle();
    expect(chat.texts().filter(isCartReply)).toHaveLength(3);
    expect(chat.texts().at(-1)).toMatch(/waitlist/i);

    writeFileSync(file, show(1));
    const outcome = await t.app.config.reload();
    expect(outcome).toMatchObject({ ok: true, warnings: [expect.stringMatching(/^products LAMP: 2 more held or sold than the new stock/)] });
    expect(t.app.config.status().warnings).toHaveLength(1);
    const lamp = async () => (await t!.app.store.models.Product.findOne({ where: { sku: 'LAMP' } }))!;
    expect((await lamp()).stockAvailable).toBe(-2);

    const offersBefore = chat.texts().filter((x) => /is yours|offered|freed/i.test(x)).length;
    await chat.say({ id: 'Ann', name: 'Ann' }, '!cancel');
    await t.app.idle();
    expect(chat.texts().at(-1)).toMatch(/is cancelled/);
    expect(chat.texts().filter((x) => /is yours|offered|freed/i.test(x))).toHaveLength(offersBefore);
    expect((await lamp()).stockAvailable).toBe(-1);
    expect(await t.app.store.models.Order.count({ where: { status: 'held' } })).toBe(2);
    await chat.say({ id: 'Eve', name: 'Eve' }, '!stock LAMP');
    await t.app.idle();
    expect(chat.texts().at(-1)).toMatch(/Lamp is sold out/);
  });
});
