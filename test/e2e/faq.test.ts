import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_CHANNEL, GROUP, startThreePlatforms, type ThreePlatforms } from '../support/three-platforms.js';
import { afterLines, waitFor } from '../support/wait-for.js';

const COOLDOWN_MS = 2000;
const SHIPPING = 'We ship within 2 working days.';
const anna = { id: '600000000000000011', username: 'anna' };
const boris = { id: '600000000000000012', username: 'boris' };
const tanya = { id: 71, first_name: 'Tanya' };
const tom = { id: '5011', login: 'tom', displayName: 'Tom' };

/** The FAQ bot with the real bot clients over the wire: answers, cooldown per question per room, !faq. */
describe('faq over the three platform fakes', () => {
  let p: ThreePlatforms;
  const answersOnDiscord = () => p.discord.sent(DISCORD_CHANNEL).filter((x) => x.includes(SHIPPING)).length;
  const answersOnTelegram = () => p.telegram.sent(GROUP).filter((x) => x.includes(SHIPPING)).length;
  const logged = async (type: string) => {
    await p.app.events.flush();
    return (await p.app.store.models.LoggedEvent.findAll({ where: { type }, order: [['id', 'ASC']] })).map((r) => ({
      at: Number(r.at),
      platform: r.platform,
      data: r.data,
    }));
  };

  beforeAll(async () => {
    p = await startThreePlatforms(
      `products:
  - { sku: VAN, title: Vanilla candle, price: 24, stock: 5 }
engagement:
  faq:
    cooldown: ${COOLDOWN_MS / 1000}s
    entries:
      - { id: shipping, question: How long does shipping take?, keywords: [shipping, delivery, ship, доставка], answer: "${SHIPPING}" }
      - { id: burn-time, question: How long does the vanilla candle burn?, keywords: [burn, горит], answer: About 40 hours., product: VAN }`,
    );
  });
  afterAll(() => p?.stop());

  it('GIVEN a FAQ with a short cooldown WHEN the same question comes again THEN it is answered once per room within the cooldown and again after it', async () => {
    await afterLines(p.app, 1, () => p.discord.say({ channelId: DISCORD_CHANNEL, user: anna, content: 'how long does shiping take to germany?' }));
    expect(answersOnDiscord()).toBe(1);
    const [first] = await logged('faq.answered');
    expect(first).toMatchObject({ platform: 'discord', data: { entry: 'shipping', channelId: DISCORD_CHANNEL, explicit: false } });
    expect(String(first!.data.why)).toMatch(/keyword "(shipping|ship)" \w+ "shiping"/);

    // Within the cooldown: the same room stays quiet, another room is answered.
    await afterLines(p.app, 2, () => {
      p.discord.say({ channelId: DISCORD_CHANNEL, user: boris, content: 'Shipping to Austria?' });
      p.telegram.injectText({ chatId: GROUP, chatType: 'supergroup', from: tanya, text: 'сколько идет доставка?' });
    });
    const [suppressed] = await logged('faq.suppressed');
    expect(suppressed).toMatchObject({ platform: 'discord', data: { entry: 'shipping' } });
    expect(answersOnTelegram()).toBe(1);
    expect(answersOnDiscord()).toBe(1);

    // After the cooldown the same room is answered again.
    // The cooldown runs on real time: wait out what is left of it (it ends within COOLDOWN_MS of the first answer).
    await waitFor(() => Date.now() - first!.at > COOLDOWN_MS, COOLDOWN_MS, 'the cooldown to pass');
    await afterLines(p.app, 1, () => p.discord.say({ channelId: DISCORD_CHANNEL, user: boris, content: 'do you ship to Austria?' }));
    expect(answersOnDiscord()).toBe(2);
  });

  it('GIVEN a chat line that is not a question WHEN it mentions a keyword THEN nothing is answered', async () => {
    await afterLines(p.app, 2, () => {
      p.discord.say({ channelId: DISCORD_CHANNEL, user: anna, content: 'burn baby burn' });
      p.discord.say({ channelId: DISCORD_CHANNEL, user: anna, content: 'what burns longer?' });
    });
    // One answer for both lines: one of them was passed over.
    expect(p.discord.sent(DISCORD_CHANNEL).filter((x) => x.includes('About 40 hours.'))).toHaveLength(1);
    // Had the first line been answered, the second would have been suppressed: it was the question that was answered.
    const burns = (await logged('faq.answered')).filter((r) => r.data.entry === 'burn-time');
    expect(burns.map((r) => r.data.why)).toEqual([expect.stringContaining('"burns"')]);
    expect((await logged('faq.suppressed')).filter((r) => r.data.entry === 'burn-time')).toEqual([]);
  });

  it('GIVEN !faq WHEN a viewer asks for topics or a word THEN the topics are listed and the answer comes even within the cooldown', async () => {
    await afterLines(p.app, 1, () => p.twitch.say({ channel: 'candleshop', user: tom, text: '!faq' }));
    expect(p.twitch.received('candleshop')).toContainEqual(
      expect.stringContaining('Questions I can answer: How long does shipping take? · How long does the vanilla candle burn?'),
    );
    await afterLines(p.app, 2, () => {
      p.twitch.say({ channel: 'candleshop', user: tom, text: '!faq delivery' });
      p.twitch.say({ channel: 'candleshop', user: tom, text: '!faq delivery' });
    });
    expect(p.twitch.received('candleshop').filter((x) => x.includes(SHIPPING))).toHaveLength(2);
    const explicit = (await logged('faq.answered')).filter((r) => r.data.explicit === true);
    expect(explicit.map((r) => r.platform)).toEqual(['twitch', 'twitch']);
  });
});
