import pino from 'pino';
import type { ShowConfig } from '../../config/schema/index.js';
import { GroundedAnswers } from '../../orchestrator/features/ai/grounded-answers.js';
import { LineClassifier } from '../../orchestrator/features/ai/line-classifier.js';
import { doubtful, worthReviewing } from '../../orchestrator/features/ai/line-review.js';
import { ShowKnowledge } from '../../orchestrator/features/ai/show-knowledge.js';
import { spread } from '../../bench/measure.js';
import type { LabelledLine } from './lines.js';
import type { Prediction } from './predict.js';
import { faqOutcome, scoreFaq, scoreModeration, type FaqOutcome, type FaqScore, type ModerationScore } from './score.js';

/** Where the model half of the evaluation asks: any OpenAI-compatible server. */
export interface ModelServer {
  baseUrl: string;
  model: string;
  apiKey: string | undefined;
}

export interface ModelFigures {
  server: { baseUrl: string; model: string };
  /** Lines the product would send to the model: question-like chat lines the FAQ rules left unanswered. */
  asked: number;
  /** Of those, answers that cited an FAQ entry, answers from products only, and why the others got none. */
  answeredFromFaq: number;
  answeredFromProducts: number;
  skipped: Record<string, number>;
  /** The FAQ task as the product runs it: the rules' answer where they give one, else the model's. */
  rulesAndModel: FaqScore;
  /** Seconds per model answer. */
  latency: { n: number; p50: number; p99: number; max: number };
}

/**
 * The model half of issue 18's evaluation: every line the rules leave to the model goes through
 * the product's own `GroundedAnswers` (the same retrieval, prompt, tools and answer check), and is
 * scored with the same functions as the rules. Tools answer from the show file (no ledger here).
 */
export async function evaluateModel(
  config: ShowConfig,
  lines: readonly LabelledLine[],
  rules: readonly Prediction[],
  server: ModelServer,
): Promise<ModelFigures> {
  const knowledge = new ShowKnowledge(config);
  const answers = new GroundedAnswers({
    config: () => ({
      ...config.ai,
      enabled: true,
      baseUrl: server.baseUrl,
      model: server.model,
      timeout: 30_000,
      requestsPerMinute: 10_000,
      tokensPerMinute: 10_000_000,
    }),
    apiKey: () => server.apiKey,
    knowledge: () => knowledge,
    tools: {
      price: (sku) => config.products.find((p) => p.sku === sku) && { sku, price: config.products.find((p) => p.sku === sku)!.price },
      stock: async (sku) => ({ sku, left: 'in stock' }),
      featured: () => ({ sku: config.featured ?? null }),
    },
    language: () => config.show.language,
    log: pino({ level: 'silent' }),
  });
  const outcomes: FaqOutcome[] = [];
  const skipped: Record<string, number> = {};
  const seconds: number[] = [];
  let asked = 0;
  let fromFaq = 0;
  let fromProducts = 0;
  for (const [i, line] of lines.entries()) {
    const rule = rules[i]!;
    if (rule.command || rule.faq !== undefined || !rule.faqQuestion) {
      outcomes.push(faqOutcome(line.faq, rule.faq));
      continue;
    }
    asked++;
    const started = performance.now();
    const result = await answers.answer(line.text);
    seconds.push((performance.now() - started) / 1000);
    if (result.kind !== 'answer') {
      const why = result.kind === 'unknown' ? 'unknown' : result.reason;
      skipped[why] = (skipped[why] ?? 0) + 1;
      outcomes.push(faqOutcome(line.faq, undefined));
      continue;
    }
    const faq = result.sources.find((s) => s.id.startsWith('faq:'))?.id.slice('faq:'.length);
    if (faq !== undefined) fromFaq++;
    else fromProducts++;
    // An answer from products alone is no FAQ answer: the labels cannot judge it, so it counts as none.
    outcomes.push(faqOutcome(line.faq, faq));
  }
  return {
    server: { baseUrl: server.baseUrl, model: server.model },
    asked,
    answeredFromFaq: fromFaq,
    answeredFromProducts: fromProducts,
    skipped,
    rulesAndModel: scoreFaq(outcomes),
    latency: spread(seconds),
  };
}

export interface ReviewFigures {
  server: { baseUrl: string; model: string; via: 'prompt' | 'endpoint' };
  /** Lines the review would show the model: chat lines the rules let through, with a few letters at least. */
  asked: number;
  held: number;
  /** Lines the model gave no verdict on, by why. */
  unchecked: Record<string, number>;
  /** The moderation task as the product runs it: stopped by the rules, or held by the review. */
  rulesAndModel: ModerationScore;
  latency: { n: number; p50: number; p99: number; max: number };
}

/**
 * The review half: every line the moderation rules let through goes to the product's own
 * `LineClassifier` (the same prompt or moderation endpoint, the same hold threshold), and the
 * moderation task is scored again as rules plus review, beside the rules alone.
 */
export async function evaluateReview(
  config: ShowConfig,
  lines: readonly LabelledLine[],
  rules: readonly Prediction[],
  server: ModelServer & { via: 'prompt' | 'endpoint' },
): Promise<ReviewFigures> {
  const review = { ...config.ai.review, enabled: true, via: server.via, requestsPerMinute: 100_000 };
  const classifier = new LineClassifier({
    config: () => ({ ...config.ai, enabled: true, baseUrl: server.baseUrl, model: server.model, timeout: 10_000, review }),
    apiKey: () => server.apiKey,
    log: pino({ level: 'silent' }),
  });
  const rows: Array<{ expected: LabelledLine['moderation']; blocked: boolean }> = [];
  const unchecked: Record<string, number> = {};
  const seconds: number[] = [];
  let asked = 0;
  let held = 0;
  for (const [i, line] of lines.entries()) {
    const rule = rules[i]!;
    if (rule.rule !== undefined || rule.command || !worthReviewing(line.text)) {
      rows.push({ expected: line.moderation, blocked: rule.rule !== undefined });
      continue;
    }
    asked++;
    const started = performance.now();
    const verdict = await classifier.classify(line.text);
    seconds.push((performance.now() - started) / 1000);
    if (verdict.kind === 'failed') unchecked[verdict.reason] = (unchecked[verdict.reason] ?? 0) + 1;
    const hold = doubtful(verdict, review.holdAt);
    if (hold) held++;
    rows.push({ expected: line.moderation, blocked: hold });
  }
  return {
    server: { baseUrl: server.baseUrl, model: server.model, via: server.via },
    asked,
    held,
    unchecked,
    rulesAndModel: scoreModeration(rows),
    latency: spread(seconds),
  };
}
