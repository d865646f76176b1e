import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import { parseShow } from '../../config/loader.js';
import { FakeOpenAI } from '../fakes/fake-openai.js';
import { canRunBrowser, launchChromium, screenshot } from '../support/browser.js';
import { openDashboard } from '../support/viewer-page.js';
import { startTestApp, type TestApp } from '../support/test-show.js';

const ADMIN = 'admin-token-for-the-ai-drafts-test-0123456789';

/** The AI helper in suggest mode and its review queue, as a moderator works them on the dashboard in Debian's chromium. */
describe.skipIf(!canRunBrowser)('AI drafts and the review queue on the dashboard', () => {
  const model = new FakeOpenAI();
  let t: TestApp;
  let browser: Browser;
  const chat = new MemoryChannel('twitch', ['room']);
  const group = new MemoryChannel('telegram', ['group']);

  beforeAll(async () => {
    await model.start();
    const yaml = `
show: { id: ai-drafts, name: Draft night }
server: { host: 127.0.0.1, port: 0 }
channels: { web: { enabled: false } }
products:
  - { sku: MUG, title: Studio mug, price: 12, stock: 3, description: "Stoneware, dishwasher safe, holds 350 ml." }
checkout: { provider: builtin, builtin: { mode: test } }
ai: { enabled: true, baseUrl: "${model.baseUrl}", mode: suggest, review: { enabled: true } }
`;
    t = await startTestApp(parseShow(yaml, 'drafts.yaml', {}).config, [chat, group], { env: { SHOWCART_ADMIN_TOKEN: ADMIN } });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.app.stop();
    await model.stop();
  });

  it('GIVEN a question with a draft WHEN the moderator edits it and presses Send THEN the asker gets the edited answer and the draft leaves the list', async () => {
    const dash = await openDashboard(browser, t.app.url, ADMIN);
    await dash.locator('#ai-drafts h3', { hasText: 'AI drafts (0)' }).waitFor();
    await chat.say({ id: 'bob', name: 'Bob' }, 'is the studio mug dishwasher safe?');
    await t.app.idle();
    const draft = dash.locator('#ai-drafts .ai-draft');
    await draft.waitFor();
    expect(await draft.locator('p').first().textContent()).toBe('Twitch Bob: is the studio mug dishwasher safe?');
    expect(await draft.locator('textarea').inputValue()).toBe('Stoneware, dishwasher safe, holds 350 ml. (source: Studio mug)');
    await screenshot(dash, 'dashboard-ai-draft');
    await draft.locator('textarea').fill('Yes — it is stoneware and dishwasher safe.');
    await draft.locator('button', { hasText: 'Send' }).click();
    await draft.waitFor({ state: 'detached' });
    await t.app.idle();
    expect(chat.texts().at(-1)).toBe('Yes — it is stoneware and dishwasher safe.');
    await dash.close();
  });

  it('GIVEN a doubtful line held for review WHEN the moderator approves one and times out the writer of another THEN the first is relayed and the second deleted', async () => {
    const dash = await openDashboard(browser, t.app.url, ADMIN);
    await dash.locator('#review h3', { hasText: 'Held for review (0)' }).waitFor();
    await chat.say({ id: 'kim', name: 'Kim' }, 'this mug is so ugly I love it');
    await chat.say({ id: 'spam', name: 'SpamBot' }, 'earn $300 a day from home, dm me');
    await chat.say({ id: 'ann', name: 'Ann' }, 'the blue glaze is lovely');
    await t.app.idle();
    const items = dash.locator('#review .review-item');
    await dash.locator('#review h3', { hasText: 'Held for review (2)' }).waitFor();
    expect(await items.locator('p').allTextContents()).toEqual([
      'Twitch SpamBot: earn $300 a day from home, dm me',
      'Twitch Kim: this mug is so ugly I love it',
    ]);
    expect(group.texts().join('\n')).toContain('the blue glaze is lovely');
    // The chat column marks the held lines too; Ann's stays plain.
    await dash.locator('#chat .chat-line.held').nth(1).waitFor();
    expect(await dash.locator('#chat .chat-line.held .text').allTextContents()).toEqual(['this mug is so ugly I love it', 'earn $300 a day from home, dm me']);
    await screenshot(dash, 'dashboard-review-queue');
    // A dashboard opened after the lines were held marks them too (from the state, not the live events).
    const late = await openDashboard(browser, t.app.url, ADMIN);
    await late.locator('#chat .chat-line.held').nth(1).waitFor();
    expect(await late.locator('#chat .chat-line.held .text').allTextContents()).toEqual(['this mug is so ugly I love it', 'earn $300 a day from home, dm me']);
    await late.close();
    await items.filter({ hasText: 'Kim' }).locator('button', { hasText: 'Approve' }).click();
    await items.filter({ hasText: 'SpamBot' }).locator('button', { hasText: 'Timeout' }).click();
    await dash.locator('#review h3', { hasText: 'Held for review (0)' }).waitFor();
    await dash.locator('#chat .chat-line.held').waitFor({ state: 'detached' });
    await t.app.idle();
    expect(group.texts().join('\n')).toContain('this mug is so ugly I love it');
    expect(group.texts().join('\n')).not.toContain('earn $300');
    expect(chat.moderated.map((a) => a.kind)).toEqual(['delete', 'timeout']);
    await dash.close();
  });
});
