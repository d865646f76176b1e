import express from 'express';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAdminAuth } from '../../orchestrator/http/admin/admin-auth.js';
import { adminTokenDir } from '../../orchestrator/http/admin/admin-token.js';
import { Secrets } from '../../orchestrator/shared/secrets.js';
import { memoryLog } from '../support/quiet-log.js';

const ADMIN_TOKEN = 'admin-unit-token-4f1c9e2b7a';
const WRONG = 'not-the-admin-token-0000';

describe('admin auth', () => {
  const servers: Server[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  async function serve(env: Record<string, string> = { SHOWCART_ADMIN_TOKEN: ADMIN_TOKEN }, dir: string | null = null, now?: () => number) {
    const log = memoryLog();
    const auth = createAdminAuth({ tokenEnv: 'SHOWCART_ADMIN_TOKEN', secrets: new Secrets(env), dir, log: log.log, ...(now && { now }) });
    const app = express();
    app.use(auth.router);
    app.get('/api/admin/ping', auth.require, (_req, res) => res.json({ pong: true }));
    app.post('/api/admin/ping', auth.require, (_req, res) => res.json({ posted: true }));
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    servers.push(server);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const login = (token: string) =>
      fetch(`${url}/api/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    return { url, auth, log, login, bearer: (token: string) => fetch(`${url}/api/admin/ping`, { headers: { authorization: `Bearer ${token}` } }) };
  }

  it('GIVEN no credentials or a wrong bearer WHEN an admin endpoint is called THEN 401 with a JSON error that never echoes the token', async () => {
    const s = await serve();
    const none = await fetch(`${s.url}/api/admin/ping`);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: 'admin login required' });
    const wrong = await s.bearer(WRONG);
    expect(wrong.status).toBe(401);
    const body = await wrong.text();
    expect(JSON.parse(body)).toEqual({ error: 'wrong admin token' });
    expect(body).not.toContain(WRONG);
    expect(body).not.toContain(ADMIN_TOKEN);
  });

  it('GIVEN the right bearer WHEN it is sent THEN the request passes', async () => {
    const s = await serve();
    const res = await s.bearer(ADMIN_TOKEN);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ pong: true });
  });

  it('GIVEN five wrong tokens from one client WHEN it tries a sixth wrong one THEN 429 with Retry-After, yet the right token still passes by bearer and by login', async () => {
    const s = await serve();
    for (let i = 0; i < 3; i++) expect((await s.bearer(WRONG)).status).toBe(401);
    for (let i = 0; i < 2; i++) expect((await s.login(WRONG)).status).toBe(401);
    const sixth = await s.bearer(WRONG);
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(sixth.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect((await s.login(WRONG)).status).toBe(429);
    expect((await s.bearer(ADMIN_TOKEN)).status).toBe(200);
    expect((await s.login(ADMIN_TOKEN)).status).toBe(204);
  });

  it('GIVEN a client locked out by wrong tokens WHEN the minute has passed THEN it may try again, and the tries refused meanwhile did not extend the wait', async () => {
    let clock = 1_000_000;
    const s = await serve(undefined, null, () => clock);
    for (let i = 0; i < 5; i++) expect((await s.bearer(WRONG)).status).toBe(401);
    clock += 30_000;
    for (let i = 0; i < 20; i++) expect((await s.bearer(WRONG)).status).toBe(429);
    clock += 30_000;
    for (let i = 0; i < 5; i++) expect((await s.bearer(WRONG)).status).toBe(401);
    expect((await s.bearer(WRONG)).status).toBe(429);
  });

  it('GIVEN right tokens WHEN many are sent THEN none is slowed or counted', async () => {
    const s = await serve();
    for (let i = 0; i < 10; i++) expect((await s.bearer(ADMIN_TOKEN)).status).toBe(200);
    expect((await s.bearer(WRONG)).status).toBe(401);
  });

  it('GIVEN a login with the right token WHEN the cookie is sent back THEN it is an HttpOnly SameSite=Strict session that is not the token, and logout ends it', async () => {
    const s = await serve();
    const res = await s.login(ADMIN_TOKEN);
    expect(res.status).toBe(204);
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^showcart_admin=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).not.toContain(ADMIN_TOKEN);
    const cookie = setCookie.split(';')[0]!;
    expect((await fetch(`${s.url}/api/admin/ping`, { headers: { cookie } })).status).toBe(200);

    const forged = cookie.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await fetch(`${s.url}/api/admin/ping`, { headers: { cookie: forged } })).status).toBe(401);

    const out = await fetch(`${s.url}/api/admin/logout`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/showcart_admin=;/);
  });

  it('GIVEN a session cookie WHEN a change is posted without a JSON content type THEN it is refused with 415', async () => {
    const s = await serve();
    const cookie = (await s.login(ADMIN_TOKEN)).headers.get('set-cookie')!.split(';')[0]!;
    const form = await fetch(`${s.url}/api/admin/ping`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    });
    expect(form.status).toBe(415);
    const json = await fetch(`${s.url}/api/admin/ping`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(200);
  });

  it('GIVEN no token in the environment WHEN started twice on one data folder THEN the token is generated once into a 0600 file, reused, and never logged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'showcart-admin-'));
    dirs.push(dir);
    const first = await serve({}, dir);
    const file = join(dir, 'admin-token');
    expect(first.auth.source).toEqual({ kind: 'file', path: file });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const token = readFileSync(file, 'utf8').trim();
    expect(token.length).toBeGreaterThanOrEqual(40);

    const second = await serve({}, dir);
    expect(readFileSync(file, 'utf8').trim()).toBe(token);
    expect((await second.bearer(token)).status).toBe(200);
    for (const s of [first, second]) {
      expect(s.log.text()).toContain(file);
      expect(s.log.text()).not.toContain(token);
    }
  });

  it('GIVEN a database path WHEN the token folder is derived THEN it is the SQLite file folder, data/ for a server database, and none in memory', () => {
    expect(adminTokenDir({ sqlitePath: '/var/lib/showcart/show.sqlite' })).toBe('/var/lib/showcart');
    expect(adminTokenDir({ sqlitePath: 'show.sqlite' })).toBe('.');
    expect(adminTokenDir({})).toBe('data');
    expect(adminTokenDir({ url: 'postgres://u@h/db' })).toBe('data');
    expect(adminTokenDir({ sqlitePath: ':memory:' })).toBeNull();
  });
});
