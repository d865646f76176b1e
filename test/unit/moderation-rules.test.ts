import { describe, expect, it } from 'vitest';
import { ModerationConfig } from '../../config/schema/engagement.js';
import { blockedLinks, findLinkHosts, normalizeAllowList } from '../../orchestrator/features/moderation/links.js';
import { capsPercent, fingerprint, sameness, symbolPercent } from '../../orchestrator/features/moderation/measures.js';
import { compileRules, floodAllowance, isQuestion, judge, type Line } from '../../orchestrator/features/moderation/rules.js';
import { compileBannedWords, findBannedWord } from '../../orchestrator/features/moderation/words.js';

const config = (over: Record<string, unknown> = {}) => ModerationConfig.parse(over);
const line = (text: string, over: Partial<Line> = {}): Line => ({ text, at: 1000, command: false, question: false, linkPermitted: false, recent: [], ...over });

describe('moderation rules: links', () => {
  it.each([
    ['check out spam.example for free stuff', ['spam.example']],
    ['go to www.x.com/free now', ['www.x.com']],
    ['https://bit.ly/3abc', ['bit.ly']],
    ['HTTP://CHEAP-FOLLOWERS.NET/buy', ['cheap-followers.net']],
    ['sub at shop.example-candles.shop pls', ['shop.example-candles.shop']],
    ['заходи на скидки.рф', ['скидки.рф']],
    ['twitch.tv/othershop is better', ['twitch.tv']],
    ['SPAM.COM!!!', ['spam.com']],
    ['заберите подарок на glowlab.gift', ['glowlab.gift']],
  ])('GIVEN %j WHEN links are looked for THEN it finds %j', (text, hosts) => {
    expect(findLinkHosts(text)).toEqual(hosts);
  });

  it.each([
    'e.g. the vanilla one',
    'it is 3.50 now, i.e. cheaper',
    'I use node.js at work',
    'ok.thanks for the info',
    'version 1.2.3 is out',
    'wait...what?',
    'Mr.Smith loves candles',
  ])('GIVEN %j WHEN links are looked for THEN none is found', (text) => {
    expect(findLinkHosts(text)).toEqual([]);
  });

  it('GIVEN an allow-list WHEN links to it, its subdomains and elsewhere are posted THEN only the others are blocked', () => {
    const allow = normalizeAllowList(['example-candles.shop', 'https://www.Twitch.tv/', 'youtube.com/watch']);
    expect(allow).toEqual(['example-candles.shop', 'twitch.tv', 'youtube.com']);
    expect(blockedLinks('buy at https://example-candles.shop/cart', allow)).toEqual([]);
    expect(blockedLinks('or eu.example-candles.shop', allow)).toEqual([]);
    expect(blockedLinks('watch www.youtube.com/x and m.twitch.tv/y', allow)).toEqual([]);
    expect(blockedLinks('fake example-candles.shop.evil.ru', allow)).toEqual(['example-candles.shop.evil.ru']);
    expect(blockedLinks('notexample-candles.shop', allow)).toEqual(['notexample-candles.shop']);
  });
});

describe('moderation rules: banned words', () => {
  const banned = compileBannedWords(['scam', 'дурак', 'free money']);
  it.each([
    ['this is a SCAM', 'scam'],
    ['total scaaaaam lol', 'scam'],
    ['sc4m alert', 'scam'],
    ['$cam!!', 'scam'],
    ['s c a m', 'scam'],
    ['s.c.a.m', 'scam'],
    ['sсam with a cyrillic с', 'scam'],
    ['ты ДУРААК', 'дурак'],
    ['get FREE   money here', 'free money'],
  ])('GIVEN %j WHEN checked THEN it matches %j', (text, word) => {
    expect(findBannedWord(text, banned)).toBe(word);
  });

  it.each(['scampi for dinner', 'a scamper of mice', 'дураки', 'money for free', 'Scarlet candle', 'freedom money'])(
    'GIVEN %j WHEN checked THEN nothing matches',
    (text) => {
      expect(findBannedWord(text, banned)).toBeUndefined();
    },
  );
});

describe('moderation rules: masked and transliterated banned words', () => {
  const banned = compileBannedWords(['idiot', 'дурак', 'free money']);
  it.each([
    ['what an id*ot', 'idiot'],
    ['id#ot!!', 'idiot'],
    ['i%%ot', 'idiot'],
    ['*id*ot*', 'idiot'],
    ['ты д*рак', 'дурак'],
    ['дур@к', 'дурак'],
    ['ty durak', 'дурак'],
    ['DURAAAK', 'дурак'],
  ])('GIVEN %j WHEN checked THEN it matches %j', (text, word) => {
    expect(findBannedWord(text, banned)).toBe(word);
  });

  it.each([
    ['i***t', 'more masks than letters shown'],
    ['id*ots', 'a mask stands for one letter, the word stays whole'],
    ['*hugs* everyone', 'signs around a word'],
    ['5* service', 'a rating'],
    ['durable robe', 'a longer Latin word'],
    ['дур*чок', 'another word'],
  ])('GIVEN %j (%s) WHEN checked THEN nothing matches', (text) => {
    expect(findBannedWord(text, banned)).toBeUndefined();
  });
});

