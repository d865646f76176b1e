import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import type { Role } from '../../orchestrator/chat-types.js';
import { startTestApp, testConfig, type TestApp } from '../support/test-show.js';

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
  /** Sends the lines at once, as a burst, and resolves when the app has handled them and all they caused. */
  const burst = async (user: { id: string; name: string; roles?: Role[] }, texts: string[]) => {
    await Promise.all(texts.map((text) => twitch.say(user, text)));
    await t.app.idle();
  };

  it('GIVEN a viewer repeating one line WHEN it comes a third time THEN only the first two are relayed and the third is warned', async () => {
    await burst({ id: 'r1', name: 'Rita' }, ['buy my candles', 'Buy my candles!', 'BUY my candles']);
    expect(twitch.texts()).toContain('Rita, please do not repeat the same message (1/2)');
    expect(discord.texts().filter((x) => x.includes('Rita'))).toEqual(['[Twitch] Rita: buy my candles', '[Twitch] Rita: Buy my candles!']);
  });

  it('GIVEN a viewer sending many lines WHEN they pass the flood limit THEN the extra lines are stopped and escalate to deletes', async () => {
    await burst(
      { id: 'f1', name: 'Finn' },
      [1, 2, 3, 4, 5, 6].map((n) => `line number ${n}`),
    );
    expect(twitch.texts()).toContain('Finn, please slow down (1/2)');
    expect(twitch.moderated).toEqual([{ kind: 'delete', channelId: 'candleshop', messageId: expect.any(String) }]);
    expect(discord.texts().filter((x) => x.includes('Finn'))).toHaveLength(4);
  });

  it('GIVEN a moderator WHEN they shout and repeat THEN nothing is stopped', async () => {
    await burst({ id: 'mod1', name: 'Mo', roles: ['moderator'] }, Array<string>(3).fill('LAST CALL FOR THE CEDAR CANDLE'));
    expect(relayed('LAST CALL FOR THE CEDAR CANDLE')).toBe(3);
  });

  it('GIVEN a viewer typing a command in capitals WHEN it breaks the caps limit THEN it still runs', async () => {
    await burst({ id: 'c1', name: 'Cora' }, ['!PRICE MUG']);
    expect(twitch.texts()).toContain('Mug (MUG): €12.00');
    expect(twitch.texts().filter((x) => x.startsWith('Cora,'))).toEqual([]);
  });

  it('GIVEN a stopped command WHEN it carries a link THEN it is not run', async () => {
    await burst({ id: 'c2', name: 'Dan' }, ['!price spam.example']);
    expect(twitch.texts()).toContain('Dan, no links here please (1/2)');
    expect(twitch.texts().filter((x) => x.includes('no product'))).toEqual([]);
  });
});
