import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { perAddress } from '../../orchestrator/http/checkout/address-limit.js';

/** The checkout's per-address cap over real HTTP from 127.0.0.1. */
describe('perAddress', () => {
  const servers: Array<{ close(): void }> = [];
  afterEach(() => servers.splice(0).forEach((s) => s.close()));

  async function serve(shared: readonly string[]): Promise<string> {
    const app = express();
    app.get('/x', perAddress(2, 60_000, { shared: () => shared }), (_req, res) => res.send('ok'));
    const server = app.listen(0, '127.0.0.1');
    servers.push(server);
    await new Promise((resolve) => server.once('listening', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
  }

  it('GIVEN a cap of 2 per minute WHEN one address asks 3 times THEN the third gets 429 with Retry-After', async () => {
    const url = await serve([]);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(url)).status);
    expect(statuses).toEqual([200, 200, 429]);
    expect(Number((await fetch(url)).headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('GIVEN the loopback listed as shared (a proxy on this machine carries every buyer) WHEN it asks 10 times THEN none is refused', async () => {
    const url = await serve(['127.0.0.1']);
    const statuses = await Promise.all(Array.from({ length: 10 }, async () => (await fetch(url)).status));
    expect(statuses.every((s) => s === 200)).toBe(true);
  });
});
