import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** What to check: `include`/`exclude` are CSS selectors; `exclude` only for third-party markup we cannot change. */
export interface AxeOptions {
  include?: string[];
  exclude?: string[];
  /** Rule ids to turn off for this run; keep it empty unless the reason is written next to the call. */
  disableRules?: string[];
}

/** The WCAG 2.0/2.1/2.2 A and AA rule sets the storefront issue asks for. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let axeSource: string | undefined;

/** axe-core's browser build, read from node_modules: nothing is downloaded when the tests run. */
function axeScript(): string {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: AxeNode[];
}

/**
 * Runs axe-core in `page` and returns its serious and critical WCAG A/AA violations as one readable line per
 * element (`rule [impact] selector: what to fix`); an empty list means the page passes.
 */
export async function axeViolations(page: Page, options: AxeOptions = {}): Promise<string[]> {
  // Our pages send `script-src 'self'`, so a <script> tag with axe's text would be refused; page.evaluate goes
  // through the DevTools protocol, which CSP does not govern. A string keeps this file free of DOM types.
  const loaded = (await page.evaluate('typeof window.axe')) === 'object';
  if (!loaded) await page.evaluate(axeScript());
  const context = { include: options.include ?? ['html'], exclude: options.exclude ?? [] };
  const rules = Object.fromEntries((options.disableRules ?? []).map((id) => [id, { enabled: false }]));
  const runOptions = { runOnly: { type: 'tag', values: WCAG_TAGS }, rules, resultTypes: ['violations'] };
  const violations = await page.evaluate<AxeViolation[]>(`window.axe.run(${JSON.stringify(context)}, ${JSON.stringify(runOptions)}).then((r) => r.violations)`);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} [${v.impact}] ${n.target.map(String).join(' ')}: ${v.help} — ${oneLine(n.failureSummary)}`));
}

function oneLine(text: string | undefined): string {
  return (text ?? '').replace(/\s*\n\s*/g, '; ').trim();
}
