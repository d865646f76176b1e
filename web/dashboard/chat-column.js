// @ts-check
// The live chat of every platform in one column, with one-click moderation.
import { api, badge, clock, el } from './api.js';

/**
 * @typedef {import('./api.js').LiveEvent} LiveEvent
 * The data of a `chat.message` event (orchestrator/inbound.ts).
 * @typedef {{ channelId: string, messageId: string, userId: string, user: string, roles: string[], text: string }} ChatData
 * The data of a `moderation.action` event: by the chat's moderation (features/moderation) or from
 * this dashboard (`by`; http/admin/show-routes.ts), whose line may have had no user or message id.
 * @typedef {object} ModerationData
 * @property {string} step what was done: warn, delete, timeout …
 * @property {string | null} user
 * @property {string | null} userId
 * @property {string} channelId
 * @property {string | null} messageId
 * @property {string} [reason] why the chat's moderation stepped in
 * @property {string} [by] who did it from the dashboard
 * @property {number} [timeoutMs]
 * The data of a `chat.sent` event: a line of ours (orchestrator/events/show-events.ts, SentLine).
 * @typedef {{ text: string, to: 'all' | 'room' | 'direct', channelId?: string, user?: string, priority: string, by?: string }} SentData
 * What one chat line's buttons send to POST /api/admin/moderate.
 * @typedef {{ platform: string | null, channelId: string, messageId: string, userName: string, userId?: string }} Row
 */

const MAX_LINES = 400;
/** Lines of history shown when the dashboard opens. */
const HISTORY = 100;

/**
 * The same line whether it came from the history or the live feed, so the two never show it twice.
 * @param {LiveEvent} event
 */
const keyOf = (event) => {
  const d = /** @type {{ messageId?: unknown, text?: unknown }} */ (event.data);
  return `${event.type}|${event.platform ?? ''}|${event.type === 'chat.message' ? String(d.messageId) : `${event.at}|${String(d.text)}`}`;
};
const TIMEOUT_SECONDS = 600;

/**
 * @param {HTMLElement} list
 * @param {(text: string, bad?: boolean) => void} notify
 */
