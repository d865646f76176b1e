/**
 * Proves FakeDiscord speaks enough REST + gateway for the real discord.js
 * client on 127.0.0.1, with no change to the library.
 */
import { once } from 'node:events';
import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  REST,
  Routes,
  type Interaction,
  type Message,
  type TextChannel,
} from 'discord.js';
import { FakeDiscord } from '../fakes/fake-discord.js';

const TOKEN = 'discord-test-token';
const GUILD = '100000000000000001';
const LIVE = '100000000000000002';
const VIP = '100000000000000003';
const BOT = { id: '200000000000000001', username: 'showcart' };
const alice = { id: '300000000000000001', username: 'alice', global_name: 'Alice' };

function newFake(extra: ConstructorParameters<typeof FakeDiscord>[0] = {}): FakeDiscord {
  return new FakeDiscord({
    token: TOKEN,
    bot: BOT,
    applicationId: BOT.id,
    guilds: [{ id: GUILD, name: 'Shop', channels: [{ id: LIVE, name: 'live' }], roles: [{ id: VIP, name: 'VIP' }] }],
    heartbeatIntervalMs: 1_000,
    ...extra,
  });
}

async function loggedIn(fake: FakeDiscord, intents: GatewayIntentBits[]): Promise<Client> {
  const client = new Client({ intents, rest: { api: fake.api } });
  const ready = once(client, Events.ClientReady);
  await client.login(TOKEN);
  await ready;
  return client;
}

