import OpenAI from 'openai';

/** Why a model call gave nothing to use. */
export type ModelFailure = 'timeout' | 'rate-limited' | 'error' | 'garbage';

/**
 * One `openai` client per server and key, made again when a reload names another `baseUrl` or the
 * key changes. Retries are off: a live chat cannot wait for them, the rules answer instead.
 */
export class ModelClient {
  private client: OpenAI | undefined;
  private clientFor: string | undefined;

  constructor(private readonly apiKey: () => string | undefined) {}

  for(baseUrl: string): OpenAI {
    const key = this.apiKey();
    const id = `${baseUrl}\u0000${key ?? ''}`;
    if (!this.client || this.clientFor !== id) {
      // A local server takes any key; the SDK insists on one.
      this.client = new OpenAI({ baseURL: baseUrl, apiKey: key ?? 'no-key', maxRetries: 0 });
      this.clientFor = id;
    }
    return this.client;
  }
}

/** What went wrong with a call, in the words the event log and the eval use. */
export function modelFailure(err: unknown): ModelFailure {
  if (err instanceof OpenAI.APIConnectionTimeoutError) return 'timeout';
  if (err instanceof OpenAI.RateLimitError) return 'rate-limited';
  if (err instanceof OpenAI.APIError) return 'error';
  // A body that is no JSON (or no completion) is garbage from the server.
  if (err instanceof SyntaxError) return 'garbage';
  return 'error';
}
