import type { NameStyle } from '../../../config/schema/primitives.js';

/** A buyer's name as the show's privacy setting allows: "Anna Smith", "Anna" or "A***". */
export function publicName(name: string, style: NameStyle): string {
  const clean = name.trim() || 'Someone';
  if (style === 'full') return clean;
  const first = clean.split(/\s+/)[0]!;
  if (style === 'first') return first;
  return `${[...first][0]}***`;
}
