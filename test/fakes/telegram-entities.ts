/**
 * The mentions Telegram finds in a message sent with `parse_mode: HTML`: each
 * `<a href="tg://user?id=N">name</a>` becomes a text_mention entity of user N, with offset and
 * length in UTF-16 units of the text as shown (tags gone, `&amp;` one character), as Telegram
 * reports it on the message it sends back.
 */
export interface TgMentionEntity {
  type: 'text_mention';
  offset: number;
  length: number;
  user: { id: number; is_bot: false; first_name: string };
}

const TOKEN = /<a\s+href="tg:\/\/user\?id=(\d+)"\s*>|<\/a>|<[^>]*>|&(?:#\d+|#x[0-9a-f]+|[a-z]+);|[\s\S]/giu;

/** The text_mention entities of an HTML message text. */
export function htmlMentions(html: string): TgMentionEntity[] {
  const found: TgMentionEntity[] = [];
  let shown = '';
  let open: { id: number; at: number } | undefined;
  for (const m of html.matchAll(TOKEN)) {
    const token = m[0];
    if (m[1] !== undefined) open = { id: Number(m[1]), at: shown.length };
    else if (token === '</a>') {
      if (open)
        found.push({
          type: 'text_mention',
          offset: open.at,
          length: shown.length - open.at,
          user: { id: open.id, is_bot: false, first_name: shown.slice(open.at) },
        });
      open = undefined;
    } else if (token.startsWith('<') && token.length > 1) continue;
    else shown += token.startsWith('&') && token.length > 1 ? decode(token) : token;
  }
  return found;
}

const NAMED: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"' };

function decode(entity: string): string {
  if (entity.startsWith('&#x')) return String.fromCodePoint(parseInt(entity.slice(3, -1), 16));
  if (entity.startsWith('&#')) return String.fromCodePoint(Number(entity.slice(2, -1)));
  return NAMED[entity.toLowerCase()] ?? entity;
}
