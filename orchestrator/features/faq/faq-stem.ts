/** How the FAQ matcher tells that two forms are one word: a crude stemmer, shared prefixes, Russian past tense. */

// Longest first, so "ments" is tried before "s". Each ending keeps a stem of at least 3 letters.
// English, German, then Russian (nouns, adjectives, verbs: enough to meet the same stem, not a grammar).
const ENDINGS = `
  ments ment ings ing ies ied ed es ly s
  ungen ung en er e n
  ами ями ого его ому ему ать ять ить еть уть ешь ете ет ит ут ют ой ей ий ый ая яя ое ее ые ие ам ям ах ях ом ем ов ев ия ию а я у ю ы и о е ь
`
  .trim()
  .split(/\s+/u);

/** A crude stem: one common ending off, a doubled final consonant undone ("shipping" → "ship"). */
export function stem(word: string): string {
  for (const ending of ENDINGS) {
    if (word.length - ending.length >= 3 && word.endsWith(ending)) {
      const base = word.slice(0, -ending.length);
      const last = base.at(-1)!;
      return base.length >= 4 && base.at(-2) === last && /[bdgklmnprtz]/u.test(last) ? base.slice(0, -1) : base;
    }
  }
  return word;
}

/** How many leading letters two words share. */
export function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * A Russian past-tense verb ("оплатила", "прошел", "доставили"): it reports what happened, so it
 * does not ask about the topic its stem shares with a keyword ("оплатила картой" is not "оплата?").
 */
export function pastTense(word: string): boolean {
  return word.length >= 5 && /\p{Script=Cyrillic}[иеяу]л[аои]?$/u.test(word);
}
