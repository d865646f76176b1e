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
import { renderReport } from './report.js';

function main(): number {
  const { values } = parseArgs({ options: { json: { type: 'string' }, show: { type: 'string' }, lines: { type: 'string' } } });
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

  // The model half of issue 18 belongs here: when the show file configures `ai:` (a model server),
  // run the same lines through the model, score them with the same functions and print them beside
  // the rules. Until the AI feature exists there is no model to ask.
  const model = null;
  console.log('\nModel: not measured (no model server configured; the AI feature of issue 18 adds it).');

  if (values.json !== undefined) {
    writeFileSync(
      values.json,
      `${JSON.stringify({ show: showFile, lines: linesFile, counts: { all: lines.length, en: count('en'), ru: count('ru') }, rules, model, examples }, null, 2)}\n`,
    );
    console.log(`Figures written to ${values.json}`);
  }
  return 0;
}

process.exitCode = main();
