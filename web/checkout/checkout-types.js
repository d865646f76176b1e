// @ts-check
// What GET /api/checkout/<token> answers (orchestrator/http/checkout/checkout-view.ts), for the page's JSDoc types.

/**
 * @typedef {'open' | 'checkout' | 'paid' | 'expired' | 'cancelled'} CartStatus
 * @typedef {'ship' | 'pickup'} Delivery
 * @typedef {'packed' | 'shipped' | 'delivered' | 'cancelled' | 'refund-due'} Fulfilment
 * @typedef {{ n: number, title: string, variant: string, qty: number, unitCents: number, subtotalCents: number, discountCents: number, totalCents: number, code: string | null }} Line
 * @typedef {{ delivery: Delivery, rates: Array<{ country: string, cents: number }>, freeOverCents?: number, label: string, place?: string }} DeliveryOption
 *   `rates`: per country, "*" for every other one; `freeOverCents`: carts of at least this much ship free; `place`: where pickup is
 * @typedef {object} Cart
 * @property {string} id the public id the buyer sees in the chat
 * @property {CartStatus} status
 * @property {Line[]} lines
 * @property {number} subtotalCents
 * @property {number} discountCents
 * @property {number} itemsCents
 * @property {number | null} shippingCents fixed once the details were sent
 * @property {number | null} totalCents
 * @property {number | null} holdExpiresAt null: nothing is held (first paid, first served)
 * @property {Delivery | null} delivery
 * @property {{ name: string, city: string | null, country: string | null } | null} shipTo
 * @property {string | null} provider
 * @property {string | null} providerError
 * @property {number | null} paidAt
 * @property {Fulfilment | null} fulfilment
 * @property {string | null} tracking
 * @property {number} refundCents
 * @typedef {object} CheckoutState
 * @property {{ name: string, currency: string, digits: number, accent: string | null }} shop
 * @property {Cart} cart
 * @property {DeliveryOption[]} deliveries
 * @property {Array<{ name: string, label: string }>} providers
 * @property {boolean} testMode
 * @property {string | null} instructions
 * @property {number} now the server's clock when it answered
 */

/**
 * What POST /api/checkout/<token> answers.
 * @typedef {{ status: 'invalid', errors: Record<string, string> }
 *   | { status: 'ended', state: CheckoutState }
 *   | { status: 'failed', message: string }
 *   | { status: 'redirect', url: string, state: CheckoutState }
 *   | { status: 'instructions', text: string, state: CheckoutState }
 *   | { status: 'paid' | 'sent', state: CheckoutState }
 *   | { error: string }} SubmitAnswer
 */

export {};
