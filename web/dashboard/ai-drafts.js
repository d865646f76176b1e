// @ts-check
// What people are asking (the chat's questions of the last minutes, grouped, answered or not) and
// the AI helper's drafts (suggest mode): the viewer's question, the draft to edit, Send or Dismiss.
import { actions, badge, el, LABEL } from './api.js';

/**
 * @typedef {object} AiDraft orchestrator/events/ai-types.ts (AiSuggestion)
 * @property {string} id
 * @property {number} at
 * @property {string} question
 * @property {string} draft
 * @property {Array<{ id: string, title: string }>} sources
 * @property {{ platform: string, channelId: string, messageId: string, user: string }} asked
 * @typedef {{ group: string, title: string, asked: number, answered: number, platforms: string[], latest: Array<{ user: string, text: string, answered: boolean }> }} QuestionGroup
 * @typedef {{ enabled: boolean, mode: 'suggest' | 'auto', suggestions: AiDraft[], questions?: QuestionGroup[], review?: import('./review-queue.js').ReviewState }} AiState
 */

/**
 * @param {HTMLElement} box
 * @param {(text: string, bad?: boolean) => void} notify
 */
export function aiDrafts(box, notify) {
  /** Drafts being edited keep their text when the list is drawn again. */
  /** @type {Map<string, string>} */
  const edits = new Map();
  /** @type {AiState | undefined} */
  let state;

  const act = actions(notify);

  const asking = () => {
    const groups = state?.questions ?? [];
    return [
      el('h3', { text: 'What people are asking (10 min)' }),
      ...(groups.length === 0
        ? [el('p', { class: 'muted', text: 'No questions in the chat lately.' })]
        : groups
            .slice(0, 6)
            .map((g) =>
              el(
                'div',
                { class: 'stack asking', 'data-group': g.group },
                el(
                  'p',
                  {},
                  el('strong', { text: g.title }),
                  ` — ${g.asked} asked, ${g.answered} answered · ${g.platforms.map((p) => LABEL[p] ?? p).join(', ')}`,
                ),
                el('ul', { class: 'muted' }, ...g.latest.map((q) => el('li', { text: `${q.user}: ${q.text}${q.answered ? ' ✓' : ''}` }))),
              ),
            )),
    ];
  };

  const render = () => {
    if (!state?.enabled || state.mode !== 'suggest') return box.replaceChildren(...asking());
    const drafts = state.suggestions;
    box.replaceChildren(
      ...asking(),
      el('h3', { text: `AI drafts (${drafts.length})` }),
      ...(drafts.length === 0
        ? [el('p', { class: 'muted', text: 'Questions the FAQ cannot answer get a draft here, from the show’s FAQ and products.' })]
        : drafts.map((d) => {
            const text = /** @type {HTMLTextAreaElement} */ (el('textarea', { rows: '2', 'aria-label': `Answer to ${d.asked.user}` }));
            text.value = edits.get(d.id) ?? d.draft;
            text.addEventListener('input', () => edits.set(d.id, text.value));
            return el(
              'div',
              { class: 'stack ai-draft', 'data-draft': d.id },
              el('p', {}, badge(d.asked.platform), ` ${d.asked.user}: ${d.question}`),
              text,
              el(
                'div',
                { class: 'row' },
                el('span', { class: 'grow muted', text: `from ${d.sources.map((s) => s.title).join(', ')}` }),
                el('button', {
                  type: 'button',
                  text: 'Send',
                  onclick: () => {
                    edits.delete(d.id);
                    void act(`Answer sent to ${d.asked.user}`, `/api/admin/ai/suggestions/${encodeURIComponent(d.id)}/send`, { text: text.value });
                  },
                }),
                el('button', {
                  type: 'button',
                  class: 'quiet',
                  text: 'Dismiss',
                  onclick: () => {
                    edits.delete(d.id);
                    void act('Draft dismissed', `/api/admin/ai/suggestions/${encodeURIComponent(d.id)}/dismiss`, {});
                  },
                }),
              ),
            );
          })),
    );
  };

  return {
    /** @param {AiState} next */
    state(next) {
      state = next;
      // A draft being typed in stays as it is until it is sent or dismissed.
      if (box.contains(document.activeElement) && document.activeElement instanceof HTMLTextAreaElement) return;
      render();
    },
  };
}
