/**
 * `npm run eval [-- --json FILE] [--show FILE] [--lines FILE]`: how well the rule-based question
 * detection, FAQ matcher and moderation do on the labelled chat lines of test/eval (issue 18).
 * Prints a table per task, per language and overall, and a few example errors; `--json` also
 * writes the figures. CI runs it for the rules; test/unit/eval-rules.test.ts holds the floors.
 */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '../../config/config-error.js';
import { errorExamples, figuresByLanguage } from './figures.js';
import { LINES_FILE, loadLines, SHOW_FILE } from './lines.js';
import { loadEvalShow, predictAll } from './predict.js';
import { renderReport, percent } from './report.js';
import { evaluateModel, evaluateReview, type ModelFigures, type ReviewFigures } from './model.js';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      json: { type: 'string' },
      show: { type: 'string' },
      lines: { type: 'string' },
      // An OpenAI-compatible server to measure the model half against, e.g. http://127.0.0.1:11434/v1 (Ollama).
      'ai-url': { type: 'string' },
      'ai-model': { type: 'string' },
      'ai-key-env': { type: 'string' },
      // The review's classifier: the classification prompt on --ai-model (default) or the moderation endpoint.
      'ai-review-via': { type: 'string' },
      'ai-review-model': { type: 'string' },
    },
  });
  const showFile = relative(process.cwd(), values.show ?? SHOW_FILE);
  const linesFile = relative(process.cwd(), values.lines ?? LINES_FILE);
  let config;
  try {
    config = loadEvalShow(showFile);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    return 1;
  }
  let lines;
  try {
    lines = loadLines(
      linesFile,
      config.engagement.faq.entries.map((e) => e.id),
    );
  } catch (err) {
    console.error((err as Error).message);
    return 1;
  }
  const predictions = predictAll(config, lines);
  const rules = figuresByLanguage(lines, predictions);
  const examples = errorExamples(lines, predictions);
  const count = (lang: string) => lines.filter((l) => l.lang === lang).length;
  const header = `Rules on ${lines.length} labelled lines (${count('en')} en, ${count('ru')} ru) against ${config.show.name} (${showFile})`;
  console.log(renderReport(rules, examples, header));

  // The model half: only where a model server is named (CI has none; nothing is downloaded).
  let model: ModelFigures | null = null;
  let review: ReviewFigures | null = null;
  const url = values['ai-url'] ?? process.env.SHOWCART_EVAL_AI_URL;
  if (url === undefined) {
    console.log('\nModel: not measured (name an OpenAI-compatible server with --ai-url URL [--ai-model NAME], e.g. Ollama at http://127.0.0.1:11434/v1).');
  } else {
    const keyEnv = values['ai-key-env'] ?? config.ai.apiKeyEnv;
    model = await evaluateModel(config, lines, predictions, { baseUrl: url, model: values['ai-model'] ?? config.ai.model, apiKey: process.env[keyEnv] });
    const f = model.rulesAndModel;
    console.log(
      `\nModel ${model.server.model} at ${model.server.baseUrl}: asked ${model.asked} lines the rules left; answered ${model.answeredFromFaq} from the FAQ, ${model.answeredFromProducts} from products only; none for ${JSON.stringify(model.skipped)}; ` +
        `p50 ${model.latency.p50.toFixed(2)} s, p99 ${model.latency.p99.toFixed(2)} s per answer.\n` +
        `Rules + model on the FAQ task: ${f.counts.correct} correct, ${f.counts.wrong} wrong, ${f.counts.missed} missed, ${f.counts.spurious} spurious; precision ${percent(f.precision)}, recall ${percent(f.recall)}, spurious ${percent(f.spuriousRate)}.`,
    );
    const via = values['ai-review-via'] === 'endpoint' ? 'endpoint' : 'prompt';
    const reviewModel = values['ai-review-model'] ?? config.ai.review.model ?? values['ai-model'] ?? config.ai.model;
    review = await evaluateReview(config, lines, predictions, { baseUrl: url, model: reviewModel, apiKey: process.env[keyEnv], via });
    const m = review.rulesAndModel;
    const r = rules.all.moderation;
    console.log(
      `\nReview ${review.server.model} (${via}): asked about ${review.asked} lines the rules let through, held ${review.held}; unchecked ${JSON.stringify(review.unchecked)}; ` +
        `p50 ${review.latency.p50.toFixed(2)} s, p99 ${review.latency.p99.toFixed(2)} s per line.\n` +
        `Rules + review on moderation (rules alone in brackets): abusive recall ${percent(m.abusive.recall)} (${percent(r.abusive.recall)}), scam recall ${percent(m.scam.recall)} (${percent(r.scam.recall)}), ` +
        `harmful recall ${percent(m.harmful.recall)} (${percent(r.harmful.recall)}), harmless blocked ${percent(m.harmlessBlocked)} (${percent(r.harmlessBlocked)}).`,
    );
  }

  if (values.json !== undefined) {
    writeFileSync(
      values.json,
      `${JSON.stringify({ show: showFile, lines: linesFile, counts: { all: lines.length, en: count('en'), ru: count('ru') }, rules, model, review, examples }, null, 2)}\n`,
    );
    console.log(`Figures written to ${values.json}`);
  }
  return 0;
}

process.exitCode = await main();
