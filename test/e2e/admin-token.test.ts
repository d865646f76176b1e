import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adminClient, startAdminApp } from '../support/admin-app.js';
import { testConfig } from '../support/test-show.js';

describe('the generated admin token', () => {
  const dir = mkdtempSync(join(tmpdir(), 'showcart-token-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('GIVEN no admin token variable WHEN the app starts twice on one SQLite file THEN the token is made once next to it, reused, works, and is never logged', async () => {
    const sqlitePath = join(dir, 'showcart.sqlite');
    const file = join(dir, 'admin-token');
    const config = testConfig('channels: { web: { enabled: false } }');

    const first = await startAdminApp(config, [], { sqlitePath });
    expect(first.app.admin.source).toEqual({ kind: 'file', path: file });
    const token = readFileSync(file, 'utf8').trim();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await adminClient(first.app.url, token).get('/api/admin/state')).status).toBe(200);
    await first.app.stop();

    const second = await startAdminApp(config, [], { sqlitePath });
    expect(readFileSync(file, 'utf8').trim()).toBe(token);
    expect((await adminClient(second.app.url, token).get('/api/admin/state')).status).toBe(200);
    await second.app.stop();

    for (const t of [first, second]) {
      expect(t.log.text()).toContain(file);
      expect(t.log.text()).not.toContain(token);
    }
  });
});
