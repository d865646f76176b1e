/**
 * Checkout Sessions as Stripe's API makes them from a form-encoded create request: the
 * validation a real account applies to what showcart sends, and the object it answers with.
 */
import { randomBytes } from 'node:crypto';

/** A Stripe API error body, as the SDK reads it. */
export interface StripeApiError {
  status: number;
  error: { type: string; message: string; param?: string; code?: string };
}

/** The part of a Checkout Session object showcart and the tests read (field names as Stripe's). */
export interface FakeSession {
  id: string;
  object: 'checkout.session';
  mode: string;
  status: 'open' | 'complete' | 'expired';
  payment_status: 'unpaid' | 'paid';
  amount_subtotal: number;
  amount_total: number;
  currency: string;
  line_items: Array<{ name: string; quantity: number; unit_amount: number; currency: string }>;
  shipping_cost: { amount_total: number } | null;
  metadata: Record<string, string>;
  client_reference_id: string | null;
  customer_email: string | null;
  success_url: string | null;
  cancel_url: string | null;
  expires_at: number;
  created: number;
  livemode: false;
  payment_intent: string | null;
  url: string | null;
}

/**
 * `a[b][0][c]=v` pairs (the SDK's encoding, like PHP's and qs's) into nested objects; numeric
 * keys become array items.
 */
export function parseStripeForm(text: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const path = key.replace(/\]/g, '').split('[');
    let node: Record<string, unknown> = root;
    path.forEach((part, i) => {
      if (i === path.length - 1) {
        node[part] = value;
        return;
      }
      const nextIsIndex = /^\d+$/.test(path[i + 1] ?? '');
      node[part] ??= nextIsIndex ? [] : {};
      node = node[part] as Record<string, unknown>;
    });
  }
  return root;
}

const fail = (message: string, param?: string): StripeApiError => ({
  status: 400,
  error: { type: 'invalid_request_error', message, ...(param !== undefined && { param }) },
});
const int = (v: unknown): number | undefined => (typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : undefined);
const record = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {});

/** Builds the session a create request asks for, or the error Stripe would answer. */
export function createSession(params: Record<string, unknown>, payUrl: (id: string) => string, now = Date.now()): FakeSession | StripeApiError {
  if (params.mode !== 'payment') return fail('Missing required param: mode.', 'mode');
  const items = Array.isArray(params.line_items) ? params.line_items.map(record) : [];
  if (items.length === 0) return fail('Missing required param: line_items.', 'line_items');
  const lines: FakeSession['line_items'] = [];
  for (const [i, item] of items.entries()) {
    const price = record(item.price_data);
    const quantity = int(item.quantity);
    const unit = int(price.unit_amount);
    const currency = price.currency;
    const name = record(price.product_data).name;
    if (quantity === undefined || quantity < 1) return fail('Invalid quantity: must be at least 1', `line_items[${i}][quantity]`);
    if (unit === undefined || unit < 0) return fail('Invalid integer', `line_items[${i}][price_data][unit_amount]`);
    if (typeof currency !== 'string' || !/^[a-z]{3}$/.test(currency)) return fail('Invalid currency', `line_items[${i}][price_data][currency]`);
    if (typeof name !== 'string' || name === '') return fail('Missing required param: name.', `line_items[${i}][price_data][product_data][name]`);
    lines.push({ name, quantity, unit_amount: unit, currency });
  }
  const currency = lines[0]!.currency;
  if (lines.some((l) => l.currency !== currency)) return fail('All line items must be in the same currency.', 'line_items');
  const rate = record(record(record(Array.isArray(params.shipping_options) ? params.shipping_options[0] : undefined).shipping_rate_data).fixed_amount);
  const shipping = rate.amount === undefined ? undefined : int(rate.amount);
  if (rate.amount !== undefined && (shipping === undefined || rate.currency !== currency))
    return fail('Invalid shipping rate', 'shipping_options[0][shipping_rate_data]');
  const created = Math.floor(now / 1000);
  const expires = params.expires_at === undefined ? created + 24 * 3600 : int(params.expires_at);
  if (expires === undefined) return fail('Invalid integer', 'expires_at');
  if (expires < created + 30 * 60) return fail('The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.', 'expires_at');
  if (expires > created + 24 * 3600) return fail('The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.', 'expires_at');
  const metadata = Object.fromEntries(Object.entries(record(params.metadata)).map(([k, v]) => [k, String(v)]));
  if (Object.keys(metadata).length > 50 || Object.values(metadata).some((v) => v.length > 500)) return fail('Invalid metadata', 'metadata');
  const reference = typeof params.client_reference_id === 'string' ? params.client_reference_id : null;
  if (reference !== null && reference.length > 200) return fail('client_reference_id is too long', 'client_reference_id');
  const subtotal = lines.reduce((s, l) => s + l.unit_amount * l.quantity, 0);
  const id = `cs_test_${randomBytes(24).toString('base64url').replace(/[-_]/g, 'a')}`;
  return {
    id,
    object: 'checkout.session',
    mode: 'payment',
    status: 'open',
    payment_status: 'unpaid',
    amount_subtotal: subtotal,
    amount_total: subtotal + (shipping ?? 0),
    currency,
    line_items: lines,
    shipping_cost: shipping === undefined ? null : { amount_total: shipping },
    metadata,
    client_reference_id: reference,
    customer_email: typeof params.customer_email === 'string' ? params.customer_email : null,
    success_url: typeof params.success_url === 'string' ? params.success_url : null,
    cancel_url: typeof params.cancel_url === 'string' ? params.cancel_url : null,
    expires_at: expires,
    created,
    livemode: false,
    payment_intent: null,
    url: payUrl(id),
  };
}

/** The session as the API returns it: line items are only given when expanded, so they stay out. */
export function publicSession(session: FakeSession): Omit<FakeSession, 'line_items'> {
  const { line_items: _lines, ...rest } = session;
  return rest;
}
