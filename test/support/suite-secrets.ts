import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Secrets the fakes use by default (the test files' own constants are found by `secretsInTests`). */
const FAKE_DEFAULTS = ['123456:TEST-TOKEN', 'fake-discord-token', 'oauth:faketoken'];

/**
 * `NAME_TOKEN: 'value'`, `const SECRET = 'value'`, `streamKey: "value"`: a string literal given to
 * a name that says token, secret, key, password or invite. Values with `${` are templates, not secrets.
 */
const ASSIGNED = /\b\w*(?:token|secret|key|password|invite)\w*['"]?\s*[:=]\s*(['"`])([^'"`$\s]{8,})\1/gi;

/** `keyEnv: 'TWITCH_STREAM_KEY'` names a variable; names are meant to be logged. */
const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;

/** Every secret value the test sources give the app, so the log scan knows what must never be logged. */
export function secretsInTests(root = 'test'): string[] {
  const found = new Set(FAKE_DEFAULTS);
  for (const file of tsFiles(root)) {
    for (const m of readFileSync(file, 'utf8').matchAll(ASSIGNED)) if (!ENV_NAME.test(m[2]!)) found.add(m[2]!);
  }
  return [...found];
}

/** Lines of the given log text that contain any of the secrets, with the secret named. */
export function leaks(text: string, secrets: readonly string[]): Array<{ secret: string; line: string }> {
  const out: Array<{ secret: string; line: string }> = [];
  for (const line of text.split('\n')) {
    for (const secret of secrets)
      if (line.includes(secret))
        out.push({
          secret,
          line: line
            .split(secret)
            .join(`<secret ${secret.slice(0, 2)}…>`)
            .slice(0, 300),
        });
  }
  return out;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}
