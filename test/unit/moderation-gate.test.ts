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
  flood: { messages: 7, within: 5s }
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

  it('GIVEN a viewer sending a burst of lines WHEN it passes the flood limit THEN the line past it is warned, and only a second burst deletes', async () => {
    const lines = (from: number) => Array.from({ length: 8 }, (_, i) => `line number ${from + i}`);
    await burst({ id: 'f1', name: 'Finn' }, lines(1));
    expect(twitch.texts()).toContain('Finn, please slow down (1/2)');
    expect(twitch.moderated).toEqual([]);
    await burst({ id: 'f1', name: 'Finn' }, lines(9));
    expect(twitch.moderated).toEqual([{ kind: 'delete', channelId: 'candleshop', messageId: expect.any(String) }]);
    expect(twitch.texts()).toContain('Finn, I removed that message: please slow down (2/2)');
    const finn = discord.texts().join(' · ');
    expect([...Array(16).keys()].map((i) => finn.includes(`line number ${i + 1}`))).toEqual([...Array(16).keys()].map((i) => i !== 7 && i !== 15));
  });

  it('GIVEN a buyer typing commands and questions in a burst WHEN they pass every pace limit THEN none of them is stopped', async () => {
    await burst({ id: 'b1', name: 'Bea' }, [...Array<string>(6).fill('!price MUG'), ...Array<string>(6).fill('how much is the MUG?')]);
    expect(twitch.texts().filter((x) => x.startsWith('Bea,'))).toEqual([]);
    expect(relayed('how much is the MUG?')).toBe(6);
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
