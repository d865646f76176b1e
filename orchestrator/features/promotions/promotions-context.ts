import type { ShowConfig } from '../../../config/schema/index.js';
import type { Outbound } from '../../chat-types.js';

export type UnlockConfig = ShowConfig['promotions']['unlocks'][number];
export type DropConfig = ShowConfig['promotions']['drops'][number];

/** An announcement to every room of every channel, with the priority of purchase alerts. */
export function announcement(text: string): Outbound {
  return { priority: 'alert', target: { kind: 'broadcast' }, body: { kind: 'text', text } };
}

/** A readable code prefix from an id: "fifteen-off" → "FIFTEEN", "midshow" → "MIDSHOW". */
export function codePrefix(id: string): string {
  const first = id.split(/[-_]/)[0] ?? id;
  return (first || id)
    .replace(/[^a-z0-9]/gi, '')
    .toUpperCase()
    .slice(0, 12);
}