describe('moderation rules: banned patterns read through disguises', () => {
  const rules = compileRules(config({ bannedPatterns: ['f+u+c+k+', '\\bsh[i1]t+\\b', 'бл[яе]+[тд]ь?', '\\b(dm|pm)\\s+me\\b'] }));
  it.each([
    ['f*cking overpriced garbage', 'a masked letter'],
    ['F#CK this', 'a masked letter in capitals'],
    ['sh*t stream', 'a masked letter in a word with boundaries'],
    ['бл*ть, что за цены', 'a masked Cyrillic letter'],
    ['бл@ть опять', '"@" as a masked letter'],
    ['f u c k this show', 'letters spelled out'],
    ['d.m me for codes', 'letters spelled out with dots'],
    ['this is shiiit', 'a stretched letter'],
  ])('GIVEN %j (%s) WHEN judged THEN a banned pattern stops it', (text) => {
    expect(judge(rules, line(text))?.rule).toBe('banned-pattern');
  });

  it.each([
    ['f*** yeah', 'more masks than letters shown'],
    ['*hugs* love the show', 'signs around a word'],
    ['5* service, dm sent', 'a rating'],
    ['i m so happy with it', 'single letters that spell no banned word'],
    ['shop is great', 'a near word'],
    ['loving the 4k stream', 'a digit next to a letter'],
  ])('GIVEN %j (%s) WHEN judged THEN it passes', (text) => {
    expect(judge(rules, line(text))).toBeUndefined();
  });
});

describe('moderation rules: measures', () => {
  it('GIVEN lines WHEN caps and symbols are measured THEN only letters with case and only non-letters count', () => {
    expect(capsPercent('HELLO world')).toBe(50);
    expect(capsPercent('ПРИВЕТ ВСЕМ')).toBe(100);
    expect(capsPercent('1234 !!!')).toBe(0);
    expect(symbolPercent('hi!!')).toBe(50);
    expect(symbolPercent('👍🏽👍🏽 ok')).toBe(50);
  });

  it('GIVEN the same words typed differently WHEN keyed for repeats THEN the keys match', () => {
    expect(sameness('Buy  this NOW!!!')).toBe(sameness('buy this now'));
    expect(sameness('hiiii')).toBe(sameness('hi'));
    expect(sameness('🔥🔥🔥')).not.toBe('');
    expect(sameness('hello there')).not.toBe(sameness('hello here'));
  });

  it('GIVEN plain ASCII lines WHEN keyed THEN signs and spacing become one space and repeats fold, as for any script', () => {
    expect(sameness('  Love\tthese -- candles ~12~ so cosyyy!! ')).toBe('love these candles 12 so cosy');
    expect(sameness('a a')).toBe('a a');
    expect(sameness('!!! ???')).toBe('!?');
    expect(sameness('Ünïcode  LINE!!')).toBe('ünïcode line');
    expect(fingerprint(sameness('BUY this'))).toBe(fingerprint(sameness('buy   this!')));
  });
});

describe('moderation rules: repeats among many lines', () => {
  it('GIVEN a viewer history with hashed keys WHEN the same line comes again THEN only the same lines count', () => {
    const rules = compileRules(config({ repeats: { max: 2, within: 60_000 } }));
    const past = (text: string, at: number) => ({ at, key: sameness(text), hash: fingerprint(sameness(text)) });
    const recent = [past('hello', 1), past('other', 2), past('HELLO!', 3), past('hello', 4)];
    expect(judge(rules, line('hello', { at: 4, recent }))?.rule).toBe('repeat');
    expect(judge(rules, line('hello', { at: 4, recent: recent.slice(1) }))).toBeUndefined();
  });
});

