import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { checkCommandNames } from './command-names.js';
import { CommandsConfig } from './schema/commands.js';
import { ConfigError, formatPath, type ConfigProblem } from './config-error.js';
import { interpolateEnv } from './env-interpolation.js';
import { ShowConfig } from './schema/index.js';

export interface LoadedShow {
  config: ShowConfig;
  file: string;
  /** Values that came from secret-looking environment variables; the logger masks them. */
  secrets: string[];
}

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
  /** How the file is named in messages; defaults to its path relative to the working directory. */
  displayName?: string;
  /** The names of the commands showcart has: `commands.aliases` and `commands.disabled` are checked against them. */
  commands?: readonly string[];
}

/** Reads, interpolates and validates a show file; throws ConfigError naming file, line, column and key. */
export function loadShowFile(file: string, options: LoadOptions = {}): LoadedShow {
  const name = options.displayName ?? relative(process.cwd(), file);
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (err as Error).message;
    throw new ConfigError([{ file: name, line: 0, column: 0, path: '', message: reason }]);
  }
  return parseShow(source, name, options.env ?? process.env, { ...(options.commands && { commands: options.commands }) });
}

/**
 * The pure part of loading: text in, a validated show (or every problem found) out. With `commands`
 * (the names of the commands showcart has), `commands.aliases` and `commands.disabled` are checked too.
 */
export function parseShow(source: string, file: string, env: NodeJS.ProcessEnv, options: { commands?: readonly string[] } = {}): LoadedShow {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => lines.linePos(offset);

  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((e) => {
        const pos = at(e.pos[0]);
        return { file, line: pos.line, column: pos.col, path: '', message: firstLine(e.message) };
      }),
    );
  }

  const problems: ConfigProblem[] = [];
  const secrets: string[] = [];
  visit(doc, {
    Scalar(key, node, path) {
      if (key === 'key' || typeof node.value !== 'string' || !node.value.includes('${')) return;
      const result = interpolateEnv(node.value, env);
      node.value = result.value;
      secrets.push(...result.secrets);
      for (const name of result.missing) {
        const pos = at(node.range?.[0] ?? 0);
        problems.push({ file, line: pos.line, column: pos.col, path: formatPath(pathOf(path, node)), message: `environment variable ${name} is not set` });
      }
    },
  });
  if (problems.length > 0) throw new ConfigError(problems);

  const plain = toPlain(doc, file) ?? {};
  const parsed = ShowConfig.safeParse(plain);
  // Command names are checked on the commands section alone, so they are reported with every other problem.
  const commands = options.commands ? CommandsConfig.safeParse((plain as { commands?: unknown }).commands ?? {}) : undefined;
  const named = commands?.success ? checkCommandNames({ commands: commands.data }, options.commands!) : [];
  const found = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => locateIssue(doc, issue, file, at))),
    ...named.map((issue) => locateIssue(doc, { code: 'custom', input: undefined, ...issue }, file, at)),
  ];
  if (!parsed.success || found.length > 0) throw new ConfigError(found.sort((a, b) => a.line - b.line || a.column - b.column));
  return { config: parsed.data, file, secrets };
}

/** The document as plain values; the yaml library refuses alias bombs here, and the file is named for it. */
function toPlain(doc: Document, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: 1000 });
  } catch (err) {
    const reason = err instanceof Error ? firstLine(err.message) : String(err);
    throw new ConfigError([{ file, line: 1, column: 1, path: '', message: `the file expands too much through YAML aliases (*name): ${reason}` }]);
  }
}

function locateIssue(doc: Document, issue: z.core.$ZodIssue, file: string, at: (o: number) => { line: number; col: number }): ConfigProblem {
  let path = issue.path.map((k) => (typeof k === 'symbol' ? String(k) : k));
  let message = issue.message;
  let atKey = false;
  if (issue.code === 'unrecognized_keys') {
    // Point at the stray key itself, not at the object holding it.
    path = [...path, issue.keys[0]!];
    message = `unknown key${issue.keys.length > 1 ? `s ${issue.keys.join(', ')}` : ''}; check the spelling against config/shows/demo.yaml`;
    atKey = true;
  } else if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) {
    message = `is required (${issue.message.replace(/^Invalid input: /, '')})`;
  }
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

function pathOf(ancestors: ReadonlyArray<unknown>, node: unknown): Array<string | number> {
  const out: Array<string | number> = [];
  const chain = [...ancestors, node];
  for (let i = 0; i < chain.length - 1; i++) {
    const parent = chain[i];
    const child = chain[i + 1];
    if (isSeq(parent)) out.push(parent.items.indexOf(child));
    else if (isMap(parent)) {
      const pair = parent.items.find((p) => p === child);
      if (pair && isScalar(pair.key)) out.push(String(pair.key.value));
    }
  }
  return out;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
