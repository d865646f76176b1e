import type { CheckoutConfig } from '../../../config/schema/checkout.js';
import type { Secrets } from '../../shared/secrets.js';
import { toMinor } from '../money.js';
import { ProviderUnavailable } from './provider.js';

/** A YooKassa payment as API v3 returns it: only the fields showcart reads. */
export interface YooKassaPayment {
  id: string;
  status: 'pending' | 'waiting_for_capture' | 'succeeded' | 'canceled';
  paid: boolean;
  amount: { value: string; currency: string };
  confirmationUrl: string | undefined;
  metadata: Record<string, string>;
  /** Why it was cancelled (`expired_on_confirmation`, `card_expired`…), when it was. */
  cancelReason: string | undefined;
}

/** YooKassa answered a request with a 4xx: retrying the same request cannot help. */
export class YooKassaRefused extends Error {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(`YooKassa refused the request (${status}): ${detail}`);
    this.name = 'YooKassaRefused';
  }
}

/** The shop's credentials from the environment, and the variable names still unset. */
export interface YooKassaCredentials {
  shopId: string | undefined;
  secretKey: string | undefined;
  missing: string[];
}

export function yooKassaCredentials(checkout: CheckoutConfig | undefined, secrets: Secrets): YooKassaCredentials {
  const shopIdEnv = checkout?.yookassa.shopIdEnv ?? 'YOOKASSA_SHOP_ID';
  const secretKeyEnv = checkout?.yookassa.secretKeyEnv ?? 'YOOKASSA_SECRET_KEY';
  // The shop id is not secret, but reading it through Secrets keeps one way to read the environment.
  const shopId = secrets.read(shopIdEnv);
  const secretKey = secrets.read(secretKeyEnv);
  const missing = [...(shopId === undefined ? [shopIdEnv] : []), ...(secretKey === undefined ? [secretKeyEnv] : [])];
  return { shopId, secretKey, missing };
}

export interface YooKassaApiOptions {
  credentials: YooKassaCredentials;
  /** The API root (`https://api.yookassa.ru/v3`), read per call so a reloaded show file applies. */
  api: () => string;
  /** Per request; a buyer waits for the checkout, so a few seconds. */
  timeoutMs?: number;
  /** Pause before the first retry, doubled for the next. */
  backoffMs?: number;
}

/** A YooKassa payment id: UUID-like; anything else never reaches a URL path. */
export const PAYMENT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

interface Attempted {
  status: number;
  body: unknown;
}

/**
 * YooKassa API v3 over Node's fetch. A timeout, a network error, a 202 ("still processing") or a
 * 429/5xx is retried with backoff and the same Idempotence-Key, so a request that did reach
 * YooKassa before the answer was lost does not happen twice; when retries run out the caller gets
 * ProviderUnavailable. The secret key goes only into the Authorization header.
 */
export class YooKassaApi {
  private readonly timeoutMs: number;
  private readonly backoffMs: number;

  constructor(private readonly options: YooKassaApiOptions) {
    this.timeoutMs = options.timeoutMs ?? 3000;
    this.backoffMs = options.backoffMs ?? 250;
  }

  /** Creates a payment; `idempotenceKey` (≤ 64 chars) must be the same for every retry of one attempt. */
  async create(body: Record<string, unknown>, idempotenceKey: string, retries = 2): Promise<YooKassaPayment> {
    const got = await this.call('POST', '/payments', retries, body, idempotenceKey);
    return this.payment(got);
  }

  /** The payment as YooKassa knows it now; undefined when this shop has no such payment. */
  async get(id: string, retries = 1): Promise<YooKassaPayment | undefined> {
    if (!PAYMENT_ID.test(id)) return undefined;
    try {
      return this.payment(await this.call('GET', `/payments/${encodeURIComponent(id)}`, retries));
    } catch (err) {
      if (err instanceof YooKassaRefused && err.status === 404) return undefined;
      throw err;
    }
  }

