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
