import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadShowFile } from '../../config/loader.js';

interface Compose {
  services: Record<string, { ports?: string[]; environment?: Record<string, string>; volumes?: string[] }>;
}

describe('docker-compose.yml (read and checked here; no Docker engine runs on our machines)', () => {
  const compose = parse(readFileSync('docker-compose.yml', 'utf8')) as Compose;
  const service = compose.services.showcart!;
  const { config } = loadShowFile('test/fixtures/shows/demo.yaml', { env: {} });

  it('GIVEN the demo show WHEN composed THEN every secret variable it names is passed through from the environment', () => {
    const named = [
      config.admin.tokenEnv,
      config.media.streamKeyEnv,
      config.checkout!.paymentSecretEnv,
      config.channels.telegram!.tokenEnv,
      config.channels.twitch!.tokenEnv,
      config.channels.discord!.tokenEnv,
      ...config.media.targets.map((t) => t.keyEnv),
    ];
    for (const name of named) expect(service.environment?.[name], name).toBe(`\${${name}:-}`);
  });

  it('GIVEN the default ports of a show WHEN composed THEN the same ports are published and data lives in a volume', () => {
    const published = (service.ports ?? []).map((p) => p.split(/\s/)[0]);
    expect(published).toEqual([
      `${config.server.port}:${config.server.port}`,
      `${config.media.rtmpPort}:${config.media.rtmpPort}`,
      `${config.media.httpPort}:${config.media.httpPort}`,
    ]);
    expect(service.volumes).toContain('showcart-data:/data');
  });
});
