// @ts-check
// Lines held for review: what the AI review found doubtful in the chat. A held line waits here
// (it was not relayed) until Approve lets it go on, Deny deletes it, or Timeout also times out its
// writer; a line whose verdict came late already went on and is here to be looked at after.
import { actions, badge, el } from './api.js';

/**
 * @typedef {object} ReviewItem orchestrator/events/ai-types.ts
 * @property {string} id
 * @property {number} at
 * @property {'held' | 'passed'} status
 * @property {'abusive' | 'scam' | 'spam'} label
 * @property {number} score
 * @property {{ platform: string, channelId: string, messageId: string, text: string, user: string }} line
 * @typedef {{ enabled: boolean, items: ReviewItem[], counts: { checked: number, held: number, late: number, unchecked: number } }} ReviewState
 */

const time = (/** @type {number} */ at) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/**
 * @param {HTMLElement} box
 * @param {(text: string, bad?: boolean) => void} notify
 */
export function reviewQueue(box, notify) {
  const act = actions(notify);
  const decide = (/** @type {ReviewItem} */ item, /** @type {'approve' | 'deny' | 'timeout'} */ decision, /** @type {string} */ done) =>
    void act(done, `/api/admin/ai/review/${encodeURIComponent(item.id)}/${decision}`, {});

  return {
    /** @param {ReviewState | undefined} state */
    state(state) {
      box.hidden = !state?.enabled;
      if (!state?.enabled) return box.replaceChildren();
      const { items, counts } = state;
      box.replaceChildren(
        el(
          'h3',
          {},
          `Held for review (${items.length})`,
          el('span', { class: 'muted', text: ` · ${counts.checked} checked, ${counts.held} held, ${counts.late} late, ${counts.unchecked} unchecked` }),
        ),
        ...items.slice(0, 20).map((item) =>
          el(
            'div',
            { class: `review-item ${item.status}`, 'data-review': item.id },
            el('p', {}, badge(item.line.platform), ' ', el('strong', { text: item.line.user }), `: ${item.line.text}`),
            el(
              'div',
              { class: 'row' },
              el('span', {
                class: 'grow muted',
                text: `${item.label} · ${Math.round(item.score * 100)} % · ${time(item.at)}${item.status === 'passed' ? ' · already shown (verdict came late)' : ' · not relayed'}`,
              }),
              item.status === 'held'
                ? el('button', { type: 'button', text: 'Approve', onclick: () => decide(item, 'approve', `${item.line.user}’s line approved`) })
                : el('button', { type: 'button', text: 'Keep', onclick: () => decide(item, 'approve', `${item.line.user}’s line kept`) }),
              el('button', { type: 'button', class: 'quiet', text: 'Deny', onclick: () => decide(item, 'deny', `${item.line.user}’s line deleted`) }),
              el('button', { type: 'button', class: 'quiet', text: 'Timeout', onclick: () => decide(item, 'timeout', `${item.line.user} timed out`) }),
            ),
          ),
        ),
      );
    },
  };
}
