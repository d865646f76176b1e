import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenAI } from '../fakes/fake-openai.js';
import { LINES_FILE, loadLines, SHOW_FILE } from '../eval/lines.js';
import { evaluateModel, evaluateReview } from '../eval/model.js';
import { worthReviewing } from '../../orchestrator/features/ai/line-review.js';
import { scoreModeration } from '../eval/score.js';
import { loadEvalShow, predictAll } from '../eval/predict.js';

/** The model half of `npm run eval`, against the fake OpenAI-compatible server (the plumbing, not a model's quality). */
describe('the evaluation of the model half', () => {
  const server = new FakeOpenAI();
  beforeAll(() => server.start());
  afterAll(() => server.stop());

  it('GIVEN the labelled lines WHEN a model server is named THEN exactly the question lines the rules left go to it through the real client, and every line is scored once', async () => {
    const config = loadEvalShow(SHOW_FILE);
    const lines = loadLines(
      LINES_FILE,
      config.engagement.faq.entries.map((e) => e.id),
    );
    const rules = predictAll(config, lines);
    const left = rules.filter((r) => !r.command && r.faq === undefined && r.faqQuestion).length;
    const figures = await evaluateModel(config, lines, rules, { baseUrl: server.baseUrl, model: 'fake', apiKey: undefined });
    expect(figures.asked).toBe(left);
    expect(server.requests.length).toBeGreaterThan(0);
    const skipped = Object.values(figures.skipped).reduce((a, n) => a + n, 0);
    expect(figures.answeredFromFaq + figures.answeredFromProducts + skipped).toBe(left);
    const c = figures.rulesAndModel.counts;
    expect(c.correct + c.wrong + c.missed + c.silent + c.spurious).toBe(lines.length);
    expect(figures.latency.n).toBe(left);
  }, 60_000);

  it('GIVEN the labelled lines WHEN the review is measured THEN exactly the chat lines the rules let through are classified, and holding can only add to what the rules stop', async () => {
    const config = loadEvalShow(SHOW_FILE);
    const lines = loadLines(
      LINES_FILE,
      config.engagement.faq.entries.map((e) => e.id),
    );
    const rules = predictAll(config, lines);
    const passed = lines.filter((l, i) => rules[i]!.rule === undefined && !rules[i]!.command && worthReviewing(l.text)).length;
    const before = server.requests.filter((r) => r.path === '/v1/chat/completions').length;
    const figures = await evaluateReview(config, lines, rules, { baseUrl: server.baseUrl, model: 'fake', apiKey: undefined, via: 'prompt' });
    expect(figures.asked).toBe(passed);
    expect(figures.latency.n).toBe(passed);
    expect(server.requests.filter((r) => r.path === '/v1/chat/completions').length - before).toBeGreaterThan(0);
    expect(figures.held).toBeGreaterThan(0);
    const alone = scoreModeration(lines.map((l, i) => ({ expected: l.moderation, blocked: rules[i]!.rule !== undefined })));
    const stopped = (s: typeof alone) => s.harmful.tp + s.harmful.fp;
    expect(stopped(figures.rulesAndModel)).toBe(stopped(alone) + figures.held);
    expect(figures.rulesAndModel.abusive.blocked).toBeGreaterThanOrEqual(alone.abusive.blocked);
  }, 60_000);
});
