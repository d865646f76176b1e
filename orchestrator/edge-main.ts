import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/config-error.js';
import { loadShowFile } from '../config/loader.js';
import { natsForDisplay } from '../config/schema/scale.js';
import { COMMAND_NAMES } from './features/index.js';
import { startEdge } from './http/edge/start-edge.js';
import { createLogger } from './shared/log.js';
import { Secrets } from './shared/secrets.js';

const secrets = new Secrets();

/**
 * `npm run edge -- --show FILE [--port N] [--host H]`: one web edge for the show in FILE, whose
 * `scale.nats` names the NATS the core listens on. Run as many as the viewers need, behind a
 * round-robin proxy that passes WebSocket upgrades (deploy/nginx/showcart-hls.conf).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { show: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' } } });
  const file = resolve(values.show ?? process.env.SHOWCART_SHOW ?? 'config/shows/demo.yaml');
  let loaded;
  try {
    loaded = loadShowFile(file, { commands: COMMAND_NAMES });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`showcart edge: the show file cannot be used:\n${secrets.mask(err.message)}`);
      process.exit(2);
    }
    throw err;
  }
  const { config } = loaded;
  const fail = (why: string) => {
    console.error(`showcart edge: ${why}`);
    process.exit(2);
  };
  if (!config.scale) return fail(`${loaded.file} has no scale.nats: an edge needs the NATS its core listens on`);
  const sessionSecret = secrets.read('SHOWCART_WEB_SECRET');
  if (!sessionSecret) return fail('SHOWCART_WEB_SECRET is not set: the core and every edge need the same one');
  for (const value of loaded.secrets) secrets.remember(value);
  const log = createLogger({ secrets });
  const invite = config.show.private ? (secrets.read(config.show.access.inviteEnv) ?? null) : undefined;
  const port = Number(values.port ?? process.env.SHOWCART_EDGE_PORT ?? config.server.port + 1);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) return fail(`--port: expected a port number, got ${values.port ?? ''}`);
  const edge = await startEdge({
    config,
    natsUrl: config.scale.nats,
    host: values.host ?? config.server.host,
    port,
    sessionSecret,
    ...(invite !== undefined && { invite }),
    log,
  });
  console.log(`showcart edge ${edge.id} for "${config.show.name}": the viewer page at ${edge.url}, NATS ${natsForDisplay(config.scale.nats)}`);
  let stopping = false;
  const shutdown = () => {
    if (stopping) process.exit(1);
    stopping = true;
    edge.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

await main();
