import { z } from 'zod';
import { Duration } from './primitives.js';

/**
 * The AI helper, off by default: any OpenAI-compatible server (Ollama, llama.cpp, vLLM, OpenAI).
 * It answers questions the FAQ rules cannot, only from the show's FAQ and products, citing them;
 * prices and stock come from the ledger through tools, never from the model.
 */
/**
 * A second look at the lines the moderation rules let through: doubtful ones are held for a
 * moderator instead of being relayed. The model is asked with a classification prompt (`prompt`,
 * any chat model, Ollama included) or through the moderation endpoint (`endpoint`, OpenAI's
 * /v1/moderations). An honest line never waits longer than `wait`: past it the line goes on and
 * is reviewed after.
 */
export const AiReviewConfig = z
  .strictObject({
    enabled: z.boolean().default(false),
    via: z.enum(['prompt', 'endpoint'], { error: 'expected prompt or endpoint' }).default('prompt'),
    /** The model to ask; the chat model by default (for `endpoint`: e.g. omni-moderation-latest). */
    model: z.string().trim().min(1).max(200).optional(),
    /** The longest an honest line waits for its verdict, in seconds (0.3 = 300 ms). */
    wait: Duration.prefault(0.3),
    /** How sure the model must be (0–1) before a line is held. */
    holdAt: z.number().min(0).max(1).default(0.5),
    /** Lines classified per minute at most; past it lines go on unchecked. */
    requestsPerMinute: z.number().int().positive().max(100_000).default(300),
  })
  .default({ enabled: false, via: 'prompt', wait: 300, holdAt: 0.5, requestsPerMinute: 300 });
export type AiReviewConfig = z.infer<typeof AiReviewConfig>;

export const AiConfig = z
  .strictObject({
    enabled: z.boolean().default(false),
    /** The server's OpenAI-compatible API root, e.g. http://127.0.0.1:11434/v1 for Ollama. */
    baseUrl: z.url({ error: 'expected a URL such as http://127.0.0.1:11434/v1' }).default('http://127.0.0.1:11434/v1'),
    model: z.string().trim().min(1).max(200).default('llama3.1'),
    /** The environment variable holding the API key; a local server usually needs none. */
    apiKeyEnv: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]*$/, 'expected an environment variable name such as OPENAI_API_KEY')
      .default('OPENAI_API_KEY'),
    /** suggest: the dashboard shows a draft to send or edit; auto: posted when it cites a source. */
    mode: z.enum(['suggest', 'auto'], { error: 'expected suggest or auto' }).default('suggest'),
    /** One request's limit; past it the question is left to the rules. */
    timeout: Duration.prefault(8),
    requestsPerMinute: z.number().int().positive().max(10_000).default(30),
    tokensPerMinute: z.number().int().positive().max(10_000_000).default(40_000),
    review: AiReviewConfig,
  })
  .default({
    enabled: false,
    baseUrl: 'http://127.0.0.1:11434/v1',
    model: 'llama3.1',
    apiKeyEnv: 'OPENAI_API_KEY',
    mode: 'suggest',
    timeout: 8000,
    requestsPerMinute: 30,
    tokensPerMinute: 40_000,
    review: { enabled: false, via: 'prompt', wait: 300, holdAt: 0.5, requestsPerMinute: 300 },
  });
export type AiConfig = z.infer<typeof AiConfig>;
