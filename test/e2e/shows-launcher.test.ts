import { execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnShowcart } from '../support/showcart-process.js';
import { waitFor } from '../support/wait-for.js';

interface Launcher {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | string | null>;
}

/** `npm start -- --shows DIR` as a separate process, the way a seller runs it (tsx instead of the build). */
function launch(dir: string, data: string): Launcher {
  return spawnShowcart(['--shows', dir], { LOG_FORMAT: 'json', SHOWCART_MEDIA: 'off', SHOWCART_SQLITE: join(data, 'showcart.sqlite'), DATABASE_URL: '' });
}

const show = (id: string, port = 0) => `show: { id: ${id}, name: Show ${id} }
server: { host: 127.0.0.1, port: ${port} }
products: [{ sku: MUG, title: Mug, price: 12, stock: 3 }]
`;

describe('npm start -- --shows DIR', () => {
  const root = mkdtempSync(join(tmpdir(), 'showcart-launcher-'));
  const running: Launcher[] = [];
  const folder = (name: string, files: Record<string, string>) => {
    const dir = join(root, name);
    mkdirSync(dir);
    for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
    return dir;
  };
  const start = (dir: string) => {
    const l = launch(dir, join(root, `${dir.split('/').pop()}-data`));
    running.push(l);
    return l;
  };
  afterAll(async () => {
    for (const l of running) if (l.child.exitCode === null) l.child.kill('SIGKILL');
    await Promise.all(running.map((l) => l.exited));
    rmSync(root, { recursive: true, force: true });
  });

  it('GIVEN two show files with one show id and two with one port WHEN launched THEN nothing starts and the refusal names both files and the value', async () => {
    const dir = folder('clash', {
      'a.yaml': show('same-id', 41001),
      'b.yaml': show('same-id', 41002),
      'c.yaml': show('c-show', 41003),
      'd.yaml': show('d-show', 41003),
    });
    const l = start(dir);
    expect(await l.exited).toBe(2);
    expect(l.output()).toContain('the show files clash; nothing was started');
    expect(l.output()).toMatch(/a\.yaml and \S*b\.yaml both have show\.id "same-id"/);
    expect(l.output()).toMatch(/c\.yaml \(server\.port\) and \S*d\.yaml \(server\.port\) both use port 41003/);
    expect(l.output()).not.toContain('starting');
  });

  it('GIVEN a folder without a show file WHEN launched THEN it says so and exits', async () => {
    const l = start(folder('empty', { 'notes.txt': 'not a show' }));
    expect(await l.exited).toBe(2);
    expect(l.output()).toMatch(/no show file \(\*\.yaml\) in \S*empty/);
  });

  it('GIVEN two good show files and a broken one WHEN launched THEN both shows answer on their own ports with their own tokens, the broken file is said once, a killed show comes back, and SIGTERM stops them all', async () => {
    const dir = folder('two', { 'one.yaml': show('show-one'), 'two.yaml': show('show-two'), 'broken.yaml': 'show: { id: Not An Id }\n' });
    const l = start(dir);
    const urlOf = (id: string, nth = 1) =>
      waitFor(() => [...l.output().matchAll(new RegExp(`\\[${id}\\] +web chat +http://[^:/\\s]+:(\\d+)/`, 'g'))][nth - 1]?.[1], 30_000, `${id}'s URL`);
    const [one, two] = await Promise.all([urlOf('show-one'), urlOf('show-two')]);
    expect(one).not.toBe(two);
    for (const port of [one, two]) expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
    expect(l.output().match(/broken\.yaml is not started/g)).toHaveLength(1);
    const data = join(root, 'two-data');
    expect(existsSync(join(data, 'admin-token-show-one')) && existsSync(join(data, 'admin-token-show-two'))).toBe(true);

    // A show that dies unasked is started again (after about a second), on the same database.
    const children = execFileSync('pgrep', ['-P', String(l.child.pid)], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map(Number);
    expect(children).toHaveLength(2);
    process.kill(children[0]!, 'SIGKILL');
    await waitFor(() => l.output().includes('died (signal SIGKILL); restarting in'), 10_000, 'the restart notice');
    const restarted = await Promise.race([urlOf('show-one', 2), urlOf('show-two', 2)]);
    expect((await fetch(`http://127.0.0.1:${restarted}/api/health`)).status).toBe(200);

    l.child.kill('SIGTERM');
    expect(await l.exited).toBe(0);
    const ports = [one, two, restarted];
    for (const port of ports) await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
    expect(l.output()).toContain('SIGTERM: stopping show-one, show-two');
  }, 60_000);
});
