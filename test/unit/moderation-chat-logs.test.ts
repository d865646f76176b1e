import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ModerationConfig } from '../../config/schema/engagement.js';
import type { ChatEvent } from '../../orchestrator/chat-types.js';
import { ChatModerator } from '../../orchestrator/features/moderation/moderator.js';
import { compileRules } from '../../orchestrator/features/moderation/rules.js';
import { textsFor } from '../../orchestrator/i18n/texts.js';

/** The moderation of the demo show (config/shows/demo.yaml), copied so an edit there does not change this table. */
const rules = compileRules(
  ModerationConfig.parse({
    links: { allow: ['example-candles.shop', 'twitch.tv'] },
    bannedWords: ['scam'],
    bannedPatterns: ['free\\s+v-?bucks'],
    capsPercent: { max: 70, minLength: 12 },
    symbolPercent: { max: 50, minLength: 12 },
    repeats: { max: 3, within: '60s' },
    flood: { messages: 6, within: '10s' },
    escalation: { steps: ['warn', 'delete', 'timeout'], strikesWithin: '10m', timeout: '10m' },
  }),
);

/** A chat log: each line after `gap` ms (after the one before). */
type Log = Array<[gap: number, text: string]>;

/** Lines `gap` ms apart. */
const every = (gap: number, texts: string[]): Log => texts.map((text) => [gap, text]);

/**
 * Runs a viewer's log through moderation on a fake clock. Returns what happened to each moderated
 * line as "#n step rule" (n counts from 1), "#n held" for a line held back in a timeout, and what
 * the room was told.
 */
function moderate(log: Log, language = 'en'): { moderated: string[]; said: string[] } {
  const moderator = new ChatModerator();
  const texts = textsFor(language);
  const moderated: string[] = [];
  const said: string[] = [];
  log.forEach(([gap, text], i) => {
    vi.advanceTimersByTime(gap);
    const event: ChatEvent = {
      platform: 'twitch',
      channelId: 'candleshop',
      messageId: `m${i + 1}`,
      user: { id: 'u1', name: 'Vera', roles: [] },
      text,
      receivedAt: Date.now(),
    };
    const decision = moderator.decide(rules, texts, { event, viewerId: 1, command: text.startsWith('!') }, Date.now());
    if (!decision.pass) moderated.push(decision.step ? `#${i + 1} ${decision.step} ${decision.verdict?.rule}` : `#${i + 1} held`);
    for (const out of decision.outbounds) if (out.body.kind === 'text') said.push(out.body.text);
  });
  return { moderated, said };
}

describe('moderation of realistic chat logs', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2026, 11, 4, 19, 0));
  });
  afterEach(() => vi.useRealTimers());

  const untouched: Array<[string, Log]> = [
    [
      'the buyer of issue 16: 9 ordinary lines 1.3 s apart, one of them !buy',
      every(1300, ['hi all', 'love the vans', 'the blue ones', '!buy VAN S', 'how much is L?', 'ok', 'ok buying', 'thanks!!', 'see you']),
    ],
    [
      'a buyer typing 9 commands 0.9 s apart',
      every(900, ['!buy VAN S', '!price VAN', '!stock', '!buy VAN M', '!cart', '!buy MUG', '!BUY MUG', '!buy MUG', '!cart']),
    ],
    ['a countdown buyer hammering !buy', every(200, Array<string>(20).fill('!buy CEDAR'))],
    [
      'a question asker who asks again and again, loud',
      every(800, [
        'how much is L?',
        'how much is L?',
        'HOW MUCH IS SHIPPING TO BERLIN???',
        'сколько стоит доставка',
        'is it in stock?',
        'how much is L?',
        'any discount?',
        '???',
        'hello?',
      ]),
    ],
    ['an excited repeater', every(2000, ['ааа хочу!!!', 'ааа хочу!!!', 'АААА ХОЧУ!!!', 'so pretty', 'want it', 'ааа', 'wow'])],
    [
      'a busy chatter writing a line a second',
      every(1000, ['lol', 'yes', 'same', 'nice', 'ok', 'haha', 'true', 'me too', 'wow', 'cool', 'great', 'yes!', 'so good']),
    ],
    ['a viewer sharing the shop link', every(3000, ['get it at https://example-candles.shop/van', 'or twitch.tv/candleshop'])],
  ];

  it.each(untouched)('GIVEN %s WHEN moderated THEN no line is touched and nothing is said', (_who, log) => {
    expect(moderate(log)).toEqual({ moderated: [], said: [] });
  });

  it('GIVEN a link spammer WHEN they go on THEN they are warned, then deleted, then timed out, each said in the room, and told once they are in timeout', () => {
    const log: Log = [
      [0, 'cheap followers at spam.xyz'],
      [5000, 'cheap followers at spam.xyz'],
      [5000, 'real cheap followers spam.xyz'],
      [30_000, 'hey why was I timed out'],
      [10_000, 'hello???'],
      [10_000, 'spam.xyz'],
    ];
    expect(moderate(log)).toEqual({
      moderated: ['#1 warn link', '#2 delete link', '#3 timeout link', '#4 held', '#5 held', '#6 timeout link'],
      said: [
        'Vera, no links here please (1/3)',
        'Vera, I removed that message: no links here please (2/3)',
        'Vera, timed out for 10 min: no links here please (3/3)',
        'Vera, you are in timeout for 9 min 30 s more: chat lines wait until then, commands still work.',
        'Vera, timed out for 10 min: no links here please (3/3)',
      ],
    });
  });

  it('GIVEN a viewer in timeout WHEN they type a command or ask a question THEN the command goes through and the question waits, told once', () => {
    const log: Log = [...every(1000, ['spam.xyz', 'spam.xyz', 'spam.xyz']), [1000, '!buy VAN S'], [1000, 'how much is L?'], [1000, 'please?']];
    expect(moderate(log).moderated).toEqual(['#1 warn link', '#2 delete link', '#3 timeout link', '#5 held', '#6 held']);
  });

  it('GIVEN a repeat spammer WHEN the same line comes again and again THEN the 4th is warned and only a second round is deleted', () => {
    const { moderated } = moderate(every(1500, Array<string>(9).fill('follow my channel')));
    expect(moderated).toEqual(['#4 warn repeat', '#8 delete repeat']);
  });

  it('GIVEN a flood bot WHEN it writes 3 lines a second THEN the 11th line within 10 s is warned, and the next burst deleted', () => {
    const { moderated } = moderate(
      every(
        300,
        Array.from({ length: 22 }, (_, i) => `line ${i + 1} lorem`),
      ),
    );
    expect(moderated).toEqual(['#11 warn flood', '#22 delete flood']);
  });

  it('GIVEN a Russian show WHEN a link spammer is moderated THEN every step is said in Russian', () => {
    expect(moderate(every(20_000, ['spam.xyz', 'spam.xyz', 'spam.xyz', 'ну что']), 'ru').said).toEqual([
      'Vera, пожалуйста, без ссылок (1/3)',
      'Vera, сообщение удалено: пожалуйста, без ссылок (2/3)',
      'Vera, пауза в чате на 10 мин: пожалуйста, без ссылок (3/3)',
      'Vera, у вас пауза в чате ещё 9 мин 40 с: сообщения подождут, а команды работают.',
    ]);
  });
});
