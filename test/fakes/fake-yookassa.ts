/**
 * A local YooKassa API v3 for tests: payments with a redirect confirmation, Basic auth with the
 * shop id and secret key, Idempotence-Key on every create (the same key gives back the same
 * payment, as YooKassa does for 24 hours), and notifications posted the way YooKassa sends them
 * (`{type: 'notification', event, object}`, unsigned). Node builtins only.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { closeServer, HOST, listen, readBody, sendJson } from './http-util.js';
import { Recorder } from './recorder.js';

export interface FakeYooKassaOptions {
  shopId: string;
  secretKey: string;
  port?: number;
}

export interface YooKassaPaymentObject {
  id: string;
  status: 'pending' | 'waiting_for_capture' | 'succeeded' | 'canceled';
  paid: boolean;
  amount: { value: string; currency: string };
  confirmation?: { type: 'redirect'; confirmation_url: string; return_url: string };
  created_at: string;
  captured_at?: string;
  description?: string;
  metadata: Record<string, string>;
  recipient: { account_id: string; gateway_id: string };
  refundable: boolean;
  test: boolean;
  cancellation_details?: { party: string; reason: string };
  payment_method?: Record<string, unknown>;
}

/** One request the fake received; the Authorization header is kept only as "was it right". */
export interface YooKassaRequest {
  method: string;
  path: string;
  idempotenceKey: string | undefined;
  authorized: boolean;
  body: unknown;
  /** What the fake did: answered with a status, or a fault it met. */
  outcome: number | 'hang' | 'drop';
}

/**
 * `500`: answer 500 without doing anything. `hang`: never answer (cut when the fake stops).
 * `drop`: do the work (a create makes its payment), then cut the connection before answering:
 * the request reached YooKassa but its answer was lost.
 */
export type YooKassaFault = 500 | 'hang' | 'drop';

export class FakeYooKassa {
  readonly requests = new Recorder<YooKassaRequest>('yookassa requests');
  readonly payments = new Map<string, YooKassaPaymentObject>();
  private readonly byKey = new Map<string, { payment: string; body: string }>();
  private readonly faults: YooKassaFault[] = [];
  private readonly held = new Set<ServerResponse>();
  private port = 0;

  private constructor(
    private readonly server: Server,
    private readonly options: FakeYooKassaOptions,
  ) {}

  static async start(options: FakeYooKassaOptions): Promise<FakeYooKassa> {
    const server = createServer();
    const fake = new FakeYooKassa(server, options);
    server.on('request', (req, res) => void fake.handle(req, res));
    fake.port = await listen(server, options.port ?? 0);
    return fake;
  }

  /** `http://127.0.0.1:<port>`; the API is under `/v3`. */
  get url(): string {
    return `http://${HOST}:${this.port}`;
  }

  /** The next `times` API requests meet `fault`. */
  failNext(fault: YooKassaFault, times = 1): void {
    for (let i = 0; i < times; i++) this.faults.push(fault);
  }

  /** Payment creations that were answered or dropped (each made its payment or returned one). */
  creates(): YooKassaRequest[] {
    return this.requests.items.filter((r) => r.method === 'POST' && r.path === '/v3/payments');
  }

  /** The buyer paid on YooKassa's page. */
  succeed(id: string): YooKassaPaymentObject {
    return this.update(id, {
      status: 'succeeded',
      paid: true,
      captured_at: new Date().toISOString(),
      refundable: true,
      payment_method: { type: 'bank_card', id, saved: false, title: 'Bank card *4477' },
    });
  }

  /** The payment failed or ran out on YooKassa's side. */
  cancel(id: string, reason = 'expired_on_confirmation'): YooKassaPaymentObject {
    return this.update(id, { status: 'canceled', paid: false, cancellation_details: { party: 'yoo_money', reason } });
  }

