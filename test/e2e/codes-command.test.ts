import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import { startTestApp, testConfig, type TestApp } from '../support/test-show.js';

const ANNA = { id: 'a1', name: 'Anna' };

describe('!code lists the promo codes that work now', () => {
  const twitch = new MemoryChannel('twitch', ['shop']);
  let t: TestApp;

  beforeAll(async () => {
    const config = testConfig(`channels: { web: { enabled: false } }
promotions:
  codes:
    - { code: FIVE, discount: { percent: 5 }, maxUses: 2 }
    - { code: MUGS, discount: { amount: 2 }, products: [MUG] }
    - { code: OLD, discount: { percent: 50 }, expires: 2020-01-01 }`);
    t = await startTestApp(config, [twitch]);
  });
  afterAll(() => t.app.stop());

  it('GIVEN a live code, a product code and an expired one WHEN a viewer types !code THEN the usable ones are listed with how to use them', async () => {
    await twitch.say(ANNA, '!code');
    await t.app.idle();
    const reply = twitch.texts().find((x) => x.startsWith('Codes now:'));
    expect(reply).toContain('FIVE (5% off, 2 left)');
    expect(reply).toContain('MUGS (€2.00 off on MUG)');
    expect(reply).not.toContain('OLD');
    expect(reply).toMatch(/!buy SKU CODE$/);
  });
});