describe('moderation rules: judge', () => {
  const rules = compileRules(
    config({
      links: { allow: ['example-candles.shop'] },
      bannedWords: ['scam'],
      bannedPatterns: ['free\\s+v-?bucks'],
      capsPercent: { max: 70, minLength: 12 },
      symbolPercent: { max: 50, minLength: 12 },
      repeats: { max: 2, within: '60s' },
      flood: { messages: 3, within: '10s' },
    }),
  );

  it.each([
    ['follow me on spam.example', 'link'],
    ['FREE VBUCKS here', 'banned-pattern'],
    ['this shop is a scam', 'banned-word'],
    ['NOBODY IS ANSWERING ME HERE', 'caps'],
    ['!!!!!!!!~~~~~~~~~~ ok', 'symbols'],
  ])('GIVEN %j WHEN judged THEN the rule is %s', (text, rule) => {
    expect(judge(rules, line(text))?.rule).toBe(rule);
  });

  it.each([
    'Love the VANILLA candle, how long does it burn?',
    'OMG', // too short to judge caps
    '@BIGNAMEUSER thanks a lot',
    'see https://example-candles.shop/cart',
    'prices go from 3.50 to 12, e.g. the mug',
    ':) :) nice',
  ])('GIVEN %j WHEN judged THEN it passes', (text) => {
    expect(judge(rules, line(text))).toBeUndefined();
  });

  it('GIVEN a permitted link WHEN judged THEN the link passes but other rules still apply', () => {
    expect(judge(rules, line('spam.example', { linkPermitted: true }))).toBeUndefined();
    expect(judge(rules, line('spam.example scam', { linkPermitted: true }))?.rule).toBe('banned-word');
  });

  it('GIVEN a command in capitals WHEN judged THEN caps and repeats do not apply, but links do', () => {
    expect(judge(rules, line('!buy CEDAR 2 WELCOME10', { command: true }))).toBeUndefined();
    const same = [
      { at: 1, key: 'buy' },
      { at: 2, key: 'buy' },
      { at: 3, key: 'buy' },
    ];
    expect(judge(rules, line('!buy', { command: true, recent: same, at: 4 }))).toBeUndefined();
    expect(judge(rules, line('!buy spam.example', { command: true }))?.rule).toBe('link');
  });

  it('GIVEN recent lines WHEN the same text comes more than max times within the window THEN it is a repeat', () => {
    const k = sameness('buy my stuff');
    expect(
      judge(
        rules,
        line('buy my stuff', {
          at: 3000,
          recent: [
            { at: 1000, key: k },
            { at: 3000, key: k },
          ],
        }),
      ),
    ).toBeUndefined();
    const three = [
      { at: 1000, key: k },
      { at: 2000, key: 'other' },
      { at: 3000, key: k },
      { at: 4000, key: k },
    ];
    expect(judge(rules, line('Buy my stuff!', { at: 4000, recent: three }))?.rule).toBe('repeat');
    const old = [
      { at: 0, key: k },
      { at: 70_000, key: k },
      { at: 71_000, key: k },
    ];
    expect(judge(rules, line('buy my stuff', { at: 71_000, recent: old }))).toBeUndefined();
  });

  it('GIVEN recent lines WHEN more fall within the flood window than a person types THEN it is flood', () => {
    // "3 in 10 s" is raised to what a person types: one line a second, so more than 10 in 10 s.
    const lines = (ats: number[]) => ats.map((at, i) => ({ at, key: `l${i}` }));
    const everySecond = Array.from({ length: 10 }, (_, i) => 1000 + i * 1000);
    expect(judge(rules, line('d', { at: 10_000, recent: lines(everySecond) }))).toBeUndefined();
    const faster = Array.from({ length: 11 }, (_, i) => 1000 + i * 800);
    expect(judge(rules, line('d', { at: 9000, recent: lines(faster) }))?.rule).toBe('flood');
    expect(judge(rules, line('d', { at: 30_000, recent: lines([...faster, 30_000]) }))).toBeUndefined();
  });

  it.each([
    [6, 10_000, 10],
    [7, 5000, 7],
    [3, 60_000, 60],
    [20, 10_000, 20],
    [1, 1000, 7],
  ])('GIVEN a flood limit of %i lines in %i ms WHEN applied THEN at most %i lines pass', (messages, within, allowed) => {
    expect(floodAllowance(messages, within)).toBe(allowed);
  });

  it.each([
    'WHY IS NOBODY ANSWERING ME',
    'HOW MUCH IS THE BIG ONE???',
    '!!!!!!!!?????????? ok',
    'сколько стоит L',
    'what a deal, is it real?',
    'hi, how long is shipping',
  ])('GIVEN the question %j WHEN judged as one THEN caps, symbols and pace do not apply', (text) => {
    expect(isQuestion(text)).toBe(true);
    const flood = Array.from({ length: 30 }, (_, i) => ({ at: i * 100, key: 'same' }));
    expect(judge(rules, line(text, { question: true, at: 3000, recent: flood }))).toBeUndefined();
  });

  it.each(['ok buying', 'ааа хочу!!!', 'LOVE IT', '!buy VAN S', 'what a gorgeous shade', 'как же красиво', 'how cute!'])(
    'GIVEN %j WHEN asked whether it is a question THEN it is not',
    (text) => {
      expect(isQuestion(text)).toBe(false);
    },
  );

  it('GIVEN a question with a link WHEN judged THEN the link is still stopped', () => {
    expect(judge(rules, line('anyone tried spam.example?', { question: true }))?.rule).toBe('link');
  });

  it('GIVEN links.block false WHEN a link is posted THEN it passes', () => {
    expect(judge(compileRules(config({ links: { block: false } })), line('spam.example'))).toBeUndefined();
  });
});