describe('FakeDiscord with the real discord.js', () => {
  const fake = newFake();
  const received: Message[] = [];
  const interactions: Interaction[] = [];
  let client: Client;
  let live: TextChannel;

  beforeAll(async () => {
    await fake.start();
    client = await loggedIn(fake, [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.MessageContent,
      GatewayIntentBits.GuildMessagePolls,
    ]);
    client.on(Events.MessageCreate, (m) => void received.push(m));
    client.on(Events.InteractionCreate, (i) => void interactions.push(i));
    live = client.channels.cache.get(LIVE) as TextChannel;
  });

  afterAll(async () => {
    await client.destroy();
    await fake.stop();
  });

  it('GIVEN a ready client WHEN it logged in THEN the guild, its channel and roles are cached from GUILD_CREATE', () => {
    expect(client.user?.id).toBe(BOT.id);
    const guild = client.guilds.cache.get(GUILD);
    expect(guild?.available).toBe(true);
    expect(guild?.roles.cache.get(VIP)?.name).toBe('VIP');
    expect(live.name).toBe('live');
    expect(guild?.members.me?.id).toBe(BOT.id);
  });

  it('GIVEN a short heartbeat interval WHEN the client heartbeats THEN the fake ACKs (discord.js measures a ping)', async () => {
    // discord.js sends its first heartbeat within one interval (1 s here), on its own timer.
    await vi.waitFor(() => expect(client.ws.ping).toBeGreaterThanOrEqual(0), { timeout: 2_000 });
  });

  it('GIVEN a viewer with a role WHEN they write THEN messageCreate has the content AND the member roles', async () => {
    const id = fake.say({ channelId: LIVE, user: alice, member: { roles: [VIP] }, content: '!buy SKU-1' });
    await vi.waitFor(() => expect(received.some((m) => m.id === id)).toBe(true));
    const msg = received.find((m) => m.id === id);
    expect(msg?.content).toBe('!buy SKU-1');
    expect(msg?.author.username).toBe('alice');
    expect(msg?.member?.roles.cache.has(VIP)).toBe(true);
    expect(msg?.guildId).toBe(GUILD);
  });

  it('GIVEN a channel WHEN the bot sends with allowedMentions THEN the fake records content and allowed_mentions', async () => {
    const sent = await live.send({ content: 'Jacket 49 € <@300000000000000001>', allowedMentions: { parse: [] } });
    expect(sent.author.id).toBe(BOT.id);
    // The fake records a call before it answers it, so the call is there once send() has resolved.
    const call = fake.calls.find((c) => c.bucket === 'channels/:id/messages' && c.body.content === 'Jacket 49 € <@300000000000000001>');
    expect(call?.body.allowed_mentions).toEqual({ parse: [] });
    expect(call?.auth).toBe(true);
    expect(fake.sent(LIVE)).toContain('Jacket 49 € <@300000000000000001>');
  });

  it('GIVEN a message with a button WHEN a viewer clicks it THEN discord.js emits a button interaction AND interaction.reply reaches the callback route without Authorization', async () => {
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId('buy:SKU-1').setLabel('Buy').setStyle(ButtonStyle.Primary));
    const offer = await live.send({ content: 'Hat 19 €', components: [row] });
    const id = fake.clickButton({ channelId: LIVE, messageId: offer.id, user: alice, customId: 'buy:SKU-1' });
    await vi.waitFor(() => expect(interactions.some((i) => i.id === id)).toBe(true));
    const interaction = interactions.find((i) => i.id === id);
    if (interaction === undefined || !interaction.isButton()) throw new Error('expected a button interaction');
    expect(interaction.customId).toBe('buy:SKU-1');
    expect(interaction.user.id).toBe(alice.id);
    expect(interaction.message.id).toBe(offer.id);
    await interaction.reply({ content: 'added to cart' });
    const call = fake.calls.find((c) => c.path === `/interactions/${id}/${interaction.token}/callback`);
    expect(call).toMatchObject({ status: 204, auth: false, body: { type: 4, data: { content: 'added to cart' } } });
  });

  it('GIVEN a Link button before a Primary button WHEN sent THEN the fake accepts it (style 5, url, no custom_id) and records it', async () => {
    const link = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setStyle(ButtonStyle.Link).setURL('https://shop.example/c/AbCd').setLabel('Pay now'),
    );
    const help = new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId('!help').setLabel('Help').setStyle(ButtonStyle.Primary));
    const sent = await live.send({ content: 'Your cart is ready.', components: [link, help] });
    const call = fake.calls.find((c) => c.bucket === 'channels/:id/messages' && c.body.content === 'Your cart is ready.');
    expect(call?.body.components).toEqual([
      { type: 1, components: [{ type: 2, style: 5, url: 'https://shop.example/c/AbCd', label: 'Pay now' }] },
      { type: 1, components: [{ type: 2, style: 1, custom_id: '!help', label: 'Help' }] },
    ]);
    expect(fake.state.messages.get(sent.id)?.components).toEqual(call?.body.components);
  });

  it('GIVEN malformed buttons sent over raw REST WHEN Discord checks them THEN the fake answers 50035 with the field that is wrong', async () => {
    const post = (button: Record<string, unknown>) =>
      client.rest.post(Routes.channelMessages(LIVE), { body: { content: 'x', components: [{ type: 1, components: [button] }] } }).catch((e: unknown) => e);
    const errorsOf = (e: unknown) => ((e as DiscordAPIError).rawError as { errors?: unknown }).errors;
    const field = (name: string, message: string | RegExp) => ({ components: { 0: { components: { 0: { [name]: { _errors: [{ message }] } } } } } });
    const cases: Array<[Record<string, unknown>, string, string | RegExp]> = [
      [{ type: 2, style: 5, label: 'Pay', url: 'https://shop.example/', custom_id: 'pay' }, 'custom_id', 'A custom id and url cannot both be specified'],
      [{ type: 2, style: 5, label: 'Pay' }, 'url', 'This field is required'],
      [{ type: 2, style: 5, label: 'Pay', url: `https://shop.example/${'a'.repeat(512)}` }, 'url', 'Must be 512 or fewer in length.'],
      [{ type: 2, style: 5, label: 'Pay', url: 'javascript:alert(1)' }, 'url', /^Scheme "javascript" is not supported/],
      [{ type: 2, style: 1, label: 'Help' }, 'custom_id', 'A custom id is required'],
      [{ type: 2, style: 1, label: 'Help', custom_id: 'h', url: 'https://shop.example/' }, 'url', 'A url cannot be specified for this button style'],
      [{ type: 2, style: 5, label: 'L'.repeat(81), url: 'https://shop.example/' }, 'label', 'Must be 80 or fewer in length.'],
    ];
    for (const [button, name, message] of cases) {
      const error = await post(button);
      expect(error, JSON.stringify(button)).toMatchObject({ code: 50035, status: 400 });
      expect(errorsOf(error)).toMatchObject(field(name, typeof message === 'string' ? message : expect.stringMatching(message)));
    }
  });

  it('GIVEN failNext 429 on the send route WHEN the bot sends THEN @discordjs/rest waits retry_after, retries AND the message arrives once', async () => {
    const limited: number[] = [];
    client.rest.once('rateLimited', (info) => void limited.push(info.retryAfter));
    fake.failNext(`POST /channels/${LIVE}/messages`, { status: 429, retryAfter: 1 });
    await live.send('after the limit');
    // The client's own record of its decision: it was limited once and waited the 1 s the 429 asked for, then tried again.
    expect(limited).toHaveLength(1);
    const attempts = fake.calls.filter((c) => c.body.content === 'after the limit').map((c) => c.status);
    expect(attempts).toEqual([429, 200]);
    expect(fake.sent(LIVE).filter((t) => t === 'after the limit')).toHaveLength(1);
    expect(limited[0]).toBeGreaterThanOrEqual(1_000);
  });

  it('GIVEN a viewer message WHEN the bot replies, deletes it and times the viewer out THEN the fake records reference, delete and moderation', async () => {
    const id = fake.say({ channelId: LIVE, user: alice, content: 'spam spam' });
    await vi.waitFor(() => expect(received.some((m) => m.id === id)).toBe(true));
    const msg = received.find((m) => m.id === id) as Message<true>;
    await msg.reply({ content: 'please stop', allowedMentions: { repliedUser: false } });
    const reply = fake.calls.find((c) => c.body.content === 'please stop');
    expect(reply?.body.message_reference).toMatchObject({ message_id: id });
    await msg.delete();
    expect(fake.calls.some((c) => c.method === 'DELETE' && c.path === `/channels/${LIVE}/messages/${id}` && c.status === 204)).toBe(true);
    await msg.member?.timeout(60_000, 'spam');
    expect(fake.moderation).toContainEqual(expect.objectContaining({ guildId: GUILD, userId: alice.id, action: 'timeout', reason: 'spam' }));
  });

  it('GIVEN a native poll WHEN a viewer votes THEN discord.js emits messagePollVoteAdd for that answer', async () => {
    const votes: Array<[string, number]> = [];
    client.on(Events.MessagePollVoteAdd, (answer, userId) => void votes.push([userId, answer.id]));
    const poll = await live.send({
      poll: { question: { text: 'Next item?' }, answers: [{ text: 'Hat' }, { text: 'Scarf' }], duration: 1, allowMultiselect: false },
    });
    expect(poll.poll?.answers.map((a) => a.text)).toEqual(['Hat', 'Scarf']);
    fake.pollVote({ channelId: LIVE, messageId: poll.id, userId: alice.id, answerId: 2 });
    await vi.waitFor(() => expect(votes).toContainEqual([alice.id, 2]));
  });

  it('GIVEN REST mistakes WHEN the bot makes them THEN it gets Discord error codes (unknown channel, double acknowledge)', async () => {
    const unknown = await client.rest.post(Routes.channelMessages('999'), { body: { content: 'x' } }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(DiscordAPIError);
    expect(unknown).toMatchObject({ code: 10003, status: 404 });
    const again = [...fake.state.interactions.values()][0];
    if (again === undefined) throw new Error('expected a recorded interaction');
    const twice = await client.rest
      .post(Routes.interactionCallback(again.id, again.token), { body: { type: 4, data: { content: 'x' } }, auth: false })
      .catch((e: unknown) => e);
    expect(twice).toMatchObject({ code: 40060, status: 400 });
  });

  it('GIVEN the gateway is cut WHEN a message is sent meanwhile and the server comes back THEN the client RESUMEs and gets the replayed message', async () => {
    const resumed = once(client, Events.ShardResume);
    const port = fake.port;
    await fake.kill();
    const id = fake.say({ channelId: LIVE, user: alice, content: 'sent during the outage' });
    await fake.start(port);
    await resumed;
    await vi.waitFor(() => expect(received.some((m) => m.id === id && m.content === 'sent during the outage')).toBe(true));
  });
});

