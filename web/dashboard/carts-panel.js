// @ts-check
// The seller's carts: to do (payments to confirm, parcels to send), to pack, or all; each row's
// next step, and a banner when a payment provider the show offers cannot work yet.
import { api, el } from './api.js';
import { cartRow, providerLabel, timeLeft } from './cart-row.js';

/**
 * @typedef {import('./api.js').LiveEvent} LiveEvent
 * @typedef {import('./api.js').AdminState} AdminState
 * @typedef {import('./cart-row.js').AdminCart} AdminCart
 * @typedef {import('./cart-row.js').Draft} Draft
 * @typedef {import('./cart-row.js').Action} Action
 * @typedef {'todo' | 'pack' | 'all'} List
 * @typedef {HTMLLIElement & { _key?: string }} CartItem
 */

/** @type {Record<List, string>} */
const EMPTY = {
  todo: 'Nothing to do: no payment to confirm, no parcel to send.',
  pack: 'Nothing to pack: paid carts waiting to ship show here.',
  all: 'No carts yet: a buyer’s first !buy opens one.',
};

/** What a step tells the seller once done (the buyer hears it in their chat). @type {Record<Action, string>} */
const DONE = { paid: 'marked paid', packed: 'packed', shipped: 'shipped', delivered: 'delivered', cancel: 'cancelled' };

/**
 * One of the dashboard's elements; every id asked for is in dashboard/index.html.
 * @param {string} id
 */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * The variables a provider waits for, as the seller sets them.
 * @param {{ provider: string, missing: readonly string[] }} p
 */
const offText = (p) => {
  const vars = p.missing.length > 1 ? `${p.missing.slice(0, -1).join(', ')} and ${p.missing[p.missing.length - 1]}` : (p.missing[0] ?? '');
  // Secrets are read when showcart starts, so setting them is not enough on its own.
  return `${providerLabel(p.provider)} is off: set ${vars}, then restart showcart. Buyers are not offered it until then.`;
};

