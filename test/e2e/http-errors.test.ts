import express from 'express';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseShow } from '../../config/loader.js';
import { createAdminAuth } from '../../orchestrator/http/admin/admin-auth.js';
import { createHttpApp } from '../../orchestrator/http/http-app.js';
import { paymentWebhook } from '../../orchestrator/http/payment-webhook.js';
import type { RunningShow } from '../../orchestrator/show.js';
import { Secrets } from '../../orchestrator/shared/secrets.js';
import { memoryLog } from '../support/quiet-log.js';

const ADMIN_TOKEN = 'http-errors-admin-token-51ac7d';
const PAYMENT_SECRET = 'http-errors-payment-secret-9f3e';

/** What a response must never show: a stack line, the install folder, a dependency path. */
function leaks(text: string): string[] {
  const found: string[] = [];
  if (/^\s*at\s/m.test(text) || /\bat [\w.<>]+ \(/.test(text)) found.push('a stack line');
  for (const path of [process.cwd(), '/work/', 'node_modules', 'file://']) if (text.includes(path)) found.push(path);
  if (text.includes(ADMIN_TOKEN)) found.push('the admin token');
  return found;
}

/** The web server as the app builds it, with routes that fail the ways real ones can. */
async function serve(nodeEnv: string) {
  const { config } = parseShow('show: { id: errors, name: Errors }\nserver: { host: 127.0.0.1, port: 0 }\nproducts: []\n', 'errors.yaml', {});
  const log = memoryLog();
  const auth = createAdminAuth({ tokenEnv: 'SHOWCART_ADMIN_TOKEN', secrets: new Secrets({ SHOWCART_ADMIN_TOKEN: ADMIN_TOKEN }), dir: null, log: log.log });
  const failing = express.Router();
  failing.get('/api/fails', () => {
    throw new Error(`cannot open ${process.cwd()}/data/showcart.sqlite`);
  });
  failing.get('/api/fails-later', async () => {
    await Promise.resolve();
    throw Object.assign(new TypeError('x is undefined'), { code: 'ERR_SOMETHING' });
  });
  failing.get('/api/fails-midway', (_req, res) => {
    res.status(200).type('text/plain').write('the first half');
    throw new Error('failed after the headers went out');
  });
  failing.get('/api/gone', () => {
    throw Object.assign(new Error(`no file ${process.cwd()}/web/gone.html`), { status: 404 });
  });
  // Express reads NODE_ENV when the app is made: its own error page shows stacks unless it is "production".
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = nodeEnv;
  const app = createHttpApp({
    show: { config } as unknown as RunningShow,
    channels: () => [],
    skipped: () => [],
    outbox: () => ({}),
    startedAt: Date.now(),
    api: [paymentWebhook({ secret: PAYMENT_SECRET, log: log.log } as unknown as Parameters<typeof paymentWebhook>[0])],
    root: [auth.router, failing],
    log: log.log,
  });
  process.env.NODE_ENV = before;
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, log };
}

for (const nodeEnv of ['development', 'test', 'production']) {
  describe(`errors answered to clients with NODE_ENV=${nodeEnv}`, () => {
    let s: Awaited<ReturnType<typeof serve>>;
    beforeAll(async () => {
      s = await serve(nodeEnv);
    });
    afterAll(async () => {
      await new Promise((resolve) => s.server.close(resolve));
    });

    async function expectJsonError(res: Response, status: number, error: string | RegExp): Promise<void> {
      const text = await res.text();
      expect(leaks(text), text).toEqual([]);
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body = JSON.parse(text) as { error: unknown };
      expect(Object.keys(body)).toEqual(['error']);
      expect(body.error).toMatch(error);
    }

    it('GIVEN a webhook body over 64 kB WHEN posted THEN 413 with a short JSON error and no stack or path', async () => {
      const res = await fetch(`${s.url}/api/webhooks/payment`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: 'x'.repeat(70 * 1024),
      });
      await expectJsonError(res, 413, 'request body too large');
    });

    it('GIVEN broken JSON that holds the admin token WHEN posted to the login THEN 400, and neither the answer nor the log quotes the body', async () => {
      const res = await fetch(`${s.url}/api/admin/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: `{"token": "${ADMIN_TOKEN}"`,
      });
      await expectJsonError(res, 400, 'the request body is not valid JSON');
      expect(s.log.text()).not.toContain(ADMIN_TOKEN);
      expect(s.log.lines().filter((l) => l.msg === 'request refused' && l.path === '/api/admin/login')).toHaveLength(1);
    });

    it('GIVEN a login body in a charset nobody supports WHEN posted THEN 415', async () => {
      const res = await fetch(`${s.url}/api/admin/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=x-klingon' },
        body: '{"token":"x"}',
      });
      await expectJsonError(res, 415, 'unsupported request body charset');
    });

    it('GIVEN a route that throws, synchronously or later WHEN called THEN 500 with a generic text, and the error is logged once with its stack', async () => {
      await expectJsonError(await fetch(`${s.url}/api/fails`), 500, /^the request failed on our side/);
      await expectJsonError(await fetch(`${s.url}/api/fails-later`), 500, /^the request failed on our side/);
      const logged = s.log.lines().filter((l) => l.msg === 'request failed');
      expect(logged.map((l) => l.path)).toEqual(['/api/fails', '/api/fails-later']);
      expect(JSON.stringify(logged[0]!.err)).toContain('showcart.sqlite');
    });

    it('GIVEN a route that fails after its answer began WHEN called THEN the answer is cut off, with no stack appended, and the error is logged once', async () => {
      const text = await fetch(`${s.url}/api/fails-midway`)
        .then((r) => r.text())
        .catch(() => '');
      expect(leaks(text), text).toEqual([]);
      expect(text).not.toContain('failed after the headers');
      expect(s.log.lines().filter((l) => l.msg === 'request failed' && l.path === '/api/fails-midway')).toHaveLength(1);
    });

    it('GIVEN a route error that carries a 4xx status WHEN called THEN that status with the standard short text, not the message', async () => {
      await expectJsonError(await fetch(`${s.url}/api/gone`), 404, 'not found');
    });

    it('GIVEN a forged Host header WHEN pages, redirects and errors are served THEN no response carries it', async () => {
      for (const path of ['/chat', '/api/nothing', '/api/fails', '/nothing.html']) {
        const res = await fetch(`${s.url}${path}`, { headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' }, redirect: 'manual' });
        const text = await res.text();
        expect([...res.headers.values()].join(' ') + text, path).not.toContain('evil.example');
        expect(leaks(text), path).toEqual([]);
      }
    });
  });
}
