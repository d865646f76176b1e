import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_CHANNEL, GROUP, startThreePlatforms, type ThreePlatforms } from '../support/three-platforms.js';
import { afterLines } from '../support/wait-for.js';

const tanya = { id: 71, first_name: 'Tanya' };
const ivan = { id: 72, first_name: 'Ivan' };
const tom = { id: '5011', login: 'tom', displayName: 'Tom' };
const kim = { id: '5012', login: 'kim', displayName: 'Kim' };
const anna = { id: '600000000000000011', username: 'anna' };
const boris = { id: '600000000000000012', username: 'boris' };

/**
 * One poll on Telegram (a native poll, answers as poll_answer), Discord (buttons and !vote) and
 * Twitch (!vote) at once, with the real telegraf, discord.js and tmi.js clients over the wire.
 */
describe('polls over the three platform fakes', () => {
  let p: ThreePlatforms;
  let ref = '';
  /**
   * What the bot said in Twitch chat. tmi.js resolves a send once it is written to the socket (IRC
   * acknowledges no PRIVMSG), so the fake may still be reading it: wait for the fake's own record.
   */
  const heardOnTwitch = async (match: (text: string) => boolean) => {
    const e = await p.twitch.waitFor((x) => x.kind === 'message' && x.channel === '#candleshop' && match(x.text), 1000);
    return e.kind === 'message' ? e.text : '';
  };
  const pollOnDiscord = () => p.discord.calls.find((c) => c.method === 'POST' && String((c.body as { content?: string }).content).includes('POLL'));

  beforeAll(async () => {
    p = await startThreePlatforms(
      `products:
  - { sku: VAN, title: Vanilla candle, price: 24, stock: 5 }
  - { sku: CEDAR, title: Cedar candle, price: 26, stock: 5 }
engagement:
  polls:
    - id: next-scent
      question: Which candle do we light next?
      options: [Vanilla, Cedar]
      features: [VAN, CEDAR]
      duration: 10m`,
    );
  });
  afterAll(() => p?.stop());

  it('GIVEN Tanya on Telegram and Tom on Twitch WHEN they link their accounts THEN they are one viewer', async () => {
    await afterLines(p.app, 1, () => p.telegram.injectText({ chatId: GROUP, chatType: 'supergroup', from: tanya, text: '/link' }));
    const dm = p.telegram.sent(tanya.id).find((t) => t.startsWith('Your link code is'));
    const code = /Your link code is ([A-Z0-9]{6})\./.exec(dm ?? '')![1]!;
    await afterLines(p.app, 1, () => p.twitch.say({ channel: 'candleshop', user: tom, text: `!link ${code}` }));
    await heardOnTwitch((t) => t.includes('Linked with your Telegram account'));
  });

  it('GIVEN a poll from the show file WHEN it starts THEN Telegram gets a native poll, Discord buttons and Twitch the !vote text', async () => {
    const started = await p.app.polls.start({ id: 'next-scent' });
    expect(started).toMatchObject({ ok: true, poll: { id: 'next-scent', state: 'open', total: 0 } });
    await p.app.idle();

    const native = p.telegram.calls.find((c) => c.method === 'sendPoll')!;
    expect(native.params).toMatchObject({ chat_id: GROUP, question: 'Which candle do we light next?', is_anonymous: false });
    // telegraf sends InputPollOption objects or plain strings depending on its version; compare the texts.
    expect((native.params.options as unknown[]).map((o) => (typeof o === 'string' ? o : (o as { text: string }).text))).toEqual(['Vanilla', 'Cedar']);
    expect(p.telegram.sent(GROUP).filter((t) => t.includes('POLL'))).toEqual([]);

    const onDiscord = pollOnDiscord()!;
    const buttons = (onDiscord.body as { components: Array<{ components: Array<{ custom_id: string; label: string }> }> }).components.flatMap(
      (r) => r.components,
    );
    expect(buttons.map((b) => b.label)).toEqual(['1. Vanilla', '2. Cedar']);
    ref = /^!vote 1 (p\d+)$/.exec(buttons[0]!.custom_id)![1]!;
    expect(buttons[1]!.custom_id).toBe(`!vote 2 ${ref}`);

    const onTwitch = await heardOnTwitch((t) => t.includes('POLL'));
    expect(onTwitch).toContain('1) Vanilla');
    expect(onTwitch).toContain('!vote N');
  });

  it('GIVEN votes from all three, some twice and one from a linked account WHEN counted THEN each viewer counts once and totals are merged', async () => {
    const pollId = String((p.telegram.calls.find((c) => c.method === 'sendPoll')!.result as { poll: { id: string } }).poll.id);
    const messageId = String((pollOnDiscord()!.result as { id: string }).id);

    // Telegram: Tanya picks Vanilla natively; Ivan picks Cedar, takes it back, then picks Vanilla.
    await afterLines(p.app, 4, () => {
      p.telegram.injectPollAnswer({ pollId, from: tanya, optionIds: [0] });
      p.telegram.injectPollAnswer({ pollId, from: ivan, optionIds: [1] });
      p.telegram.injectPollAnswer({ pollId, from: ivan, optionIds: [] });
      p.telegram.injectPollAnswer({ pollId, from: ivan, optionIds: [0] });
    });
    expect(p.app.polls.current()?.byPlatform.telegram).toBe(2);

    await afterLines(p.app, 6, () => {
      // Twitch: Tom is Tanya (linked), so his vote replaces hers; Kim votes twice for the same.
      p.twitch.say({ channel: 'candleshop', user: tom, text: '!vote 2' });
      p.twitch.say({ channel: 'candleshop', user: kim, text: '!vote 2' });
      p.twitch.say({ channel: 'candleshop', user: kim, text: '!vote 2' });
      // Discord: Anna presses Cedar twice, Boris types his vote.
      p.discord.clickButton({ channelId: DISCORD_CHANNEL, messageId, user: anna, customId: `!vote 2 ${ref}` });
      p.discord.clickButton({ channelId: DISCORD_CHANNEL, messageId, user: anna, customId: `!vote 2 ${ref}` });
      p.discord.say({ channelId: DISCORD_CHANNEL, user: boris, content: '!vote 1' });
    });

    const merged = p.app.polls.current()!;
    expect(merged.total).toBe(5);
    expect(merged.options).toEqual([
      { label: 'Vanilla', votes: 2 },
      { label: 'Cedar', votes: 3 },
    ]);
    expect(merged.byPlatform).toEqual({ telegram: 1, twitch: 2, discord: 2 });
    expect(merged.leaders).toEqual([1]);
    // Tom's change is confirmed to him (Twitch has no private messages, so in the room).
    await heardOnTwitch((t) => t.includes('Changed your vote to Cedar'));
  });

  it('GIVEN the poll WHEN it closes THEN the merged result is announced on all three, the native poll is stopped, the result stored and the winner featured', async () => {
    expect(await p.app.polls.stop('next-scent')).toBe(true);
    const result =
      'Poll closed: Which candle do we light next? — winner: Cedar! 1) Vanilla 2 (40%) · 2) Cedar 3 (60%) (5 votes from every platform). Now on screen: Cedar candle (CEDAR)';
    await p.app.idle();
    expect(
      p.telegram.sent(GROUP).some((t) => t.includes(result)),
      'the result on Telegram',
    ).toBe(true);
    expect(
      p.discord.sent(DISCORD_CHANNEL).some((t) => t.includes(result)),
      'the result on Discord',
    ).toBe(true);
    await heardOnTwitch((t) => t.includes(result));
    expect(p.telegram.calls.filter((c) => c.method === 'stopPoll' && c.status === 200)).toHaveLength(1);
    expect(p.app.show.featured).toBe('CEDAR');

    const stored = await p.app.store.models.Poll.findOne({ where: { key: 'next-scent' } });
    expect(stored).toMatchObject({ status: 'closed', result: [2, 3] });
    expect(await p.app.store.models.Vote.count({ where: { pollId: stored!.id } })).toBe(5);
    const ended = await p.app.store.models.LoggedEvent.findOne({ where: { type: 'poll.ended' } });
    expect(ended?.data).toMatchObject({ poll: { id: 'next-scent', total: 5, leaders: [1] } });
    expect(await p.app.store.models.LoggedEvent.count({ where: { type: 'poll.vote' } })).toBeGreaterThanOrEqual(6);
  });

  it('GIVEN the poll has closed WHEN someone presses its old button or answers its native poll THEN nothing is counted', async () => {
    const messageId = String((pollOnDiscord()!.result as { id: string }).id);
    await afterLines(p.app, 1, () => p.discord.clickButton({ channelId: DISCORD_CHANNEL, messageId, user: boris, customId: `!vote 1 ${ref}` }));
    expect(p.discord.sent(DISCORD_CHANNEL).some((t) => t.includes('No poll is running right now.'))).toBe(true);
    expect(p.app.polls.list()[0]).toMatchObject({ id: 'next-scent', state: 'closed', total: 5 });
  });
});
