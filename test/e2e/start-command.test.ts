import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait-for.js';

const SECRET = 'tg-secret-123456:ABCDEFGHIJKLMNOP';

/** Runs what `npm start` runs after its build, as a separate process, the way a seller would. */
function startProcess(showFile: string, dataDir: string, env: NodeJS.ProcessEnv = {}): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['dist/orchestrator/main.js', '--show', showFile], {
    env: { ...process.env, SHOWCART_SQLITE: join(dataDir, 'showcart.sqlite'), LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return { child, output: () => out };
}

describe('the start command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'showcart-start-'));
  // `npm start` builds first; the same build here, so the test runs the compiled product a seller runs.
  beforeAll(() => void execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'pipe' }), 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('GIVEN a show without tokens WHEN started THEN it prints its URLs, skips bots naming their variables, and stops cleanly on SIGTERM', async () => {
    const show = join(dir, 'show.yaml');
    writeFileSync(
      show,
      `show: { id: start-test, name: Start test }
server: { host: 127.0.0.1, port: 0 }
channels:
  telegram: { chats: [{ id: -100 }], apiRoot: "http://127.0.0.1:9" }
  twitch: { username: candlebot, channels: [candleshop] }
products: [{ sku: MUG, title: Mug, price: 12, stock: 3 }]
`,
    );
    const { child, output } = startProcess(show, dir, { TELEGRAM_BOT_TOKEN: '', TWITCH_OAUTH_TOKEN: '' });
    // A separate Node process opening its database and ports: about 2 s here.
    const url = await waitFor(() => /web chat\s+(http:\/\/localhost:\d+)\//.exec(output())?.[1], 10_000, 'the printed URL');
    expect(output()).toMatch(/health\s+http:\/\/localhost:\d+\/api\/health/);
    const health = (await (await fetch(`${url}/api/health`)).json()) as { disabled: Array<{ platform: string; reason: string }> };
    expect(health.disabled).toEqual([
      { platform: 'telegram', reason: 'no token: set TELEGRAM_BOT_TOKEN to enable it' },
      { platform: 'twitch', reason: 'no token: set TWITCH_OAUTH_TOKEN to enable it' },
    ]);
    expect(output()).toContain('telegram skipped: no token: set TELEGRAM_BOT_TOKEN to enable it');
    expect(output()).toContain('twitch skipped: no token: set TWITCH_OAUTH_TOKEN to enable it');

    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output()).toContain('shutting down');
    expect(existsSync(join(dir, 'showcart.sqlite'))).toBe(true);
  });

  it('GIVEN a bad show file WHEN started THEN it exits with the file, line and key, and never prints a secret', async () => {
    const show = join(dir, 'bad.yaml');
    writeFileSync(show, `show: { id: bad, name: "\${SHOW_TITLE}" }\nproducts:\n  - { sku: MUG, title: Mug, price: 0, stock: 3 }\n`);
    const { child, output } = startProcess(show, dir, { SHOW_TITLE: 'Title', TELEGRAM_BOT_TOKEN: SECRET });
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code).toBe(2);
    expect(output()).toMatch(/bad\.yaml:3:36 products\[0\]\.price: expected a positive number/);
    expect(output()).not.toContain(SECRET);
  });
});
