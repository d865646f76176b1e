/**
 * A local Stripe API for the real `stripe` SDK (pointed here with its host/port/protocol options):
 * Checkout Sessions (create, retrieve, expire) with Stripe's validation, idempotency keys and
 * replays, and signed webhook events sent the way Stripe sends them.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import Stripe from 'stripe';
import { closeServer, HOST, listen, readBody, sendJson } from './http-util.js';
import { Recorder } from './recorder.js';
import { createSession, parseStripeForm, publicSession, type FakeSession, type StripeApiError } from './stripe-sessions.js';

export type { FakeSession } from './stripe-sessions.js';

/** One API request as the fake received it. */
export interface StripeRequest {
  method: string;
  path: string;
  params: Record<string, unknown>;
  idempotencyKey: string | undefined;
  /** The answer's status (0 for a request left hanging). */
  status: number;
}

/** What the next requests meet: an HTTP status, or no answer at all (the SDK times out). */
export type StripeFault = { status: number } | 'hang';

export interface FakeStripeOptions {
  /** The API key the SDK must present (Bearer). */
  secretKey?: string;
  /** The webhook endpoint's signing secret events are signed with. */
  webhookSecret?: string;
}

/** A Stripe event envelope around a session, as webhooks deliver it. */
export interface StripeEventBody {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
  data: { object: unknown };
}

