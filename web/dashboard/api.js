// @ts-check
// Calls to the admin API with the session cookie; every change is JSON (the server refuses others).

/**
 * One event of the show's log, as GET /api/admin/live sends it (`log`; orchestrator/store/event-log.ts).
 * What `data` holds depends on `type`; the modules that read an event type describe its data.
 * @typedef {{ showId: string, runId: number | null, type: string, at: number, showMs: number | null, platform: string | null, viewerId: number | null, data: Record<string, unknown> }} LiveEvent
 */

/**
 * The admin state: GET /api/admin/state, and the live feed's `state` (orchestrator/http/admin/state-routes.ts).
 * @typedef {object} AdminState
 * @property {{ id: string, name: string, state: 'off-air' | 'live', featured: string | null, startedAt: number | null }} show
 * @property {Array<{ platform: string, rooms: string[], status: ChannelState }>} channels
 * @property {Array<{ platform: string, reason: string }>} skipped channels that were not started
 * @property {Record<string, PlatformStats>} outbox per platform
 * @property {Poll[]} polls the open one first, then closed ones, newest first
 * @property {Array<{ saleId: string, sku: string, priceCents: number, endsAt: number, maxPerBuyer: number }>} flash running flash sales
 * @property {Array<{ id: string, keyword: string, count: number, goal: number, reached: boolean, discount: Discount }>} unlocks
 * @property {Array<{ id: string, discount: Discount }>} drops
 * @property {import('./sales-events.js').Auction | null} [auction] the running auction
 * @property {import('./sales-events.js').Giveaway | null} [giveaway] the running giveaway
 * @property {import('./ai-drafts.js').AiState} [ai] the AI helper's drafts waiting for a moderator
 * @property {MediaStatus | null} media null when streaming is off in this run
 * @property {{ file: string | null, loadedAt: number, lastError: string | null, warnings?: string[] }} config the show file
 * @property {{ offered: string[], unconfigured: Array<{ provider: string, missing: string[] }> }} payments providers a buyer on the web is offered, and those the show names that lack their variables
 *
 * @typedef {{ state: 'connecting' } | { state: 'connected', since: number, warning?: string } | { state: 'retrying', nextAttemptAt: number, attempts: number, lastError: string } | { state: 'disabled', reason: string } | { state: 'stopped' }} ChannelState
 * @typedef {{ sent: number, coalesced: number, dropped: Record<string, number>, queued: number, retries: number, rateLimited: number }} PlatformStats
 * @typedef {{ percent: number } | { amount: number }} Discount
 * @typedef {object} Poll
 * @property {string} id
 * @property {string} question
 * @property {Array<{ label: string, votes: number }>} options
 * @property {number} total distinct viewers who voted
 * @property {'open' | 'closed'} state
 * @property {number} startedAt
 * @property {number} endsAt
 * @property {number[]} leaders indexes of the leading options, more than one on a tie
 * @property {Record<string, number>} byPlatform
 * @typedef {object} MediaStatus media/types.ts
 * @property {{ accepting: boolean, state: 'offline' | 'live' | 'reconnecting', live: boolean, since: number | null, publisher: string | null, bitrateKbps: number, fps: number | null, keyframeIntervalMs: number | null, video: { codec: number, width: number, height: number, fps: number } | null, audio: { codec: number, sampleRate: number, channels: number } | null }} ingest
 * @property {TargetStatus[]} targets
 * @property {{ flvPath: string, hlsPath: string | null, httpPort: number, hlsState: TargetState | null }} playback
 * @property {string | null} ffmpeg
 * @typedef {'disabled' | 'idle' | 'starting' | 'live' | 'retrying' | 'unavailable'} TargetState
 * @typedef {{ name: string, url: string, enabled: boolean, state: TargetState, transport: 'ffmpeg' | 'push' | null, uptimeMs: number, bitrateKbps: number, restarts: number, lastError: string | null }} TargetStatus
 */

export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} message
   * @param {number | undefined} retryAfter seconds, from Retry-After
   */
  constructor(status, message, retryAfter) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

/**
 * The answer's JSON (null when it has none); throws an ApiError for an error status.
 * @param {string} path
 * @param {unknown} [body] sent as JSON; a call with a body is a POST unless `method` says otherwise
 * @param {string} [method]
 * @returns {Promise<unknown>}
 */
export async function api(path, body, method = body === undefined ? 'GET' : 'POST') {
  /** @type {RequestInit & { headers: Record<string, string> }} */
  const init = { method, credentials: 'same-origin', headers: {} };
  if (method !== 'GET') {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body ?? {});
  }
  const res = await fetch(path, init);
  const data = (res.headers.get('content-type') ?? '').includes('json') ? await res.json() : null;
  if (!res.ok)
    throw new ApiError(res.status, data?.error ?? data?.message ?? `${res.status} ${res.statusText}`, Number(res.headers.get('retry-after')) || undefined);
  return data;
}

/**
 * The dashboard's buttons: each is a change, so always a POST (an empty JSON body when there is
 * nothing to say), and the seller is told how it went.
 * @param {(text: string, bad?: boolean) => void} notify
 * @returns {(what: string, path: string, body?: object) => Promise<void>}
 */
export const actions =
  (notify) =>
  async (what, path, body = {}) => {
    try {
      await api(path, body);
      notify(what);
    } catch (err) {
      notify(`${what} failed: ${/** @type {Error} */ (err).message}`, true);
    }
  };

/**
 * An element: `class`, `text` and `style` set those, `on…` adds a listener, `data-…` a data
 * attribute, anything else an attribute (true: present; false, null, undefined: left out).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string | boolean | null | undefined | ((ev: Event) => unknown)>} [attrs]
 * @param {...(Node | string | null | undefined)} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = String(value);
    else if (key === 'text') node.textContent = String(value);
    // CSSOM, which the CSP leaves alone, rather than a style attribute.
    else if (key === 'style') node.style.cssText = String(value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), /** @type {EventListener} */ (value));
    else if (key.startsWith('data-')) node.dataset[key.slice(5).replace(/-(.)/g, (_m, c) => c.toUpperCase())] = String(value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  node.append(...children.filter((c) => c !== undefined && c !== null));
  return node;
};

/** @type {Record<string, string | undefined>} */
export const LABEL = { telegram: 'Telegram', twitch: 'Twitch', discord: 'Discord', web: 'Web', memory: 'Test' };

/** @param {string | null | undefined} platform none: showcart's own */
export const badge = (platform) => el('span', { class: `badge ${platform ?? 'system'}`, text: LABEL[String(platform)] ?? platform ?? 'showcart' });

export { money } from '../money.js';

/** @param {number} at */
export const clock = (at) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** @param {number} ms */
export const countdown = (ms) => {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};