/** @param {(text: string, bad?: boolean) => void} notify */
export function cartsPanel(notify) {
  const list = /** @type {HTMLOListElement} */ ($('carts'));
  const empty = $('carts-empty');
  const csv = /** @type {HTMLAnchorElement} */ ($('carts-csv'));
  const filters = /** @type {HTMLButtonElement[]} */ ([...$('cart-filters').querySelectorAll('button[data-list]')]);
  /** @type {List} */
  let current = 'todo';
  /** @type {AdminCart[]} */
  let carts = [];
  /** Open forms by cart id, so a refresh from the live feed does not wipe what the seller is typing. @type {Map<number, Draft>} */
  const drafts = new Map();
  /** Carts with a call under way: their buttons stay disabled until it answers. @type {Set<number>} */
  const busy = new Set();
  /** @type {number | undefined} */
  let reloading;
  let loads = 0;

  /** Rows whose cart and form are unchanged keep their element, and with it the focus and the caret. */
  const render = () => {
    /** @type {Map<string, CartItem>} */
    const old = new Map([...list.children].map((li) => [/** @type {string} */ (/** @type {HTMLElement} */ (li).dataset.cart), /** @type {CartItem} */ (li)]));
    const rows = carts.map((c) => {
      const draft = drafts.get(c.id);
      const key = JSON.stringify([c, draft?.kind, busy.has(c.id)]);
      const kept = old.get(c.publicId);
      if (kept?._key === key) return kept;
      /** @type {CartItem} */
      const li = cartRow(c, draft, { act, draft: setDraft });
      li._key = key;
      if (busy.has(c.id)) for (const b of li.querySelectorAll('button')) b.disabled = true;
      return li;
    });
    // Only rows out of place are moved: taking out the row being typed in, even to put it back, would drop the focus.
    rows.forEach((li, i) => {
      if (list.children[i] !== li) list.insertBefore(li, list.children[i] ?? null);
    });
    while (list.children.length > rows.length) /** @type {Element} */ (list.lastElementChild).remove();
    empty.hidden = carts.length > 0;
    empty.textContent = EMPTY[current];
  };

  const load = async () => {
    const seq = ++loads;
    const data = /** @type {{ carts: AdminCart[] }} */ (await api(`/api/admin/carts?list=${current}`));
    // A slower answer to an older filter must not overwrite a newer one.
    if (seq !== loads) return;
    carts = data.carts;
    const ids = new Set(carts.map((c) => c.id));
    for (const id of drafts.keys()) if (!ids.has(id)) drafts.delete(id);
    render();
  };

  // The live feed comes in bursts (a cart paid logs its payment and each of its lines): one read after the burst.
  const reload = () => {
    clearTimeout(reloading);
    reloading = setTimeout(() => void load().catch((err) => notify(`Loading carts failed: ${err.message}`, true)), 250);
  };

  /**
   * @param {AdminCart} cart
   * @param {Draft | undefined} draft
   */
  function setDraft(cart, draft) {
    const before = drafts.get(cart.id)?.kind;
    if (draft) drafts.set(cart.id, draft);
    else drafts.delete(cart.id);
    // Typing in the tracking field changes only the draft; opening or closing a form redraws the row.
    if (before === draft?.kind) return;
    render();
    // The button pressed is gone with the redraw: keep the keyboard where the seller is working.
    const target =
      draft?.kind === 'ship'
        ? 'input[name="tracking"]'
        : draft?.kind === 'cancel'
          ? '[data-action="keep"]'
          : `[data-action="${before === 'ship' ? 'shipped' : 'cancel'}"]`;
    /** @type {HTMLElement | null} */ (list.querySelector(`li[data-cart="${cart.publicId}"] ${target}`))?.focus();
  }

  /**
   * @param {AdminCart} cart
   * @param {Action} action
   * @param {string} [tracking]
   */
  async function act(cart, action, tracking) {
    if (busy.has(cart.id)) return;
    busy.add(cart.id);
    render();
    try {
      if (action === 'paid') await api(`/api/admin/carts/${cart.id}/paid`, {});
      else await api(`/api/admin/carts/${cart.id}/fulfil`, { step: action, ...(tracking && { tracking }) });
      drafts.delete(cart.id);
      notify(`${cart.publicId} ${DONE[action]}; the buyer was told.`);
    } catch (err) {
      notify(`${cart.publicId}: ${/** @type {Error} */ (err).message}`, true);
    } finally {
      busy.delete(cart.id);
    }
    await load().catch((err) => notify(`Loading carts failed: ${err.message}`, true));
  }

  /** @param {List} next */
  const choose = (next) => {
    current = next;
    for (const b of filters) b.setAttribute('aria-pressed', String(b.dataset.list === next));
    csv.href = `/api/admin/carts?list=${next}&format=csv`;
    void load().catch((err) => notify(`Loading carts failed: ${err.message}`, true));
  };
  for (const b of filters) b.addEventListener('click', () => choose(/** @type {List} */ (b.dataset.list)));

  setInterval(() => {
    for (const span of /** @type {NodeListOf<HTMLElement>} */ (list.querySelectorAll('.hold')))
      span.textContent = timeLeft(Number(span.dataset.until) - Date.now());
  }, 1000);

  return {
    load,
    /** @param {LiveEvent} event */
    handle(event) {
      const t = event.type;
      if (t === 'order.ordered' || t.startsWith('payment.') || t.startsWith('cart.') || t.startsWith('checkout.') || t.startsWith('waitlist.')) reload();
      else if (t === 'order.expired' || t === 'order.cancelled' || t === 'order.released') reload();
    },
    /** @param {AdminState} s */
    state(s) {
      const off = s.payments?.unconfigured ?? [];
      const banner = $('payments-off');
      // The state comes every few seconds: an alert rewritten each time would be read out each time.
      const text = off.map(offText).join('\n');
      if (banner.dataset.text === text) return;
      banner.dataset.text = text;
      banner.hidden = off.length === 0;
      banner.replaceChildren(...off.map((p) => el('span', { 'data-provider': p.provider, text: offText(p) })));
    },
  };
}
