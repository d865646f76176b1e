import type { NameStyle } from '../../../config/schema/primitives.js';

/**
 * A buyer's name as the show's privacy setting allows: "Anna Smith", "Anna" or "A***"; `someone`
 * (the show language's "Someone") for a name that is blank.
 */
export function publicName(name: string, style: NameStyle, someone = 'Someone'): string {
  const clean = name.trim() || someone;
  if (style === 'full') return clean;
  const first = clean.split(/\s+/)[0]!;
  if (style === 'first') return first;
  return `${[...first][0]}***`;
}
