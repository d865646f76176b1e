import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { viewer } from '../../orchestrator/chat-types.js';
import { CATALOGS, type MessageKey } from '../../orchestrator/i18n/messages/index.js';
import { Texts } from '../../orchestrator/i18n/texts.js';

/** Every argument a message uses, including those inside plurals and selects. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const e of elements) {
    if (e.type === TYPE.argument || e.type === TYPE.number || e.type === TYPE.date || e.type === TYPE.time) into.add(e.value);
    if (e.type === TYPE.plural || e.type === TYPE.select) {
      into.add(e.value);
      for (const option of Object.values(e.options)) argumentsOf(option.value, into);
    }
    if (e.type === TYPE.tag) argumentsOf(e.children, into);
  }
  return into;
}

const en = CATALOGS.en!;
const keys = Object.keys(en) as MessageKey[];

describe('the message catalog', () => {
  it.each(Object.keys(CATALOGS).filter((l) => l !== 'en'))(
    'GIVEN the %s catalog WHEN each message is parsed THEN it is valid ICU and takes exactly the arguments of the English one',
    (language) => {
      const catalog = CATALOGS[language]!;
      const mismatches: string[] = [];
      for (const key of keys) {
        const theirs = [...argumentsOf(parse(catalog[key]))].sort();
        const ours = [...argumentsOf(parse(en[key]))].sort();
        if (theirs.join() !== ours.join()) mismatches.push(`${key}: ${theirs.join(',')} ≠ ${ours.join(',')}`);
      }
      expect(mismatches).toEqual([]);
      expect(Object.keys(catalog).sort()).toEqual([...keys].sort());
    },
  );

  it('GIVEN every English message WHEN parsed THEN none is malformed', () => {
    for (const key of keys) expect(() => parse(en[key]), key).not.toThrow();
  });
});

describe('Texts', () => {
  it('GIVEN a Russian show WHEN money is written THEN roubles read as Russians write them, kopecks only when there are some', () => {
    const ru = new Texts('ru');
    expect(ru.money(249_000, 'RUB')).toBe('2\u00a0490\u00a0₽');
    expect(ru.money(249_050, 'RUB')).toBe('2\u00a0490,50\u00a0₽');
    expect(new Texts('en').money(2400, 'EUR')).toBe('€24.00');
  });

  it('GIVEN a language with no catalog WHEN a message is asked for THEN English words come with that locale’s numbers', () => {
    const de = new Texts('de');
    expect(de.language).toBe('en');
    expect(de.money(2400, 'EUR')).toBe('24,00\u00a0€');
  });

  it('GIVEN durations from seconds to weeks WHEN written THEN they read as a person says them', () => {
    const en = new Texts('en');
    const now = Date.UTC(2026, 11, 4, 12);
    expect(en.duration(45_000)).toBe('45 s');
    expect(en.duration(150_000)).toBe('2 min 30 s');
    expect(en.duration(30 * 60_000)).toBe('30 min');
    expect(en.duration(90 * 60_000)).toBe('1 h 30 min');
    expect(en.duration(657 * 3_600_000 + 46 * 60_000, 'UTC', now)).toBe('until 31 Dec');
    expect(new Texts('ru').duration(3 * 3_600_000, 'UTC', now)).toBe('3 ч');
  });

  it('GIVEN a viewer value in a message WHEN said THEN it stays a span of its own for the renderers to escape', () => {
    const said = new Texts('en').said('time.until', { day: viewer('<b>x</b>') });
    expect(said.spans).toEqual(['until ', { viewer: '<b>x</b>' }]);
    expect(said.text).toBe('until <b>x</b>');
  });
});