describe('FakeDiscord intents and auth', () => {
  const fake = newFake();
  const clients: Client[] = [];

  beforeAll(() => fake.start());
  afterAll(async () => {
    for (const c of clients) await c.destroy();
    await fake.stop();
  });

  it('GIVEN a client without the MessageContent intent WHEN viewers write THEN content is blank unless the bot is mentioned', async () => {
    const client = await loggedIn(fake, [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages]);
    clients.push(client);
    const seen: Message[] = [];
    client.on(Events.MessageCreate, (m) => void seen.push(m));
    const plain = fake.say({ channelId: LIVE, user: alice, content: '!buy SKU-1' });
    const mention = fake.say({ channelId: LIVE, user: alice, content: `<@${BOT.id}> buy SKU-2` });
    await vi.waitFor(() => expect(seen.map((m) => m.id)).toEqual(expect.arrayContaining([plain, mention])));
    expect(seen.find((m) => m.id === plain)?.content).toBe('');
    expect(seen.find((m) => m.id === mention)?.content).toBe(`<@${BOT.id}> buy SKU-2`);
  });

  it('GIVEN REST is down WHEN the bot calls THEN @discordjs/rest retries the 502s and gives up with an HTTPError AND works after setDown(false)', async () => {
    const rest = new REST({ api: fake.api }).setToken(TOKEN);
    fake.setDown(true);
    const before = fake.calls.length;
    await expect(rest.get(Routes.user())).rejects.toMatchObject({ status: 502 });
    expect(fake.calls.slice(before).map((c) => c.status)).toEqual([502, 502, 502, 502]);
    fake.setDown(false);
    await expect(rest.get(Routes.user())).resolves.toMatchObject({ id: BOT.id });
  });

  it('GIVEN a wrong token WHEN the client logs in THEN login rejects with TokenInvalid', async () => {
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.api } });
    clients.push(client);
    await expect(client.login('not-the-token')).rejects.toMatchObject({ code: 'TokenInvalid' });
  });
});

describe('FakeDiscord per-channel limit', () => {
  const fake = newFake({ enforceLimits: true });
  const post = (content: string): Promise<Response> =>
    fetch(`${fake.api}/v10/channels/${LIVE}/messages`, {
      method: 'POST',
      headers: { authorization: `Bot ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ content }),
    });

  beforeAll(() => fake.start());
  afterAll(() => fake.stop());

  it('GIVEN enforceLimits WHEN a sender ignores the headers and posts 6 messages at once THEN the 6th gets a Discord 429 AND headers counted down', async () => {
    const remaining: string[] = [];
    for (let i = 0; i < 5; i++) remaining.push((await post(`m${i}`)).headers.get('x-ratelimit-remaining') ?? '');
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    const sixth = await post('m5');
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(sixth.headers.get('x-ratelimit-scope')).toBe('user');
    expect(await sixth.json()).toMatchObject({ message: 'You are being rate limited.', global: false });
    expect(fake.maxPerWindow(LIVE, 5_000)).toBe(5);
  });
});
