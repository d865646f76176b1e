const SPECIAL = /[.*+?^${}()|[\]\\]/g;

/**
 * A test for the unlock keyword as a whole word, any case, in any script: "unlock", "UNLOCK!",
 * "pls unlock 🙏" match; "unlocked" and "#unlockables" do not. Lines are compared in NFC so a
 * keyword typed with combining accents still matches.
 */
export function keywordMatcher(keyword: string): (text: string) => boolean {
  const body = keyword.normalize('NFC').trim().replace(SPECIAL, '\\$&').replace(/\s+/gu, '\\s+');
  // \b only knows ASCII letters; "хочу" needs Unicode-aware word edges.
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])${body}(?![\\p{L}\\p{N}_])`, 'iu');
  return (text) => pattern.test(text.normalize('NFC'));
}
