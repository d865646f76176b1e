import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startTestApp, testConfig, type TestApp } from '../support/test-show.js';

/** Opens a chat socket as if through a proxy that says the client is `forwardedFor`; resolves with 'open' or the refusal's HTTP status. */
function connect(t: TestApp, forwardedFor: string): Promise<{ ws: WebSocket; result: 'open' | number }> {
  const ws = new WebSocket(`${t.app.url.replace(/^http/, 'ws')}/ws/chat`, { headers: { 'X-Forwarded-For': forwardedFor } });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, result: 'open' }));
    ws.once('unexpected-response', (_req, res) => {
      res.resume();
      resolve({ ws, result: res.statusCode ?? 0 });
    });
    ws.once('error', reject);
  });
}

/**
 * Behind a TLS proxy every viewer arrives from the proxy's address: per-address limits then count
 * the client the proxy names, and only when `server.trustProxy` says that proxy may name it.
 */
describe('web chat behind a proxy', () => {
  let t: TestApp | undefined;
  const sockets: WebSocket[] = [];
  afterEach(async () => {
    for (const ws of sockets.splice(0)) ws.terminate();
    await t?.app.stop();
  });

  const start = async (trustProxy: false | string[]) => {
    const config = testConfig('channels: { web: { limits: { sharedAddresses: [], perAddress: { connections: 2 } } } }');
    config.server.trustProxy = trustProxy;
    t = await startTestApp(config);
    return t;
  };
  const open = async (app: TestApp, forwardedFor: string) => {
    const { ws, result } = await connect(app, forwardedFor);
    sockets.push(ws);
    return result;
  };

  it('GIVEN trustProxy names the local proxy WHEN two clients arrive through it THEN each is held to its own connection cap', async () => {
    const app = await start(['127.0.0.1']);
    expect([await open(app, '203.0.113.1'), await open(app, '203.0.113.1')]).toEqual(['open', 'open']);
    expect(await open(app, '203.0.113.1')).toBe(429);
    expect(await open(app, '203.0.113.2')).toBe('open');
  });

  it('GIVEN no trustProxy WHEN clients forge X-Forwarded-For THEN it is ignored and the socket address is counted', async () => {
    const app = await start(false);
    expect([await open(app, '203.0.113.1'), await open(app, '203.0.113.2')]).toEqual(['open', 'open']);
    expect(await open(app, '203.0.113.3')).toBe(429);
  });
});
