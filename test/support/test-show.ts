import { type MemoryChannel } from '../../bots/memory/memory-channel.js';
import type { BotFactories } from '../../bots/registry.js';
import { parseShow } from '../../config/loader.js';
import type { ShowConfig } from '../../config/schema/index.js';
import { startShowcart, type Showcart } from '../../orchestrator/app.js';
import { Secrets } from '../../orchestrator/shared/secrets.js';
import { memoryLog } from './quiet-log.js';

/** A small valid show for tests, on a free port, with whatever overrides the test needs. */
export function testConfig(yamlExtra = ''): ShowConfig {
  const src = `
show: { id: test-show, name: Test show }
server: { host: 127.0.0.1, port: 0 }
products:
  - { sku: MUG, title: Mug, price: 12, stock: 3 }
${yamlExtra}`;
  return parseShow(src, 'test.yaml', {}).config;
}

export interface TestApp {
  app: Showcart;
  log: ReturnType<typeof memoryLog>;
}

export interface TestAppOptions {
  sqlitePath?: string;
  /** Environment the app's secrets are read from (bot tokens). */
  env?: Record<string, string>;
  factories?: BotFactories;
}

export async function startTestApp(config: ShowConfig, extraChannels: MemoryChannel[] = [], options: TestAppOptions = {}): Promise<TestApp> {
  const log = memoryLog();
  const app = await startShowcart({
    config,
    database: { sqlitePath: options.sqlitePath ?? ':memory:' },
    secrets: new Secrets(options.env ?? {}),
    log: log.log,
    extraChannels,
    ...(options.factories && { factories: options.factories }),
  });
  return { app, log };
}
