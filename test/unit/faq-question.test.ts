import { describe, expect, it } from 'vitest';
import { looksLikeQuestion } from '../../orchestrator/features/faq/faq-text.js';

describe('question detection: lines that ask without a question mark', () => {
  it.each([
    // A question word first, after greetings and lead-ins; contractions without the apostrophe.
    ['whens delivery', 'an opener written without its apostrophe'],
    ['hows the battery', 'an opener written without its apostrophe'],
    ['wait which palette is that', 'a lead-in before the question word'],
    ['ok so whats the return policy', 'lead-ins before the question word'],
    ['ну когда уже следующий эфир', 'a Russian lead-in'],
    // Russian question words typed in Latin letters.
    ['skolko idet dostavka', 'translit "сколько"'],
    ['kakoy razmer brat', 'translit "какой"'],
    ['kak oplatit', 'translit "как"'],
    // Spoken Russian puts the question word late.
    ['доставка сколько дней', '"сколько" after the topic'],
    ['срок годности какой', '"какой" last'],
    ['а отправка когда', '"когда" last'],
    // The question particle.
    ['будет ли скидка на халат', '"ли"'],
    // Wondering and polite requests.
    ['I wonder if the mascara is waterproof', 'wondering'],
    ['wondering whether the robe runs small', 'wondering'],
    ['size chart for the robe please', 'a request ending in please'],
    ['цена на халат плиз', 'a request ending in плиз'],
    ['покажите ещё раз мятный', 'an imperative request'],
    ['а мне размер M подойдет', '"а" before a question that is not about oneself'],
  ])('GIVEN %j (%s) WHEN checked THEN it is a question', (line) => {
    expect(looksLikeQuestion(line)).toBe(true);
  });
});

describe('question detection: chatter that opens like a question', () => {
  it.each([
    ['какая прелесть', 'praise after a question word'],
    ['какой цвет шикарный', 'praise later in the line'],
    ['kakaya prelest', 'praise in Latin letters'],
    ['what an amazing palette', '"what an"'],
    ['how cute is that mirror', 'praise'],
    ['why are you so dumb', 'scorn'],
    ['are you stupid or what', 'scorn'],
    ['как я хочу это зеркало', '"как я хочу"'],
    ['как мы любим эти эфиры', '"как мы любим"'],
    ['а я уже второй раз беру', '"а я…" tells about oneself'],
    ["can't wait for mine to arrive", 'a negated "can"'],
    ['no wonder it sold out so fast', '"wonder" without if/whether'],
    ['вряд ли успею купить', '"вряд ли" is no question'],
    ['yes please 😍', 'a reply with a polite tail'],
    ['да, пожалуйста', 'a reply with a polite tail'],
    ['кожа после сыворотки как у младенца', '"как" inside a line is a comparison'],
    ['how pretty is that!!', 'an exclamation mark at the end'],
    ['so pretty omg', 'a lead-in before no question word'],
  ])('GIVEN %j (%s) WHEN checked THEN it is not a question', (line) => {
    expect(looksLikeQuestion(line)).toBe(false);
  });

  it('GIVEN praise WHEN the line carries a question mark THEN the question mark wins', () => {
    expect(looksLikeQuestion('is the pink one as gorgeous in person?')).toBe(true);
  });
});
