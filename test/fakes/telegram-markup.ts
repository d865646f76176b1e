/**
 * How the fake Telegram checks `reply_markup`: an inline keyboard is refused with the Bot API's own
 * descriptions, so a bot that builds a bad button fails here as it would in production.
 */

/** The fields of which an inline keyboard button must have exactly one (Bot API, InlineKeyboardButton). */
const BUTTON_KINDS = [
  'url',
  'callback_data',
  'web_app',
  'login_url',
  'switch_inline_query',
  'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat',
  'copy_text',
  'callback_game',
  'pay',
] as const;
const CALLBACK_DATA_MAX_BYTES = 64;

/** The description of Telegram's 400 for this markup (without "Bad Request: "), or undefined when it is fine. */
export function markupProblem(markup: unknown): string | undefined {
  if (typeof markup !== 'object' || markup === null) return "can't parse reply keyboard markup JSON object";
  if (!('inline_keyboard' in markup)) return undefined; // reply keyboards, remove_keyboard, force_reply: not checked
  const rows = markup.inline_keyboard;
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) return 'field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays';
  for (const button of (rows as unknown[][]).flat()) {
    const problem = buttonProblem(button);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function buttonProblem(button: unknown): string | undefined {
  if (typeof button !== 'object' || button === null) return "can't parse inline keyboard button: InlineKeyboardButton must be an Object";
  const b = button as Record<string, unknown>;
  if (typeof b.text !== 'string') return `can't parse inline keyboard button: Can't find field "text"`;
  const kinds = BUTTON_KINDS.filter((k) => b[k] !== undefined);
  if (kinds.length === 0) return "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard";
  // The Bot API says "exactly one"; this fake refuses two rather than guess which one Telegram would keep.
  if (kinds.length > 1) return `can't parse inline keyboard button: exactly one of ${kinds.join(', ')} must be used`;
  if (b.callback_data !== undefined) {
    if (typeof b.callback_data !== 'string') return `can't parse inline keyboard button: Field "callback_data" must be of type String`;
    const bytes = Buffer.byteLength(b.callback_data, 'utf8');
    if (bytes < 1 || bytes > CALLBACK_DATA_MAX_BYTES) return 'BUTTON_DATA_INVALID';
  }
  if (b.url !== undefined) return urlProblem(b.url);
  return undefined;
}

/** http(s) with a host that has a dot (Telegram refuses `http://localhost/…`), or tg://. */
function urlProblem(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return `can't parse inline keyboard button: Field "url" must be of type String`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `inline keyboard button URL '${raw}' is invalid: Wrong HTTP URL`;
  }
  if (url.protocol === 'tg:') return undefined;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `inline keyboard button URL '${raw}' is invalid: Unsupported URL protocol`;
  if (!url.hostname.includes('.')) return 'BUTTON_URL_INVALID';
  return undefined;
}
