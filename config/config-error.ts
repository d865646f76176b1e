/** One problem in a show file, located for a human: file, line, column and the key path. */
export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  /** e.g. products[2].price; empty for the document itself. */
  path: string;
  message: string;
}

/** A show file that cannot be used; its message lists every problem as `file:line:col path: message`. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
  }
}

export function formatProblem(p: ConfigProblem): string {
  return `${p.file}:${p.line}:${p.column} ${p.path ? `${p.path}: ` : ''}${p.message}`;
}

/** Renders a zod-style path as people write it in YAML discussions: products[2].price */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out === '' ? String(key) : `${out}.${String(key)}`;
  }, '');
}
