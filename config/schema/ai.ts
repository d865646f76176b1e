import { z } from 'zod';
import { Duration } from './primitives.js';

/**
 * The AI helper, off by default: any OpenAI-compatible server (Ollama, llama.cpp, vLLM, OpenAI).
 * It answers questions the FAQ rules cannot, only from the show's FAQ and products, citing them;
 * prices and stock come from the ledger through tools, never from the model.
 */
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
  });
export type AiConfig = z.infer<typeof AiConfig>;
