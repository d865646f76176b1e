import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadShowFile } from '../../config/loader.js';
import type { ShowConfig } from '../../config/schema/index.js';
import { nginxBinary } from '../support/nginx-process.js';

interface Compose {
  services: Record<string, { ports?: string[]; environment?: Record<string, string>; volumes?: string[] }>;
}

/** The environment variables a show file names for its secrets (bots, checkout, media). */
const secretEnvsOf = (config: ShowConfig) => [
  config.admin.tokenEnv,
  config.media.streamKeyEnv,
  config.checkout!.paymentSecretEnv,
  config.channels.telegram!.tokenEnv,
  config.channels.twitch!.tokenEnv,
  config.channels.discord!.tokenEnv,
  ...config.media.targets.map((t) => t.keyEnv),
];

describe('docker-compose.yml (read and checked here; no Docker engine runs on our machines)', () => {
  const compose = parse(readFileSync('docker-compose.yml', 'utf8')) as Compose;
  const service = compose.services.showcart!;
  const { config } = loadShowFile('test/fixtures/shows/demo.yaml', { env: {} });

  it('GIVEN the demo show WHEN composed THEN every secret variable it names is passed through from the environment', () => {
    for (const name of secretEnvsOf(config)) expect(service.environment?.[name], name).toBe(`\${${name}:-}`);
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

interface Service {
  image?: string;
  command?: string[] | string;
  profiles?: string[];
  ports?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: unknown;
}

/** A `location` block of an nginx conf whose body holds no nested block (none of ours does). */
interface Location {
  modifier: string;
  path: string;
  body: string;
}

function locationsOf(conf: string): Location[] {
  return [...conf.matchAll(/^\s*location\s+(?:(=|\^~|~\*?)\s+)?(\S+)\s*\{([^{}]*)\}/gm)].map((m) => ({ modifier: m[1] ?? '', path: m[2]!, body: m[3]! }));
}

/** The location nginx picks for a path: the longest prefix, unless a regex location matches (and the prefix is not ^~). */
function routeOf(locations: Location[], path: string): Location | undefined {
  const exact = locations.find((l) => l.modifier === '=' && l.path === path);
  if (exact) return exact;
  const prefix = locations
    .filter((l) => !l.modifier.startsWith('~') && l.modifier !== '=' && path.startsWith(l.path))
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (prefix?.modifier !== '^~') {
    const regex = locations.find((l) => l.modifier.startsWith('~') && new RegExp(l.path, l.modifier === '~*' ? 'i' : '').test(path));
    if (regex) return regex;
  }
  return prefix;
}

const upstreamOf = (l: Location | undefined) => /proxy_pass\s+http:\/\/([A-Za-z0-9_]+)/.exec(l?.body ?? '')?.[1];

describe('the compose profile "scale" and its nginx (read and checked here; no Docker engine runs on our machines)', () => {
  const compose = parse(readFileSync('docker-compose.yml', 'utf8')) as { services: Record<string, Service> };
  const services = compose.services;
  const SCALE = ['postgres', 'nats', 'minio', 'minio-setup', 'core', 'edge1', 'edge2', 'nginx'];
  const SHOW_FILE = 'config/shows/demo-scale.yaml';
  const { config } = loadShowFile(SHOW_FILE, { env: {} });
  const conf = readFileSync('deploy/nginx/showcart-scale.conf', 'utf8');
  const env = (name: string) => services[name]?.environment ?? {};
  const command = (name: string) => [services[name]?.command ?? []].flat().join(' ');

  it('GIVEN the scale profile WHEN composed THEN every one of its services is in it, and the default showcart runs without a profile', () => {
    for (const name of SCALE) expect(services[name]?.profiles, name).toEqual(['scale']);
    expect(services.showcart!.profiles).toBeUndefined();
    expect(Object.keys(services).sort()).toEqual([...SCALE, 'showcart'].sort());
    expect([services.postgres!.image, services.nats!.image, services.nginx!.image]).toEqual(['postgres:16', 'nats:2.10', 'nginx:1.27']);
    expect(services.nats!.command).toContain('-js');
    expect(services.nats!.volumes?.some((v) => v.endsWith(':/data'))).toBe(true);
    expect(command('minio')).toBe('server /data');
    expect(services['minio-setup']!.image).toBe('minio/mc');
    expect(services.nginx!.ports).toEqual(['80:80']);
    expect(services.nginx!.volumes).toContain('./deploy/nginx/showcart-scale.conf:/etc/nginx/conf.d/default.conf:ro');
    // a service waited for until healthy has a healthcheck to wait on
    for (const [name, service] of Object.entries(services))
      for (const [on, { condition }] of Object.entries(service.depends_on ?? {}))
        if (condition === 'service_healthy') expect(services[on]?.healthcheck, `${name} waits for ${on}`).toBeDefined();
    expect(services.core!.depends_on).toMatchObject({
      postgres: { condition: 'service_healthy' },
      'minio-setup': { condition: 'service_completed_successfully' },
    });
  });

  it('GIVEN the core and two edges WHEN composed THEN they run the one image on the scale show with the same web secret, the edges as edge processes on 3001', () => {
    for (const name of ['core', 'edge1', 'edge2']) {
      expect(services[name]!.image, name).toBe('showcart:local');
      expect(env(name).SHOWCART_SHOW, name).toBe(SHOW_FILE);
      expect(env(name).SHOWCART_WEB_SECRET, name).toBe('${SHOWCART_WEB_SECRET:-}');
      expect(services[name]!.volumes, name).toContain('./config/shows:/app/config/shows:ro');
    }
    // `npm run edge` and `npm start` compiled: the image has the compiled code and no compiler
    for (const name of ['edge1', 'edge2']) expect(command(name), name).toBe('node dist/orchestrator/edge-main.js --port 3001');
    expect(command('core')).toMatch(/^node .*dist\/orchestrator\/main\.js$/);
    expect(services.core!.ports?.map((p) => p.split(/\s/)[0])).toEqual([`${config.media.rtmpPort}:${config.media.rtmpPort}`]);
    expect(env('core').DATABASE_URL).toMatch(/^postgres:\/\/showcart:[^@]+@postgres:5432\/showcart$/);
  });

  it('GIVEN the scale show WHEN loaded THEN it names NATS and the bucket, and every secret variable it names reaches the services that need it', () => {
    const s3 = config.media.hls.s3!;
    expect(config.scale?.nats).toBe('nats://nats:4222');
    expect(s3).toMatchObject({ endpoint: 'http://minio:9000', bucket: 'showcart', prefix: 'hls/' });
    const named = [...secretEnvsOf(config), s3.accessKeyEnv, s3.secretKeyEnv, 'SHOWCART_WEB_SECRET'];
    for (const name of named) expect(env('core')[name], name).toBe(`\${${name}:-}`);
    // minio-setup makes the core's user with the same keys, and the bucket the show writes to
    for (const name of [s3.accessKeyEnv, s3.secretKeyEnv]) expect(env('minio-setup')[name], name).toBe(`\${${name}:-}`);
    expect(command('minio-setup')).toContain(`mc mb --ignore-existing local/${s3.bucket}`);
    expect(command('minio-setup')).toContain(`mc anonymous set download local/${s3.bucket}`);
    // viewers reach the bucket's prefix through nginx's /hls/
    expect(config.media.hls.publicUrl).toBe('http://localhost/hls/');
    expect(/proxy_pass\s+(\S+);/.exec(routeOf(locationsOf(conf), '/hls/show/index.m3u8')!.body)?.[1]).toBe(`http://hls_store/${s3.bucket}/${s3.prefix}`);
  });

  it('GIVEN nginx in front WHEN a path is asked for THEN the edges serve the page, chat, storefront and overlay feed, the core the rest, HLS comes cached', () => {
    const locations = locationsOf(conf);
    const routes = Object.fromEntries(
      [
        '/',
        '/app.js',
        '/ws/chat',
        '/api/storefront',
        '/api/storefront/products',
        '/api/overlay/live',
        '/api/admin/login',
        '/api/media',
        '/api/webhooks/payment',
        '/api/health',
        '/dashboard/',
        '/analytics',
        '/overlay',
        '/c/abc123',
        '/metrics',
        '/hls/show/index.m3u8',
        '/live/show.flv',
      ].map((path) => [path, upstreamOf(routeOf(locations, path))]),
    );
    expect(routes).toEqual({
      '/': 'edges',
      '/app.js': 'edges',
      '/ws/chat': 'edges',
      '/api/storefront': 'edges',
      '/api/storefront/products': 'edges',
      '/api/overlay/live': 'edges',
      '/api/admin/login': 'core',
      '/api/media': 'core',
      '/api/webhooks/payment': 'core',
      '/api/health': 'core',
      '/dashboard/': 'core',
      '/analytics': 'core',
      '/overlay': 'core',
      '/c/abc123': 'core',
      '/metrics': 'core',
      '/hls/show/index.m3u8': 'hls_store',
      '/live/show.flv': 'core_media',
    });
    const upstreams = Object.fromEntries([...conf.matchAll(/^upstream\s+(\w+)\s*\{([^}]*)\}/gm)].map((m) => [m[1]!, m[2]!]));
    expect([...upstreams.edges!.matchAll(/server\s+(\S+);/g)].map((m) => m[1])).toEqual(['edge1:3001', 'edge2:3001']);
    // round robin: no balancing method named
    expect(upstreams.edges).not.toMatch(/ip_hash|least_conn|hash|random/);
    expect(upstreams.core).toContain('server core:3000;');

    // WebSocket upgrades: set once for every location that sets no header of its own, which /ws/ does not
    const serverLevel = conf.replace(/^\s*location\s[^{]*\{[^{}]*\}/gm, '');
    expect(serverLevel).toContain('proxy_set_header Upgrade $http_upgrade;');
    expect(serverLevel).toMatch(/proxy_set_header Connection \$\w+;/);
    const ws = routeOf(locations, '/ws/chat')!.body;
    expect(ws).not.toContain('proxy_set_header');
    expect(ws).toMatch(/proxy_read_timeout 1h;/);
    const sse = routeOf(locations, '/api/overlay/live')!.body;
    expect(sse).toContain('proxy_buffering off;');
    expect(sse).toMatch(/proxy_read_timeout 1h;/);
    const hls = routeOf(locations, '/hls/show/index.m3u8')!.body;
    for (const line of ['proxy_cache showcart_scale_hls;', 'proxy_cache_key $uri;', 'proxy_cache_lock on;']) expect(hls).toContain(line);
  });

  it.skipIf(!nginxBinary())('GIVEN nginx is installed WHEN it tests the conf (upstream hosts on 127.0.0.1) THEN the syntax holds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'showcart-scale-nginx-'));
    try {
      const local = conf
        .replace(/^(\s*server )(?:edge1|edge2|core|minio)(:\d+;)$/gm, '$1127.0.0.1$2')
        .replace(/^(\s*)proxy_cache_path \S+ (.*) # placeholder$/m, `$1proxy_cache_path ${dir}/cache $2`)
        .replace(/^(\s*)listen 80; # placeholder$/m, '$1listen 127.0.0.1:8080;')
        .replace(/^(\s*)access_log \S+ (\S+); # placeholder$/m, `$1access_log ${dir}/access.log $2;`);
      expect(local).not.toMatch(/server (edge1|edge2|core|minio):|\/var\//);
      writeFileSync(join(dir, 'showcart-scale.conf'), local);
      writeFileSync(
        join(dir, 'nginx.conf'),
        `pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/showcart-scale.conf;
}
`,
      );
      const run = spawnSync(nginxBinary()!, ['-t', '-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], {
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(run.stderr).toContain('test is successful');
      expect(run.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