  /**
   * Posts a notification to `target` as YooKassa does. `object` defaults to the payment as the fake
   * knows it; pass one to send what a forger would (an unknown id, a status the API does not confirm).
   */
  notify(target: string, event: string, object: unknown): Promise<Response> {
    return fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'notification', event, object }),
      signal: AbortSignal.timeout(10_000),
    });
  }

  async stop(): Promise<void> {
    for (const res of this.held) res.socket?.destroy();
    this.held.clear();
    await closeServer(this.server);
  }

  private update(id: string, change: Partial<YooKassaPaymentObject>): YooKassaPaymentObject {
    const payment = this.payments.get(id);
    if (!payment) throw new Error(`fake yookassa: no payment ${id}`);
    const { confirmation: _gone, ...rest } = payment;
    // A final payment has no confirmation left to follow.
    const next = { ...rest, ...change };
    this.payments.set(id, next);
    return next;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req).catch(() => Buffer.alloc(0));
    const path = new URL(req.url ?? '/', this.url).pathname;
    const record = (outcome: YooKassaRequest['outcome'], body: unknown) =>
      this.requests.push({ method: req.method ?? '', path, idempotenceKey: header(req, 'idempotence-key'), authorized: this.authorized(req), body, outcome });
    let body: unknown;
    try {
      body = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : undefined;
    } catch {
      body = raw.toString('utf8');
    }
    const fault = this.faults.shift();
    if (fault === 'hang') {
      this.held.add(res);
      res.on('close', () => this.held.delete(res));
      record('hang', body);
      return;
    }
    if (fault === 500) {
      record(500, body);
      return sendJson(res, 500, { type: 'error', id: randomUUID(), code: 'internal_server_error', description: 'Internal server error' });
    }
    const [status, answer] = this.route(req, path, raw, body);
    if (fault === 'drop') {
      record('drop', body);
      req.socket.destroy();
      return;
    }
    record(status, body);
    sendJson(res, status, answer);
  }

  private route(req: IncomingMessage, path: string, raw: Buffer, body: unknown): [number, unknown] {
    if (!this.authorized(req)) return [401, error('invalid_credentials', 'Login or password are invalid')];
    if (req.method === 'POST' && path === '/v3/payments') return this.create(header(req, 'idempotence-key'), raw.toString('utf8'), body);
    const got = /^\/v3\/payments\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && got) {
      const payment = this.payments.get(decodeURIComponent(got[1]!));
      return payment ? [200, payment] : [404, error('not_found', 'Incorrect payment_id. Payment doesn’t exist or access denied')];
    }
    return [404, error('not_found', 'No such endpoint')];
  }

  private create(key: string | undefined, raw: string, body: unknown): [number, unknown] {
    if (key === undefined || key.length > 64) return [400, error('invalid_request', 'Idempotence-Key header is missing or longer than 64 characters')];
    const earlier = this.byKey.get(key);
    if (earlier) {
      if (earlier.body !== raw) return [400, error('invalid_request', 'Idempotence key duplicated with other request parameters')];
      return [200, this.payments.get(earlier.payment)];
    }
    const problem = invalid(body);
    if (problem) return [400, error('invalid_request', problem)];
    const b = body as {
      amount: { value: string; currency: string };
      description?: string;
      metadata?: Record<string, string>;
      confirmation: { return_url: string };
    };
    const id = `${randomUUID().slice(0, 8)}-000f-5000-8000-${randomUUID().slice(-12)}`;
    const payment: YooKassaPaymentObject = {
      id,
      status: 'pending',
      paid: false,
      amount: b.amount,
      confirmation: { type: 'redirect', confirmation_url: `${this.url}/checkout/payments/v2/contract?orderId=${id}`, return_url: b.confirmation.return_url },
      created_at: new Date().toISOString(),
      ...(b.description !== undefined && { description: b.description }),
      metadata: b.metadata ?? {},
      recipient: { account_id: this.options.shopId, gateway_id: '100700' },
      refundable: false,
      test: true,
    };
    this.payments.set(id, payment);
    this.byKey.set(key, { payment: id, body: raw });
    return [200, payment];
  }

  private authorized(req: IncomingMessage): boolean {
    const expected = `Basic ${Buffer.from(`${this.options.shopId}:${this.options.secretKey}`).toString('base64')}`;
    return header(req, 'authorization') === expected;
  }
}

/** What YooKassa checks of a create request, in its own words where they matter to a test. */
function invalid(body: unknown): string | undefined {
  type Loose = { value?: unknown; currency?: unknown; type?: unknown; return_url?: unknown };
  const b = (typeof body === 'object' && body !== null ? body : {}) as { amount?: Loose; confirmation?: Loose; description?: unknown; metadata?: object };
  if (typeof b.amount?.value !== 'string' || !/^\d+\.\d{2}$/.test(b.amount.value)) return 'amount.value must be a string such as "2490.00"';
  if (typeof b.amount?.currency !== 'string' || !/^[A-Z]{3}$/.test(b.amount.currency)) return 'amount.currency must be an ISO 4217 code';
  if (b.confirmation?.type !== 'redirect' || typeof b.confirmation.return_url !== 'string') return 'confirmation.return_url is required for redirect';
  if (b.description !== undefined && (typeof b.description !== 'string' || b.description.length > 128)) return 'description is longer than 128 characters';
  if (b.metadata !== undefined && Object.values(b.metadata).some((v) => typeof v !== 'string' || v.length > 512)) return 'metadata values must be strings';
  return undefined;
}

function error(code: string, description: string) {
  return { type: 'error', id: randomUUID(), code, description };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
