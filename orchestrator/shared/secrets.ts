/**
 * Every secret value showcart has read from the environment. The logger and error replies mask
 * them, so a library error that quotes a URL with a bot token in it never leaks the token.
 */
export class Secrets {
  private readonly values = new Set<string>();

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  /** Reads a secret from the environment and remembers it for masking; undefined when unset or empty. */
  read(name: string): string | undefined {
    const value = this.env[name];
    if (value === undefined || value.trim() === '') return undefined;
    this.remember(value);
    return value;
  }

  remember(value: string): void {
    // Very short values would mask ordinary words; real tokens and keys are long.
    if (value.length >= 6) this.values.add(value);
  }

  mask(text: string): string {
    let out = text;
    for (const value of this.values) if (out.includes(value)) out = out.split(value).join(maskValue(value));
    return out;
  }

  /** Deep copy of a log payload with every secret masked, in strings and in error messages and stacks. */
  scrub(value: unknown, depth = 0): unknown {
    if (this.values.size === 0 || depth > 6) return value;
    if (typeof value === 'string') return this.mask(value);
    if (value instanceof Error) {
      const copy = new Error(this.mask(value.message));
      copy.name = value.name;
      copy.stack = value.stack === undefined ? undefined : this.mask(value.stack);
      for (const [k, v] of Object.entries(value)) (copy as unknown as Record<string, unknown>)[k] = this.scrub(v, depth + 1);
      return copy;
    }
    if (Array.isArray(value)) return value.map((v) => this.scrub(v, depth + 1));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.scrub(v, depth + 1)]));
    }
    return value;
  }
}

/** "abcd…wxyz" style masking keeps enough to tell two keys apart, never enough to use one. */
export function maskValue(value: string): string {
  return value.length <= 8 ? '****' : `${value.slice(0, 2)}****${value.slice(-2)}`;
}
