import { parse } from 'yaml';

const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;
const SECRET_NAME = /TOKEN|SECRET|PASSWORD|PASS|KEY|CREDENTIAL/i;

export interface Interpolated {
  value: string;
  /** Variables that were referenced but are not set (and had no default). */
  missing: string[];
  /** Values taken from variables whose names say they are secrets; the logger masks them. */
  secrets: string[];
}

/** Replaces `${VAR}` and `${VAR:-default}` with values from `env`; `$${` stays a literal `${`. */
export function interpolateEnv(text: string, env: NodeJS.ProcessEnv): Interpolated {
  const missing: string[] = [];
  const secrets: string[] = [];
  const escaped = text.split('$${');
  const value = escaped
    .map((part) =>
      part.replace(PLACEHOLDER, (_match, name: string, fallback: string | undefined) => {
        const found = env[name];
        if (found !== undefined && found !== '') {
          if (SECRET_NAME.test(name)) secrets.push(found);
          return found;
        }
        if (fallback !== undefined) return fallback;
        missing.push(name);
        return '';
      }),
    )
    .join('${');
  return { value, missing, secrets };
}

const WHOLE = /^\$\{[A-Za-z_][A-Za-z0-9_]*(?::-[^}]*)?\}$/;

/** True when the text is exactly one `${VAR}` or `${VAR:-default}`, nothing around it. */
export function isWholeSubstitution(text: string): boolean {
  return WHOLE.test(text);
}

/**
 * A substituted value read the way YAML reads a bare value: `443` a number, `true` a boolean, the
 * rest (and integers too long to be exact, such as Discord ids) stays text. The loader gives the
 * text back where the schema wants a string, so a numeric token or id is never changed.
 */
export function readScalar(text: string): string | number | boolean {
  let value: unknown;
  try {
    value = parse(text, { schema: 'core' });
  } catch {
    return text;
  }
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value) && (!Number.isInteger(value) || Number.isSafeInteger(value))) return value;
  return text;
}
