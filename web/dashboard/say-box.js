// @ts-check
// The seller writes to every chat as the show; the line comes back through the live feed like the bot's.
import { api } from './api.js';

/**
 * @param {HTMLFormElement} form
 * @param {HTMLInputElement} input
 * @param {(text: string, bad?: boolean) => void} notify
 */
export function sayBox(form, input, notify) {
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    const button = /** @type {HTMLButtonElement} */ (form.querySelector('button'));
    button.disabled = true;
    try {
      await api('/api/admin/say', { text });
      // Cleared only once queued: a failed send keeps what the seller typed.
      input.value = '';
    } catch (err) {
      notify(`Sending failed: ${/** @type {Error} */ (err).message}`, true);
    } finally {
      button.disabled = false;
      input.focus();
    }
  });
}
