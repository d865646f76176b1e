import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

/** One labelled chat line of the evaluation set (see the header of chat-lines.yaml for how lines are labelled). */
export const LabelledLine = z.strictObject({
  text: z.string().min(1),
  lang: z.enum(['en', 'ru']),
  question: z.boolean(),
  moderation: z.enum(['fine', 'abusive', 'scam']),
  faq: z.string().min(1).nullable(),
});
export type LabelledLine = z.infer<typeof LabelledLine>;

/** The set's default place, next to this file. */
export const LINES_FILE = new URL('./chat-lines.yaml', import.meta.url).pathname;
/** The show the set is labelled against. */
export const SHOW_FILE = new URL('./eval-show.yaml', import.meta.url).pathname;

/**
 * Reads and checks the labelled lines; throws naming the first bad record, and a `faq` id the
 * show does not have, so a renamed entry cannot silently turn every expected answer into a miss.
 */
export function loadLines(file: string, faqIds: readonly string[]): LabelledLine[] {
  const parsed = z.array(LabelledLine).safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: record ${String(issue?.path[0] ?? '?')}: ${issue?.path.slice(1).join('.') ?? ''} ${issue?.message ?? ''}`);
  }
  const known = new Set(faqIds);
  parsed.data.forEach((line, i) => {
    if (line.faq !== null && !known.has(line.faq))
      throw new Error(`${file}: record ${i}: faq "${line.faq}" is not an entry of the show (${faqIds.join(', ')})`);
  });
  return parsed.data;
}