const apiError = (res: ServerResponse, e: StripeApiError): void => sendJson(res, e.status, { error: e.error });
const notFound = (id: string): StripeApiError => ({
  status: 404,
  error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such checkout.session: '${id}'`, param: 'session' },
});

export class FakeStripe {
  readonly secretKey: string;
  readonly webhookSecret: string;
  readonly requests = new Recorder<StripeRequest>('fake stripe');
  readonly sessions = new Map<string, FakeSession>();
  private readonly replies = new Map<string, { body: string; status: number; answer: unknown }>();
  private readonly faults: StripeFault[] = [];
  private readonly held = new Set<ServerResponse>();
  private readonly server: Server;
  private port = 0;

  private constructor(options: FakeStripeOptions) {
    this.secretKey = options.secretKey ?? `sk_test_${randomBytes(12).toString('hex')}`;
    this.webhookSecret = options.webhookSecret ?? `whsec_${randomBytes(16).toString('hex')}`;
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(options: FakeStripeOptions = {}): Promise<FakeStripe> {
    const fake = new FakeStripe(options);
    fake.port = await listen(fake.server, 0);
    return fake;
  }

  /** The API base for `checkout.stripe.api`. */
  get url(): string {
    return `http://${HOST}:${this.port}`;
  }

  /** The next `count` API requests meet `fault` (a 500 for each, or no answer). */
  failNext(count: number, fault: StripeFault): void {
    for (let i = 0; i < count; i++) this.faults.push(fault);
  }

  /** The session the buyer was sent to, by id. */
  session(id: string): FakeSession {
    const session = this.sessions.get(id);
    if (!session) throw new Error(`fake stripe: no session ${id}`);
    return session;
  }

  /** The buyer pays on Stripe's page: the session completes; returns its `checkout.session.completed` event. */
  complete(id: string, change: Partial<FakeSession> = {}): StripeEventBody {
    const session = this.session(id);
    Object.assign(session, { status: 'complete', payment_status: 'paid', payment_intent: `pi_${randomBytes(12).toString('hex')}`, url: null }, change);
    return this.event('checkout.session.completed', session);
  }

  /** The session runs out unpaid; returns its `checkout.session.expired` event. */
  expire(id: string): StripeEventBody {
    const session = this.session(id);
    Object.assign(session, { status: 'expired', url: null });
    return this.event('checkout.session.expired', session);
  }

  /** An event around a copy of `object` (its state at the time, as Stripe snapshots it). */
  event(type: string, object: unknown): StripeEventBody {
    const data = object !== null && typeof object === 'object' && 'line_items' in object ? publicSession(object as FakeSession) : object;
    return {
      id: `evt_${randomBytes(12).toString('hex')}`,
      object: 'event',
      api_version: Stripe.API_VERSION,
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
      data: { object: structuredClone(data) },
    };
  }

  /** The `Stripe-Signature` header Stripe would put on `payload` (the SDK's own test helper). */
  sign(payload: string, secret = this.webhookSecret, timestamp?: number): string {
    return Stripe.webhooks.generateTestHeaderString({ payload, secret, ...(timestamp !== undefined && { timestamp }) });
  }

  /**
   * Delivers an event to a webhook endpoint as Stripe does (JSON body, signed). `tamper` changes
   * the body after signing; `signature: null` leaves the header out.
   */
  deliver(endpoint: string, event: StripeEventBody, options: { tamper?: (body: string) => string; signature?: string | null } = {}): Promise<Response> {
    const payload = JSON.stringify(event, null, 2);
    const signature = options.signature === undefined ? this.sign(payload) : options.signature;
    return fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        ...(signature !== null && { 'stripe-signature': signature }),
      },
      body: options.tamper ? options.tamper(payload) : payload,
    });
  }

  async stop(): Promise<void> {
    for (const res of this.held) res.socket?.destroy();
    this.held.clear();
    await closeServer(this.server);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = (await readBody(req)).toString('utf8');
    const path = new URL(req.url ?? '/', this.url).pathname;
    const method = req.method ?? 'GET';
    const header = req.headers['idempotency-key'];
    const key = typeof header === 'string' ? header : undefined;
    const record = (status: number): void => this.requests.push({ method, path, params: parseStripeForm(raw), idempotencyKey: key, status });
    const fault = this.faults.shift();
    if (fault === 'hang') {
      record(0);
      this.held.add(res);
      res.on('close', () => this.held.delete(res));
      return;
    }
    if (fault) {
      record(fault.status);
      return sendJson(res, fault.status, { error: { type: 'api_error', message: 'Something went wrong on our end (fake fault).' } });
    }
    if (req.headers.authorization !== `Bearer ${this.secretKey}`) {
      record(401);
      return apiError(res, { status: 401, error: { type: 'invalid_request_error', message: 'Invalid API Key provided.' } });
    }
    const replay = key === undefined ? undefined : this.replies.get(`${method} ${path} ${key}`);
    if (replay && key !== undefined) {
      if (replay.body !== raw) {
        record(400);
        const message = `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`;
        return apiError(res, { status: 400, error: { type: 'idempotency_error', message } });
      }
      record(replay.status);
      return sendJson(res, replay.status, replay.answer, { 'idempotent-replayed': 'true', 'idempotency-key': key });
    }
    const [status, answer] = this.route(method, path, parseStripeForm(raw));
    record(status);
    // Stripe keeps the answer of a keyed POST once the endpoint ran (a request refused by validation is not kept) and replays it.
    if (key !== undefined && method === 'POST' && status === 200) this.replies.set(`${method} ${path} ${key}`, { body: raw, status, answer });
    sendJson(res, status, answer, key === undefined ? {} : { 'idempotency-key': key });
  }

  private route(method: string, path: string, params: Record<string, unknown>): [number, unknown] {
    const answer = (r: FakeSession | StripeApiError): [number, unknown] => ('error' in r ? [r.status, { error: r.error }] : [200, publicSession(r)]);
    if (method === 'POST' && path === '/v1/checkout/sessions') {
      const made = createSession(params, (id) => `${this.url}/pay/${id}`);
      if ('id' in made) this.sessions.set(made.id, made);
      return answer(made);
    }
    const match = /^\/v1\/checkout\/sessions\/([^/]+)(\/expire)?$/.exec(path);
    const session = match ? this.sessions.get(decodeURIComponent(match[1]!)) : undefined;
    if (!match) return [404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path}).` } }];
    if (!session) return answer(notFound(match[1]!));
    if (method === 'GET' && !match[2]) return answer(session);
    if (method === 'POST' && match[2]) {
      if (session.status !== 'open')
        return answer({ status: 400, error: { type: 'invalid_request_error', message: 'Only Checkout Sessions with a status in ["open"] can be expired.' } });
      Object.assign(session, { status: 'expired', url: null });
      return answer(session);
    }
    return [404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path}).` } }];
  }
}
