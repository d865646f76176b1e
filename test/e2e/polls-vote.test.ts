import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import { startTestApp, testConfig, type TestApp } from '../support/test-show.js';

const ANNA = { id: 'a1', name: 'Anna' };
const BEN = { id: 'b1', name: 'Ben' };

/** `!vote` answers the voter, privately where the platform allows, and takes names as well as numbers. */
describe.each([
  {
    language: 'en',
    counted: 'Vote counted: Cinnamon',
    changed: 'Changed your vote to Sea salt.',
    options: ['Cinnamon', 'Cedar', 'Sea salt'],
    names: ['cinnamon', 'SEA'],
  },
  {
    language: 'ru',
    counted: 'Голос учтён: Корица',
    changed: 'Голос изменён: Морская соль.',
    options: ['Корица', 'Кедр', 'Морская соль'],
    names: ['корица', 'МОР'],
  },
])('voting in a $language show', ({ language, counted, changed, options, names }) => {
  const telegram = new MemoryChannel('telegram', ['-100'], undefined, { canDirectMessage: true });
  let t: TestApp;
  const say = async (user: typeof ANNA, text: string) => {
    await telegram.say(user, text);
    await t.app.idle();
  };
  /** What the room read and what each viewer was told privately, since `from`. */
  const since = (from: number) => ({
    room: telegram.sent
      .slice(from)
      .filter((m) => m.userId === undefined)
      .map((m) => m.text),
    private: telegram.sent.slice(from).flatMap((m) => (m.userId === undefined ? [] : [`${m.userId}: ${m.text}`])),
  });

  beforeAll(async () => {
    const config = testConfig(`channels: { web: { enabled: false } }
engagement:
  polls:
    - { id: scent, question: Which scent?, options: [${options.join(', ')}], duration: 10m }`);
    config.show.language = language;
    t = await startTestApp(config, [telegram]);
    await t.app.polls.start({ id: 'scent' });
    await t.app.idle();
  });
  afterAll(() => t.app.stop());

  it('GIVEN an open poll WHEN Anna votes for the first time THEN only she is told her vote counted, privately', async () => {
    const from = telegram.sent.length;
    await say(ANNA, '!vote 1');
    expect(since(from)).toEqual({ room: [], private: [`a1: ${counted}`] });
    expect(t.app.polls.current()?.options[0]?.votes).toBe(1);
  });

  it('GIVEN her vote WHEN she votes by a name in another case and by a start of one THEN each is counted, and the change is said', async () => {
    await say(BEN, `!vote ${names[0]}`);
    expect(t.app.polls.current()?.options[0]?.votes).toBe(2);
    const from = telegram.sent.length;
    await say(ANNA, `!vote ${names[1]}`);
    expect(since(from)).toEqual({ room: [], private: [`a1: ${changed}`] });
    expect(t.app.polls.current()?.options.map((o) => o.votes)).toEqual([1, 0, 1]);
  });
});

describe('voting where there are no private messages', () => {
  const twitch = new MemoryChannel('twitch', ['#shop']);
  let t: TestApp;
  const say = async (user: typeof ANNA, text: string) => {
    await twitch.say(user, text);
    await t.app.idle();
  };

  beforeAll(async () => {
    const config = testConfig(`channels: { web: { enabled: false } }
engagement:
  polls:
    - { id: scent, question: Which scent?, options: [Cinnamon, Cedar], duration: 10m }`);
    t = await startTestApp(config, [twitch]);
    await t.app.polls.start({ id: 'scent' });
    await t.app.idle();
  });
  afterAll(() => t.app.stop());

  it('GIVEN a room-only platform WHEN viewers vote for the first time THEN the votes count and the room gets no line per voter; a changed vote is still said', async () => {
    const from = twitch.sent.length;
    await say(ANNA, '!vote cinnamon');
    await say(BEN, '!vote 2');
    expect(t.app.polls.current()?.options.map((o) => o.votes)).toEqual([1, 1]);
    expect(twitch.texts().slice(from)).toEqual([]);
    await say(ANNA, '!vote ced');
    expect(twitch.texts().slice(from)).toEqual(['Changed your vote to Cedar.']);
  });
});