export function chatColumn(list, notify) {
  /**
   * @param {Row} row
   * @param {'delete' | 'timeout'} action
   */
  const moderate = async (row, action) => {
    const { platform, channelId, messageId, userId, userName } = row;
    try {
      await api('/api/admin/moderate', { platform, channelId, messageId, userId, userName, action, ...(action === 'timeout' && { seconds: TIMEOUT_SECONDS }) });
      notify(action === 'delete' ? `Deleting ${userName}'s message` : `Timing out ${userName} for ${TIMEOUT_SECONDS / 60} minutes`);
    } catch (err) {
      notify(`Moderation failed: ${/** @type {Error} */ (err).message}`, true);
    }
  };

  /** Keys of the lines shown. */
  const shown = new Set();

  /** @param {HTMLElement} li */
  const append = (li) => {
    const box = /** @type {HTMLElement} */ (list.parentElement);
    const stick = box.scrollTop + box.clientHeight >= box.scrollHeight - 40;
    list.append(li);
    while (list.children.length > MAX_LINES) list.firstElementChild?.remove();
    if (stick) box.scrollTop = box.scrollHeight;
  };

  /** @param {LiveEvent} event */
  const line = (event) => {
    const d = /** @type {ChatData} */ (event.data);
    // The platform's user id is what a timeout needs; lines logged without it can still be deleted.
    const row = { platform: event.platform, channelId: d.channelId, messageId: d.messageId, userName: d.user, ...(d.userId && { userId: String(d.userId) }) };
    const roles = (d.roles ?? []).filter((r) => r !== 'member');
    return el(
      'li',
      { class: `chat-line ${event.platform}`, 'data-platform': event.platform, 'data-message-id': d.messageId },
      el('time', { text: clock(event.at) }),
      badge(event.platform),
      el('span', { class: 'author', text: d.user }),
      roles.length ? el('span', { class: 'roles', text: roles.join(' ') }) : null,
      el('span', { class: 'text', text: d.text }),
      el(
        'span',
        { class: 'mod' },
        el('button', { type: 'button', class: 'quiet delete', title: 'Delete this message', text: 'Delete', onclick: () => moderate(row, 'delete') }),
        el('button', {
          type: 'button',
          class: 'quiet timeout',
          title: `Time out for ${TIMEOUT_SECONDS / 60} minutes`,
          text: 'Timeout',
          onclick: () => moderate(row, 'timeout'),
        }),
      ),
    );
  };

  /**
   * A line of ours: the bot's replies and announcements, and what the seller wrote from here.
   * @param {LiveEvent} event
   */
  const sent = (event) => {
    const d = /** @type {SentData} */ (event.data);
    const who = d.by === 'dashboard' ? 'you, as the show' : 'bot';
    const to = d.to === 'all' ? 'to every chat' : d.user ? `to ${d.user}${d.to === 'direct' ? ' (private)' : ''}` : '';
    return el(
      'li',
      { class: `chat-line ours${d.by ? ' by-seller' : ''}`, 'data-platform': event.platform ?? 'all' },
      el('time', { text: clock(event.at) }),
      badge(event.platform),
      el('span', { class: 'author', text: who }),
      to ? el('span', { class: 'to', text: to }) : null,
      el('span', { class: 'text', text: d.text }),
    );
  };

  /**
   * The code a drop or an unlock issued, kept in the column so the seller can read it out on stream.
   * @param {LiveEvent} event
   */
  const code = (event) => {
    const d = /** @type {{ id: string, code: string }} */ (event.data);
    return el(
      'li',
      { class: 'chat-line issued-code', 'data-code': d.code },
      el('time', { text: clock(event.at) }),
      badge(null),
      el('span', { class: 'text', text: `${event.type === 'drop.issued' ? 'Drop' : 'Unlock'} ${d.id}: code ` }),
      el('strong', { class: 'code', text: d.code }),
    );
  };

  /** @param {LiveEvent} event */
  const render = (event) =>
    event.type === 'chat.message'
      ? line(event)
      : event.type === 'chat.sent'
        ? sent(event)
        : /^(drop\.issued|unlock\.reached)$/.test(event.type)
          ? code(event)
          : undefined;

  /** @param {LiveEvent} event */
  const moderation = (event) => {
    const d = /** @type {ModerationData} */ (event.data);
    const target = d.messageId && list.querySelector(`[data-message-id="${CSS.escape(String(d.messageId))}"]`);
    if (target) target.classList.add('moderated');
    const what = d.step ?? 'action';
    append(
      el(
        'li',
        { class: 'chat-line moderation' },
        el('time', { text: clock(event.at) }),
        badge(event.platform),
        el('span', { class: 'text', text: `${what}: ${d.user ?? ''} ${d.reason ? `(${d.reason})` : ''}${d.by ? ` by ${d.by}` : ''}` }),
      ),
    );
  };

  /**
   * A line the review holds is marked until a moderator approves it (a denied one is marked
   * moderated by its moderation.action). Lines are matched by platform and message id.
   * @param {string | null} platform
   * @param {string | undefined} messageId
   * @param {boolean} holding
   * @param {string} [label]
   */
  const markHeld = (platform, messageId, holding, label) => {
    const target = messageId && list.querySelector(`[data-platform="${CSS.escape(String(platform))}"][data-message-id="${CSS.escape(messageId)}"]`);
    if (!target) return;
    target.classList.toggle('held', holding);
    if (holding) target.setAttribute('title', `Held for review (${label ?? 'doubtful'}): not relayed`);
    else target.removeAttribute('title');
  };

  /** @param {LiveEvent} event */
  const held = (event) => {
    const d = /** @type {{ messageId?: string, status?: string, label?: string }} */ (event.data);
    markHeld(event.platform, d.messageId, event.type === 'ai.held' && d.status === 'held', d.label);
  };

  return {
    markHeld,

    /** @param {LiveEvent} event */
    handle(event) {
      if (event.type === 'moderation.action') return moderation(event);
      if (event.type === 'ai.held' || event.type === 'ai.reviewed') return held(event);
      const li = render(event);
      if (!li || shown.has(keyOf(event))) return;
      shown.add(keyOf(event));
      append(li);
    },

    /** The last lines before this page opened, above whatever the live feed brought meanwhile. */
    async load() {
      const { events } = /** @type {{ events: LiveEvent[] }} */ (await api(`/api/admin/events?type=chat.*&limit=${HISTORY}`));
      const older = events.filter((e) => !shown.has(keyOf(e)));
      const items = older.map((e) => render(e)).filter((li) => li !== undefined);
      for (const e of older) shown.add(keyOf(e));
      list.prepend(...items);
      const box = /** @type {HTMLElement} */ (list.parentElement);
      box.scrollTop = box.scrollHeight;
    },
  };
}
