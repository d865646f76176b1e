import type { Outbound } from '../chat-types.js';
import type { SentLine, Where } from './show-events.js';

/**
 * The fact of one line of ours, or none for what the chat column already shows another way:
 * relayed viewer lines (shown as the viewers' own) and moderation steps (logged as their own fact).
 * A secret (a one-time code sent privately) keeps its text out of the log and the dashboard.
 */
export function sentLine(out: Outbound): (Where & SentLine) | undefined {
  if (out.body.kind !== 'text' || out.priority === 'relay') return undefined;
  const t = out.target;
  return {
    // One moment for the log and the live feed, so the dashboard can tell a line it already shows.
    at: Date.now(),
    text: out.secret ? '(a private message)' : out.body.text,
    priority: out.priority,
    to: t.kind === 'broadcast' ? 'all' : t.kind,
    ...(t.kind !== 'broadcast' && { platform: t.platform, channelId: t.channelId }),
    ...(out.replyTo && { user: out.replyTo.userName }),
    ...(out.by !== undefined && { by: out.by }),
  };
}
