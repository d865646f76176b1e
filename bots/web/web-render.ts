import type { Rendered } from '../../orchestrator/channel.js';
import type { Outbound, OutboundLink, RelayLine } from '../../orchestrator/chat-types.js';
import { usableLink } from '../render-link.js';
import { nameLine, PLAIN_NOTICE, plainText, renderNotice, splitText } from '../render-text.js';
import type { Awaiting } from './awaiting-relay.js';
import type { WebLine } from './web-protocol.js';

/** What `render` hands `send` for the web: a bot line, or relay lines with their times (web lines are matched back by them). */
export type WebPart = { kind: 'bot'; text: string; replyTo?: string; mentions?: string[] } | { kind: 'relay'; lines: RelayLine[]; more?: number };

export function renderWeb(out: Outbound, maxLength: number): Rendered {
  if (out.body.kind === 'moderation') return { parts: [], omitted: 0 };
  if (out.body.kind === 'relay') {
    const { lines, more } = out.body;
    const part: WebPart = {
      kind: 'relay',
      lines: lines.map(({ platform, author, text, at, messageId }) => ({ platform, author, text, at, ...(platform === 'web' && messageId && { messageId }) })),
      ...(more && { more }),
    };
    return { parts: [JSON.stringify(part)], omitted: 0 };
  }
  if (out.body.kind === 'notice') {
    const rendered = renderNotice(out.body, maxLength, PLAIN_NOTICE);
    // The names are in the text; `mentions` lets each named viewer's page mark the line as theirs.
    const named = out.body.people.slice(0, out.body.people.length - rendered.omitted).map((p) => nameLine(p.userName));
    return { parts: rendered.parts.map((text) => JSON.stringify({ kind: 'bot', text, mentions: named } satisfies WebPart)), omitted: rendered.omitted };
  }
  // The page shows text as text (never markup); viewer values only lose their bidi controls and line breaks.
  const replyTo = out.replyTo === undefined ? undefined : nameLine(out.replyTo.userName);
  const parts = splitText(plainText(out.body), maxLength).map((text) => JSON.stringify({ kind: 'bot', text, ...(replyTo && { replyTo }) } satisfies WebPart));
  return { parts, omitted: 0 };
}

/** A bot part as the page shows it, with the link it is about when that is an http(s) address (the page checks again). */
export function botLine(part: Extract<WebPart, { kind: 'bot' }>, link: OutboundLink | undefined, id: string, at: number): WebLine {
  const usable = usableLink(link);
  return { ...part, ...(usable && { link: usable }), id, at };
}

/** A line to show, and the socket that shows it already (the sender's own line). */
export interface Shown<S> {
  line: WebLine;
  shownOn?: S;
}

/**
 * Relay lines as the page shows them, in order: a web line as the viewer line it was (when it is
 * still waiting, with its id and author id), every run of other platforms' lines as one relay
 * line, and the skipped count on the last.
 */
export function relayedLines<S>(
  part: Extract<WebPart, { kind: 'relay' }>,
  take: (l: RelayLine) => Awaiting<S> | undefined,
  nextId: () => string,
): Array<Shown<S>> {
  const shown: Array<Shown<S>> = [];
  let others: RelayLine[] = [];
  const flush = (last: boolean) => {
    const more = last ? part.more : undefined;
    if (others.length === 0 && !more) return;
    const lines = others.map(({ platform, author, text }) => ({ platform, author, text }));
    shown.push({ line: { id: nextId(), kind: 'relay', at: Date.now(), lines, ...(more && { more }) } });
    others = [];
  };
  for (const l of part.lines) {
    if (l.platform !== 'web') {
      others.push(l);
      continue;
    }
    flush(false);
    const waiting = take(l);
    // Written on another edge: its id there, so a delete reaches it here too.
    shown.push(waiting ?? { line: { id: l.messageId ?? nextId(), kind: 'viewer', at: l.at, author: l.author, text: l.text } });
  }
  flush(true);
  return shown;
}
