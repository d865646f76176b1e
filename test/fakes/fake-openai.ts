/**
 * A fake OpenAI-compatible server (what Ollama, llama.cpp, vLLM and OpenAI itself answer at
 * /v1/chat/completions), for the real `openai` client: chat completions with tool calls, usage
 * figures, and the failures a model server has (429 with Retry-After, a hang, a body that is no
 * JSON). Its default "model" is small and honest: it calls the price or stock tool when the
 * question asks for them, then answers from the first source the system prompt lists, citing it.
 * Tests script other replies (a prompt injection that obeys, a refusal) with `next`. It also
 * classifies chat lines, as the review asks: by the classification prompt or at /v1/moderations,
 * where a few telltale words make a line abusive or a scam.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { HOST, readBody } from './http-util.js';

export interface ChatRequest {
  model: string;
  messages: Array<{ role: string; content?: string | null; tool_calls?: unknown[]; tool_call_id?: string }>;
  tools?: Array<{ type: string; function: { name: string } }>;
  /** A /v1/moderations request's text. */
  input?: string;
}

/** A /v1/moderations result: the flag and the scores by OpenAI's category names. */
export interface FakeModeration {
  flagged: boolean;
  scores: Record<string, number>;
}

/** One reply: words, tool calls, an HTTP failure, no answer at all, or bytes that are no JSON. */
export type FakeReply =
  | { content: string }
  | { toolCalls: Array<{ name: string; arguments: Record<string, unknown> }> }
  | { status: number; retryAfter?: number }
  | { hang: true }
  | { garbage: string }
  | { moderation: FakeModeration }
  /** The reply, after a while (a slow server). */
  | { delay: number; then: FakeReply };

export class FakeOpenAI {
  /** Every request, in arrival order, with the key it carried. */
  readonly requests: Array<{ path: string; body: ChatRequest; authorization: string | undefined }> = [];
  private readonly queued: FakeReply[] = [];
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private counter = 0;

  /** The replies to give next, in order, before the default model answers again. */
  next(...replies: FakeReply[]): void {
    this.queued.push(...replies);
  }

  get baseUrl(): string {
    return `http://${HOST}:${(this.server?.address() as AddressInfo).port}/v1`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, HOST, resolve));
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0]!;
    if (req.method !== 'POST' || (path !== '/v1/chat/completions' && path !== '/v1/moderations'))
      return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
    let body: ChatRequest;
    try {
      body = JSON.parse((await readBody(req)).toString('utf8')) as ChatRequest;
    } catch {
      return void res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":{"message":"body is no JSON"}}');
    }
    this.requests.push({ path, body, authorization: req.headers.authorization });
    let reply = this.queued.shift() ?? (path === '/v1/moderations' ? { moderation: moderate(body.input ?? '') } : honestModel(body));
    while ('delay' in reply) {
      const { delay, then } = reply;
      await new Promise((resolve) => setTimeout(resolve, delay));
      reply = then;
    }
    if ('hang' in reply) return;
    if ('garbage' in reply) return void res.writeHead(200, { 'content-type': 'application/json' }).end(reply.garbage);
    if ('status' in reply) {
      res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.retryAfter !== undefined && { 'retry-after': String(reply.retryAfter) }) });
      return void res.end(JSON.stringify({ error: { message: reply.status === 429 ? 'Rate limit reached' : 'server error', type: 'requests' } }));
    }
    const id = ++this.counter;
    if ('moderation' in reply) {
      const { flagged, scores } = reply.moderation;
      const categories = Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, v >= 0.5]));
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ id: `modr-${id}`, model: body.model, results: [{ flagged, categories, category_scores: scores }] }));
    }
    const message =
      'content' in reply
        ? { role: 'assistant', content: reply.content }
        : {
            role: 'assistant',
            content: null,
            tool_calls: reply.toolCalls.map((c, i) => ({
              id: `call_${id}_${i}`,
              type: 'function',
              function: { name: c.name, arguments: JSON.stringify(c.arguments) },
            })),
          };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id: `chatcmpl-${id}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: body.model,
        choices: [{ index: 0, message, finish_reason: 'content' in reply ? 'stop' : 'tool_calls' }],
        usage: { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 },
      }),
    );
  }
}

// The fake's whole idea of abuse and scams: enough to tell a test's doubtful line from an honest one.
const ABUSIVE = /\b(dumb|ugly|idiot|stupid|loser)\b|тупая|уродина|идиот/iu;
const SCAM = /\b(dm me|earn \$|free followers)\b|пишите в лс|заработок/iu;

function labelOf(text: string): { label: string; confidence: number } {
  if (ABUSIVE.test(text)) return { label: 'abusive', confidence: 0.9 };
  if (SCAM.test(text)) return { label: 'scam', confidence: 0.85 };
  return { label: 'fine', confidence: 0.95 };
}

function moderate(input: string): FakeModeration {
  const { label, confidence } = labelOf(input);
  const scores = { harassment: label === 'abusive' ? confidence : 0.01, illicit: label === 'scam' ? confidence : 0.01, hate: 0.01 };
  return { flagged: label !== 'fine', scores };
}

/** A tiny model that does what the system prompt asks: tools for prices and stock, then the first source, cited. */
function honestModel(body: ChatRequest): FakeReply {
  const system = body.messages.find((m) => m.role === 'system')?.content ?? '';
  // The review's classification prompt: the line is the user message, in triple quotes.
  if (system.startsWith('You moderate the chat')) {
    const line = /"""([\s\S]*)"""/.exec(body.messages.find((m) => m.role === 'user')?.content ?? '')?.[1] ?? '';
    return { content: JSON.stringify(labelOf(line)) };
  }
  const question = body.messages.find((m) => m.role === 'user')?.content ?? '';
  const sources = [...system.matchAll(/^\[((?:faq|product):[A-Za-z0-9_-]+)\] ([^:\n]*): (.*)$/gm)].map((m) => ({ id: m[1]!, title: m[2]!, text: m[3]! }));
  const tools = body.messages.filter((m) => m.role === 'tool').map((m) => m.content ?? '');
  const product = sources.find((s) => s.id.startsWith('product:'));
  const asks = /how much|price|cost|сколько стоит|цена/i.test(question) ? 'price' : /in stock|left|how many|остал/i.test(question) ? 'stock' : undefined;
  if (asks && product && tools.length === 0) return { toolCalls: [{ name: asks, arguments: { sku: product.id.slice('product:'.length) } }] };
  if (asks && product && tools.length > 0) {
    const result = JSON.parse(tools[0]!) as { prices?: string; left?: string };
    return { content: `${product.title}: ${result.prices ?? result.left ?? ''} [${product.id}]` };
  }
  const first = sources[0];
  return first ? { content: `${first.text} [${first.id}]` } : { content: 'UNKNOWN' };
}
