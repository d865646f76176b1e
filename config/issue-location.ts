import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { formatPath, type ConfigProblem } from './config-error.js';
import { distance, nearestKey } from './nearest.js';
import { keysAt } from './schema-keys.js';

type At = (offset: number) => { line: number; col: number };

/**
 * A schema issue as a community manager reads it, at its line: a misspelt key with the nearest
 * real one, a decimal comma with the number to write, an option with the nearest allowed value.
 * An issue naming several unknown keys becomes one problem per key, each at its own line.
 */
export function locateIssue(doc: Document, issue: z.core.$ZodIssue, file: string, at: At, schema: z.ZodType): ConfigProblem[] {
  const path = issue.path.map((k) => (typeof k === 'symbol' ? String(k) : k));
  if (issue.code === 'unrecognized_keys') {
    const known = keysAt(schema, path);
    return issue.keys.map((key) => {
      const near = nearestKey(key, known);
      const hint = near
        ? `did you mean ${near}?`
        : known.length > 0
          ? `the keys here are ${known.join(', ')}`
          : 'check the spelling against config/shows/demo.yaml';
      return problemAt(doc, [...path, key], `unknown key "${key}"; ${hint}`, file, at, true);
    });
  }
  return [problemAt(doc, path, explain(issue, doc.getIn(path, true)), file, at, false)];
}

function explain(issue: z.core.$ZodIssue, node: unknown): string {
  const scalar = isScalar(node) ? node : undefined;
  const value = scalar?.value;
  const text = typeof value === 'string' ? value : undefined;
  const wantsNumber = (issue.code === 'invalid_type' && issue.expected === 'number') || issue.code === 'invalid_union';
  if (text !== undefined && wantsNumber && /^[-+]?\d+,\d+$/.test(text.trim())) {
    return `"${text}" is not a number: write ${text.trim().replace(',', '.')} (a decimal point, not a comma)`;
  }
  if (text !== undefined && wantsNumber && scalar?.type === 'PLAIN' && /^[-+]?\d{16,}$/.test(text)) {
    return `${text} is too large a number here; check the figure`;
  }
  if (issue.code === 'invalid_type' && text !== undefined && (issue.expected === 'number' || issue.expected === 'boolean')) {
    return `expected ${issue.expected === 'number' ? 'a number' : 'true or false'}, got the text "${text}"`;
  }
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) {
    return `is required (${issue.message.replace(/^Invalid input: /, '')})`;
  }
  if (issue.code === 'invalid_type' && issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    return `expected text, got ${typeof value === 'number' ? 'the number' : 'the value'} ${String(value)}: put it in quotes, "${scalar?.source ?? String(value)}"`;
  }
  const options = issue.code === 'invalid_value' ? issue.values.filter((v): v is string => typeof v === 'string') : [];
  if (issue.code === 'invalid_value' && text !== undefined && options.length > 0 && options.length === issue.values.length) {
    // Options are few and short: allow two typos ("payed" for paid), not the one a key gets.
    const near = options.find((o) => distance(text.toLowerCase(), o.toLowerCase()) <= 2);
    return `"${text}" is not one of ${options.join(', ')}${near ? `; did you mean ${near}?` : ''}`;
  }
  return issue.message;
}

function problemAt(doc: Document, path: Array<string | number>, message: string, file: string, at: At, atKey: boolean): ConfigProblem {
  const place = locate(doc, path);
  const pos = at(atKey || place.value === undefined ? place.key : place.value);
  return { file, line: pos.line, column: pos.col, path: formatPath(path), message };
}

/**
 * Offsets of the deepest node on the path that exists, as its key and its value:
 * a missing key is reported where its parent is, a bad value at the value.
 */
function locate(doc: Document, path: ReadonlyArray<string | number>): { key: number; value?: number } {
  let node: unknown = doc.contents;
  let key = doc.contents?.range?.[0] ?? 0;
  let value: number | undefined = key;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === step);
      // A missing key is shown where the keys of its block start.
      if (!pair) return { key: value ?? key };
      const valueNode = pair.value as Node | null;
      key = (pair.key as Node | null)?.range?.[0] ?? key;
      value = valueNode?.range?.[0];
      node = valueNode;
    } else if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step] as Node | undefined;
      if (!item) return { key };
      key = item.range?.[0] ?? key;
      value = key;
      node = item;
    } else {
      return { key };
    }
  }
  // A whole block (map or list) that is wrong is easiest to find by its key.
  return isMap(node) || isSeq(node) ? { key } : { key, value };
}
