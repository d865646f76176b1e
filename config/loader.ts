import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Scalar } from 'yaml';
import { checkCommandNames } from './command-names.js';
import { CommandsConfig } from './schema/commands.js';
import { ConfigError, formatPath, type ConfigProblem } from './config-error.js';
import { interpolateEnv, isWholeSubstitution, readScalar } from './env-interpolation.js';
import { locateIssue } from './issue-location.js';
import { ShowConfig } from './schema/index.js';
import { explainYamlErrors } from './yaml-errors.js';

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

  if (doc.errors.length > 0) throw new ConfigError(explainYamlErrors(doc.errors, doc, source, file, lines));
  keepLongIntegersExact(doc, source);

  const problems: ConfigProblem[] = [];
  const secrets: string[] = [];
  const typed: Array<{ node: Scalar; path: string; text: string }> = [];
  /** Paths whose value came from the environment, with the variables' names, to say so in errors. */
  const fromEnv = new Map<string, string>();
  visit(doc, {
    Scalar(key, node, path) {
      if (key === 'key' || typeof node.value !== 'string' || !node.value.includes('${')) return;
      const written = node.value;
      const whole = isWholeSubstitution(written);
      const result = interpolateEnv(written, env);
      secrets.push(...result.secrets);
      node.value = result.value;
      const nodePath = pathOf(path, node);
      const names = [...written.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => `\${${m[1]}}`);
      fromEnv.set(formatPath(nodePath), names.join(', '));
      // `port: ${PORT:-443}` is a number, as it would be written bare; a string field gets the text back below.
      const value = whole ? readScalar(result.value) : result.value;
      if (value !== result.value) {
        node.value = value;
        typed.push({ node, path: formatPath(nodePath), text: result.value });
      }
      for (const name of result.missing) {
        const pos = at(node.range?.[0] ?? 0);
        problems.push({ file, line: pos.line, column: pos.col, path: formatPath(nodePath), message: `environment variable ${name} is not set` });
      }
    },
  });
  if (problems.length > 0) throw new ConfigError(problems);

  let plain = toPlain(doc, file) ?? {};
  let parsed = ShowConfig.safeParse(plain);
  if (!parsed.success && typed.length > 0) {
    // A secret or an id of digits stays the text it was where the schema wants text.
    const wantText = new Set(parsed.error.issues.filter((i) => i.code === 'invalid_type' && i.expected === 'string').map((i) => formatPath(i.path)));
    const back = typed.filter((t) => wantText.has(t.path));
    for (const t of back) t.node.value = t.text;
    if (back.length > 0) {
      plain = toPlain(doc, file) ?? {};
      parsed = ShowConfig.safeParse(plain);
    }
  }
  // Command names are checked on the commands section alone, so they are reported with every other problem.
  const commands = options.commands ? CommandsConfig.safeParse((plain as { commands?: unknown }).commands ?? {}) : undefined;
  const named = commands?.success ? checkCommandNames({ commands: commands.data }, options.commands!) : [];
  const found = [
    ...(parsed.success ? [] : parsed.error.issues.flatMap((issue) => locateIssue(doc, issue, file, at, ShowConfig))),
    ...named.flatMap((issue) => locateIssue(doc, { code: 'custom', input: undefined, ...issue }, file, at, ShowConfig)),
  ];
  if (!parsed.success || found.length > 0) {
    const told = found.map((p) => (fromEnv.has(p.path) ? { ...p, message: `${p.message} (the value comes from ${fromEnv.get(p.path)})` } : p));
    throw new ConfigError(withoutEchoes(told, doc).sort((a, b) => a.line - b.line || a.column - b.column));
  }
  return { config: parsed.data, file, secrets };
}

/**
 * A bare integer too long for a JS number (a Discord id such as 1234567890123456789) is kept as
 * its exact digits from the file: as a number it would silently lose its last digits.
 */
function keepLongIntegersExact(doc: Document, source: string): void {
  visit(doc, {
    Scalar(key, node) {
      if (key === 'key' || typeof node.value !== 'number' || Number.isSafeInteger(node.value) || node.type !== 'PLAIN' || !node.range) return;
      const text = source.slice(node.range[0], node.range[1]).trim();
      if (/^[-+]?\d+$/.test(text)) node.value = text.replace(/^\+/, '');
    },
  });
}

/**
 * A misspelt key also makes the key it meant missing ("stok" leaves no `stock`): that second
 * problem is an echo of the first, whose "did you mean stock?" already says the fix.
 */
function withoutEchoes(problems: ConfigProblem[], doc: Document): ConfigProblem[] {
  const meant = new Set(
    problems.flatMap((p) => {
      const m = /^unknown key "[^"]*"; did you mean (\S+)\?$/.exec(p.message);
      return m ? [p.path.replace(/(^|\.)[^.[\]]+$/, `$1${m[1]}`)] : [];
    }),
  );
  return problems.filter((p) => !meant.has(p.path) || doc.hasIn(pathParts(p.path)));
}

/** `products[0].stock` back to its keys, to look it up in the document. */
function pathParts(path: string): Array<string | number> {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
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
