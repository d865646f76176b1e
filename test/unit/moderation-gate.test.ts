import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import { startTestApp, testConfig, type TestApp } from '../support/test-show.js';
import { waitFor } from '../support/wait-for.js';

/** The moderation gate in the whole app over in-memory channels: spam rules and what a stopped line does not do. */
describe('moderation gate over memory channels', () => {
  const twitch = new MemoryChannel('twitch', ['candleshop']);
  const discord = new MemoryChannel('discord', ['999']);
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(
      testConfig(`channels: { web: { enabled: false } }
moderation:
  repeats: { max: 2, within: 60s }
  flood: { messages: 4, within: 60s }
  capsPercent: { max: 70, minLength: 8 }
  escalation: { steps: [warn, delete], timeout: 1m }`),
      [twitch, discord],
    );
  });
  afterAll(() => t.app.stop());

  const relayed = (text: string) => discord.texts().filter((x) => x.endsWith(`: ${text}`)).length;
  const marker = async (text: string) => {
    twitch.say({ id: 'm0', name: 'Marker' }, text);
    await waitFor(() => relayed(text) === 1, 5000, `"${text}" relayed`);
  };

  it('GIVEN a viewer repeating one line WHEN it comes a third time THEN only the first two are relayed and the third is warned', async () => {
    for (const text of ['buy my candles', 'Buy my candles!', 'BUY my candles']) twitch.say({ id: 'r1', name: 'Rita' }, text);
    await waitFor(() => twitch.texts().includes('@Rita, please do not repeat the same message (1/2)'));
    await marker('after repeats');
    expect(discord.texts().filter((x) => x.includes('Rita'))).toEqual(['[Twitch] Rita: buy my candles', '[Twitch] Rita: Buy my candles!']);
  });

  it('GIVEN a viewer sending many lines WHEN they pass the flood limit THEN the extra lines are stopped and escalate to deletes', async () => {
    for (const n of [1, 2, 3, 4, 5, 6]) twitch.say({ id: 'f1', name: 'Finn' }, `line number ${n}`);
    await waitFor(() => twitch.moderated.length === 1);
    await marker('after flood');
    expect(twitch.texts()).toContain('@Finn, please slow down (1/2)');
    expect(twitch.moderated).toEqual([{ kind: 'delete', channelId: 'candleshop', messageId: expect.any(String) }]);
    expect(discord.texts().filter((x) => x.includes('Finn'))).toHaveLength(4);
  });

  it('GIVEN a moderator WHEN they shout and repeat THEN nothing is stopped', async () => {
    for (let i = 0; i < 3; i++) twitch.say({ id: 'mod1', name: 'Mo', roles: ['moderator'] }, 'LAST CALL FOR THE CEDAR CANDLE');
    await waitFor(() => relayed('LAST CALL FOR THE CEDAR CANDLE') === 3);
  });

  it('GIVEN a viewer typing a command in capitals WHEN it breaks the caps limit THEN it still runs', async () => {
    twitch.say({ id: 'c1', name: 'Cora' }, '!PRICE MUG');
    await waitFor(() => twitch.texts().includes('Mug (MUG): €12.00'));
    expect(twitch.texts().filter((x) => x.startsWith('@Cora'))).toEqual([]);
  });

  it('GIVEN a stopped command WHEN it carries a link THEN it is not run', async () => {
    twitch.say({ id: 'c2', name: 'Dan' }, '!price spam.example');
    await waitFor(() => twitch.texts().includes('@Dan, no links here please (1/2)'));
    await marker('after the command');
    expect(twitch.texts().filter((x) => x.includes('no product'))).toEqual([]);
  });
});
