import type { MemoryChannel } from '../../bots/memory/memory-channel.js';
import type { ShowConfig } from '../../config/schema/index.js';
import { startShowcart, type ShowcartOptions } from '../../orchestrator/app.js';
import { Secrets } from '../../orchestrator/shared/secrets.js';
import { memoryLog } from './quiet-log.js';
import type { TestApp } from './test-show.js';

export interface AdminAppOptions {
  env?: Record<string, string>;
  sqlitePath?: string;
  configPath?: string;
  watchConfig?: boolean;
  adminTokenDir?: string | null;
}

/** Like `startTestApp`, with the options the admin API tests need (show file, token folder). */
export async function startAdminApp(config: ShowConfig, channels: MemoryChannel[], options: AdminAppOptions = {}): Promise<TestApp> {
  const log = memoryLog();
  const extra: Partial<ShowcartOptions> = {
    ...(options.configPath !== undefined && { configPath: options.configPath }),
    ...(options.watchConfig !== undefined && { watchConfig: options.watchConfig }),
    ...(options.adminTokenDir !== undefined && { adminTokenDir: options.adminTokenDir }),
  };
  const app = await startShowcart({
    config,
    database: { sqlitePath: options.sqlitePath ?? ':memory:' },
    secrets: new Secrets(options.env ?? {}),
    log: log.log,
    extraChannels: channels,
    ...extra,
  });
  return { app, log };
}

/** Calls the admin API with a bearer token; writes are JSON as the API requires. */
export function adminClient(baseUrl: string, token: string) {
  const headers = { authorization: `Bearer ${token}` };
  return {
    get: (path: string, extra: Record<string, string> = {}) => fetch(`${baseUrl}${path}`, { headers: { ...headers, ...extra } }),
    post: (path: string, body: unknown = {}) =>
      fetch(`${baseUrl}${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    json: async <T = Record<string, unknown>>(path: string): Promise<T> => {
      const res = await fetch(`${baseUrl}${path}`, { headers });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
  };
}
