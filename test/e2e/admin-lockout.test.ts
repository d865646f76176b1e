import express from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseShow } from '../../config/loader.js';
import { createAdminAuth } from '../../orchestrator/http/admin/admin-auth.js';
import { createHttpApp } from '../../orchestrator/http/http-app.js';
import type { RunningShow } from '../../orchestrator/show.js';
import { Secrets } from '../../orchestrator/shared/secrets.js';
import { memoryLog } from '../support/quiet-log.js';

const ADMIN_TOKEN = 'lockout-admin-token-8d2f51c0e9';
const WRONG = 'lockout-wrong-token-000000';

/**
 * The showcart web server as the app builds it (createHttpApp with the admin login and an
 * admin-only endpoint), on a real port, with `server.trustProxy` from a show file.
 */
async function serve(serverYaml: string): Promise<{ url: string; server: Server; log: ReturnType<typeof memoryLog> }> {
  const { config } = parseShow(`show: { id: lockout, name: Lockout }\nserver: ${serverYaml}\nproducts: []\n`, 'lockout.yaml', {});
  const log = memoryLog();
  const auth = createAdminAuth({ tokenEnv: 'SHOWCART_ADMIN_TOKEN', secrets: new Secrets({ SHOWCART_ADMIN_TOKEN: ADMIN_TOKEN }), dir: null, log: log.log });
  const admin = express.Router();
  admin.get('/api/admin/state', auth.require, (_req, res) => res.json({ ok: true }));
  admin.get('/metrics', auth.require, (_req, res) => res.type('text/plain').send('showcart_up 1\n'));
  const app = createHttpApp({
    show: { config } as unknown as RunningShow,
    channels: () => [],
    skipped: () => [],
    outbox: () => ({}),
    startedAt: Date.now(),
    root: [auth.router, admin],
    log: log.log,
  });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, log };
}

function client(url: string, headers: Record<string, string> = {}) {
  return {
    bearer: (token: string, path = '/api/admin/state') => fetch(`${url}${path}`, { headers: { ...headers, authorization: `Bearer ${token}` } }),
    login: (token: string) =>
      fetch(`${url}/api/admin/login`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ token }) }),
  };
}

describe('the admin brute-force limit never locks out the admin', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });
  const start = async (serverYaml: string) => {
    const s = await serve(serverYaml);
    servers.push(s.server);
    return s;
  };

  it('GIVEN six wrong bearers from one address WHEN the right bearer, a login and /metrics follow from it THEN all pass, while a seventh wrong one is refused with 429', async () => {
    const s = await start('{ host: 127.0.0.1, port: 0 }');
    const c = client(s.url);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await c.bearer(WRONG)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);

    const right = await c.bearer(ADMIN_TOKEN);
    expect(right.status).toBe(200);
    expect(await right.json()).toEqual({ ok: true });
    expect((await c.login(ADMIN_TOKEN)).status).toBe(204);
    expect((await c.bearer(ADMIN_TOKEN, '/metrics')).status).toBe(200);

    const again = await c.bearer(WRONG);
    expect(again.status).toBe(429);
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = await again.text();
    expect(body).not.toContain(WRONG);
    expect(body).not.toContain(ADMIN_TOKEN);
    expect(s.log.text()).not.toContain(ADMIN_TOKEN);
    expect(s.log.text()).not.toContain(WRONG);
  });

  it('GIVEN trustProxy and wrong tokens from one forwarded address WHEN another forwarded address tries THEN only the first is limited', async () => {
    const s = await start('{ host: 127.0.0.1, port: 0, trustProxy: [127.0.0.1] }');
    const attacker = client(s.url, { 'x-forwarded-for': '203.0.113.7' });
    const neighbour = client(s.url, { 'x-forwarded-for': '198.51.100.20' });
    for (let i = 0; i < 5; i++) expect((await attacker.bearer(WRONG)).status).toBe(401);
    expect((await attacker.bearer(WRONG)).status).toBe(429);

    expect((await neighbour.bearer(WRONG)).status).toBe(401);
    expect((await neighbour.login(ADMIN_TOKEN)).status).toBe(204);
    const clients = s.log
      .lines()
      .filter((l) => l.msg === 'wrong admin token')
      .map((l) => l.client);
    expect(new Set(clients)).toEqual(new Set(['203.0.113.7', '198.51.100.20']));
  });

  it('GIVEN trustProxy off WHEN a client forges X-Forwarded-For on every try THEN its socket address is what is limited', async () => {
    const s = await start('{ host: 127.0.0.1, port: 0 }');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await client(s.url, { 'x-forwarded-for': `192.0.2.${i + 1}` }).bearer(WRONG)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const clients = s.log
      .lines()
      .filter((l) => l.msg === 'wrong admin token')
      .map((l) => l.client);
    expect(new Set(clients)).toEqual(new Set(['127.0.0.1']));
  });

  it('GIVEN a TLS proxy that trustProxy names WHEN the admin logs in over HTTPS through it THEN the session cookie is Secure; a forged X-Forwarded-Proto without trustProxy gets none', async () => {
    const behind = await start('{ host: 127.0.0.1, port: 0, trustProxy: 1 }');
    const secure = await client(behind.url, { 'x-forwarded-for': '203.0.113.9', 'x-forwarded-proto': 'https' }).login(ADMIN_TOKEN);
    expect(secure.status).toBe(204);
    expect(secure.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    const plain = await client(behind.url, { 'x-forwarded-proto': 'http' }).login(ADMIN_TOKEN);
    expect(plain.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);

    const direct = await start('{ host: 127.0.0.1, port: 0 }');
    const forged = await client(direct.url, { 'x-forwarded-proto': 'https' }).login(ADMIN_TOKEN);
    expect(forged.status).toBe(204);
    expect(forged.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
  });
});