  private payment(got: Attempted): YooKassaPayment {
    const payment = readPayment(got.body);
    // A 2xx we cannot read is YooKassa misbehaving, not the buyer: they may try again.
    if (!payment) throw new ProviderUnavailable('yookassa', 'the answer was not a payment');
    return payment;
  }

  private async call(method: 'GET' | 'POST', path: string, retries: number, body?: unknown, idempotenceKey?: string): Promise<Attempted> {
    const { shopId, secretKey } = this.options.credentials;
    if (shopId === undefined || secretKey === undefined) throw new ProviderUnavailable('yookassa', 'the shop id or secret key is not set');
    const headers: Record<string, string> = {
      authorization: `Basic ${Buffer.from(`${shopId}:${secretKey}`).toString('base64')}`,
      accept: 'application/json',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotenceKey !== undefined) headers['idempotence-key'] = idempotenceKey;
    const url = `${this.options.api().replace(/\/+$/, '')}${path}`;
    let failure = '';
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, this.backoffMs * 2 ** (attempt - 1)));
      let res: Response;
      try {
        res = await fetch(url, {
          method,
          headers,
          ...(body !== undefined && { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(this.timeoutMs),
          // The API never redirects; following one would send the request (and its key) elsewhere.
          redirect: 'error',
        });
      } catch (err) {
        failure = err instanceof Error && err.name === 'TimeoutError' ? `no answer within ${this.timeoutMs} ms` : 'the connection failed';
        continue;
      }
      const parsed = await res.json().catch(() => undefined);
      if (res.status === 202 || res.status === 429 || res.status >= 500) {
        failure = `answered ${res.status}`;
        continue;
      }
      if (res.status >= 400) throw new YooKassaRefused(res.status, errorText(parsed));
      return { status: res.status, body: parsed };
    }
    throw new ProviderUnavailable('yookassa', failure);
  }
}

/** `{type:'error', code, description}` as text short enough for the dashboard; YooKassa's own words, never ours with secrets. */
function errorText(body: unknown): string {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const parts = [b.code, b.description].filter((x): x is string => typeof x === 'string');
  return parts.length > 0 ? parts.join(': ').slice(0, 200) : 'no details';
}

const STATUSES = new Set(['pending', 'waiting_for_capture', 'succeeded', 'canceled']);

/** Reads a payment object from untrusted JSON; undefined when it is not one. */
export function readPayment(body: unknown): YooKassaPayment | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as Record<string, unknown>;
  const amount = b.amount as Record<string, unknown> | undefined;
  if (typeof b.id !== 'string' || !PAYMENT_ID.test(b.id) || typeof b.status !== 'string' || !STATUSES.has(b.status)) return undefined;
  if (typeof amount?.value !== 'string' || typeof amount.currency !== 'string') return undefined;
  const confirmation = b.confirmation as Record<string, unknown> | undefined;
  const metadata = typeof b.metadata === 'object' && b.metadata !== null ? (b.metadata as Record<string, unknown>) : {};
  const cancellation = b.cancellation_details as Record<string, unknown> | undefined;
  return {
    id: b.id,
    status: b.status as YooKassaPayment['status'],
    paid: b.paid === true,
    amount: { value: amount.value, currency: amount.currency },
    confirmationUrl: typeof confirmation?.confirmation_url === 'string' ? confirmation.confirmation_url : undefined,
    metadata: Object.fromEntries(Object.entries(metadata).filter((e): e is [string, string] => typeof e[1] === 'string')),
    cancelReason: typeof cancellation?.reason === 'string' ? cancellation.reason : undefined,
  };
}

/** "2490.00" RUB → 249000; undefined for anything that is not a plain decimal amount. */
export function amountMinor(value: string, currency: string): number | undefined {
  if (!/^\d{1,12}(\.\d{1,3})?$/.test(value) || !/^[A-Z]{3}$/.test(currency)) return undefined;
  return toMinor(Number(value), currency);
}
