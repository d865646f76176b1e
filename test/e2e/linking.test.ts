import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import { startTestApp, testConfig, type TestApp } from '../support/test-show.js';

const TOM = { id: 't1', name: 'Tom Twitch' };
const TANYA = { id: '42', name: 'Tanya' };

describe('linking accounts across platforms, end to end through the app', () => {
  const twitch = new MemoryChannel('twitch', ['shop']);
  const telegram = new MemoryChannel('telegram', ['-100'], undefined, { canDirectMessage: true });
  let t: TestApp;
  let code = '';

  /** The next message on `channel` matching `test`, counting only what arrived after this call; read once the app is idle. */
  const next = (channel: MemoryChannel, test: (text: string) => boolean, what: string) => {
    const from = channel.sent.length;
    return async () => {
      await t.app.idle();
      const found = channel.sent.slice(from).find((m) => test(m.text));
      expect(found, `${what} among ${JSON.stringify(channel.texts().slice(from))}`).toBeDefined();
      return found!;
    };
  };
  const askCode = async () => {
    const reply = next(telegram, (x) => x.startsWith('Your link code is'), 'a link code');
    await telegram.say(TANYA, '/link');
    const sent = await reply();
    return { sent, code: /Your link code is ([A-Z0-9]{6})\./.exec(sent.text)![1]! };
  };
  const viewerIds = async () => {
    const rows = await t.app.store.db.query<{ platform: string; viewer_id: number }>('SELECT platform, viewer_id FROM identities ORDER BY platform_user_id', {
      type: QueryTypes.SELECT,
    });
    return rows.map((r) => `${r.platform}:${r.viewer_id}`);
  };

  beforeAll(async () => {
    const config = testConfig(`  - { sku: CAP, title: Cap, price: 5, stock: 20, maxPerBuyer: 2 }
checkout: { linkTemplate: "https://pay.example/{order}" }
channels: { web: { enabled: false } }`);
    t = await startTestApp(config, [twitch, telegram], { env: { SHOWCART_PAYMENT_SECRET: 'whsec_linking_123' } });
  });
  afterAll(() => t.app.stop());

  it('GIVEN a Twitch viewer bought up to the cap WHEN they ask for a code on Twitch THEN no code is shown in the public chat and they are sent to Telegram', async () => {
    await twitch.say(TOM, '!buy CAP 2');
    await t.app.idle();
    expect(twitch.texts()).toContainEqual(expect.stringContaining('2× Cap'));
    const reply = next(twitch, (x) => x.includes('cannot send you a code privately'), 'the refusal');
    await twitch.say(TOM, '!link');
    expect((await reply()).text).toBe('On Twitch I cannot send you a code privately. Send /link on Telegram to get one, then type !link CODE here.');
  });

  it('GIVEN the same person on Telegram WHEN they send /link in the group THEN the code comes privately with what to type', async () => {
    const asked = await askCode();
    code = asked.code;
    expect(asked.sent.userId).toBe(TANYA.id);
    expect(asked.sent.text).toBe(
      `Your link code is ${code}. Send !link ${code} (Telegram: /link ${code}) from your other account within 10 minutes; it works once.`,
    );
    expect(telegram.sent.filter((m) => m.userId === undefined && m.text.includes(code))).toEqual([]);
  });

  it('GIVEN wrong codes and a second Telegram account WHEN they try THEN each is refused with its reason', async () => {
    const wrong = next(twitch, (x) => x.startsWith('That link code is not valid.'), 'wrong code');
    await twitch.say(TOM, '!link ZZZZZZ');
    await wrong();
    const own = next(telegram, (x) => x.startsWith('That is your own link code'), 'own code');
    await telegram.say(TANYA, `/link ${code}`);
    await own();
    const clash = next(telegram, (x) => x.startsWith('You can link one account per platform'), 'same platform');
    await telegram.say({ id: '43', name: 'Tanya second' }, `/link ${code}`);
    expect((await clash()).text).toBe('You can link one account per platform: both accounts already have Telegram.');
  });

  it('GIVEN the code WHEN Tom types it on Twitch THEN both sides are told (the public side without the other name), and one viewer owns both accounts', async () => {
    const before = await viewerIds();
    const told = next(telegram, (x) => x.startsWith('Linked with Twitch account Tom Twitch.'), 'the code side told');
    const answered = next(
      twitch,
      (x) => x === 'Linked with your Telegram account. Your orders, limits, votes and codes now count together.',
      'the typing side told',
    );
    await twitch.say(TOM, `!link ${code.toLowerCase()}`);
    expect((await told()).userId).toBe(TANYA.id);
    await answered();
    // Identities by user id: Tanya (42), her second Telegram account (43), Tom (t1).
    const [tanya, second, tom] = before;
    const kept = tanya!.split(':')[1];
    expect(tom).not.toBe(`twitch:${kept}`);
    expect(await viewerIds()).toEqual([tanya, second, `twitch:${kept}`]);
  });

  it('GIVEN the accounts are linked WHEN either buys more of the capped product THEN the cap counts the person, on both platforms', async () => {
    const cap = 'You already have 2 of Cap; the limit is 2 per viewer';
    const onTelegram = next(telegram, (x) => x.startsWith(cap), 'capped on Telegram');
    await telegram.say(TANYA, '/buy CAP');
    await onTelegram();
    // Tom's Twitch identity was cached as his old viewer before the link: it must not be any more.
    const onTwitch = next(twitch, (x) => x.startsWith(cap), 'capped on Twitch');
    await twitch.say(TOM, '!buy CAP');
    await onTwitch();
  });

  it('GIVEN a used code, an old code and an expired one WHEN typed THEN each is refused', async () => {
    const used = next(twitch, (x) => x.startsWith('That link code is not valid.'), 'used code');
    await twitch.say({ id: 't2', name: 'Zed' }, `!link ${code}`);
    await used();

    const old = (await askCode()).code;
    const fresh = (await askCode()).code;
    const replaced = next(twitch, (x) => x.startsWith('That link code is not valid.'), 'replaced code');
    await twitch.say({ id: 't2', name: 'Zed' }, `!link ${old}`);
    await replaced();

    // Ten minutes pass for this code.
    await t.app.store.db.query('UPDATE link_codes SET expires_at = :past WHERE code = :fresh', { replacements: { past: Date.now() - 1, fresh } });
    const expired = next(twitch, (x) => x.startsWith('That link code has expired.'), 'expired code');
    await twitch.say({ id: 't2', name: 'Zed' }, `!link ${fresh}`);
    await expired();
  });

  it('GIVEN the link WHEN history is read THEN the event log names both viewers and the merged one points to the kept one', async () => {
    await t.app.events.flush();
    const [linked] = await t.app.store.db.query<{ data: string | { mergedViewerId: number; intoViewerId: number } }>(
      "SELECT data FROM events WHERE type = 'viewer.linked'",
      { type: QueryTypes.SELECT },
    );
    const data = typeof linked!.data === 'string' ? (JSON.parse(linked!.data) as { mergedViewerId: number; intoViewerId: number }) : linked!.data;
    const [viewer] = await t.app.store.db.query<{ merged_into: number }>('SELECT merged_into FROM viewers WHERE id = :id', {
      replacements: { id: data.mergedViewerId },
      type: QueryTypes.SELECT,
    });
    expect(viewer?.merged_into).toBe(data.intoViewerId);
  });
});
