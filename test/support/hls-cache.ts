import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DEPLOY_CONF = new URL('../../deploy/nginx/showcart-hls.conf', import.meta.url);
const BINARIES = ['/usr/sbin/nginx', '/usr/bin/nginx'];

/** Whether nginx is installed (Debian: apt-get install nginx). */
export function nginxBinary(): string | undefined {
  return BINARIES.find((p) => existsSync(p));
}

export interface LocalPorts {
  listen: number;
  app: number;
  media: number;
}

/**
 * deploy/nginx/showcart-hls.conf with its placeholder lines pointed at 127.0.0.1 and a temp dir;
 * every other line is used as written. Throws if a placeholder is missing, so the benchmark never
 * quietly measures some other configuration.
 */
export function localHlsConf(conf: string, dir: string, ports: LocalPorts): string {
  const swaps: Array<[RegExp, string]> = [
    [/^(\s*)proxy_cache_path \S+ (.*) # placeholder$/m, `$1proxy_cache_path ${dir}/cache $2`],
    [/^(\s*)server showcart:3000; # placeholder$/m, `$1server 127.0.0.1:${ports.app};`],
    [/^(\s*)server showcart:8000; # placeholder$/m, `$1server 127.0.0.1:${ports.media};`],
    [/^(\s*)listen 80; # placeholder$/m, `$1listen 127.0.0.1:${ports.listen};`],
    [/^(\s*)access_log \S+ (\S+); # placeholder$/m, `$1access_log ${dir}/access.log $2;`],
  ];
  let out = conf;
  for (const [pattern, replacement] of swaps) {
    if (!pattern.test(out)) throw new Error(`deploy/nginx/showcart-hls.conf: no line matches ${pattern}`);
    out = out.replace(pattern, replacement);
  }
  return out;
}

/** One nginx in the foreground with a temp prefix (no root needed), running the deploy file. */
export class HlsCache {
  private constructor(
    private readonly child: ChildProcess,
    readonly dir: string,
  ) {}

  static async start(ports: LocalPorts): Promise<HlsCache> {
    const bin = nginxBinary();
    if (!bin) throw new Error('nginx is not installed');
    const dir = mkdtempSync(join(tmpdir(), 'showcart-hls-nginx-'));
    for (const sub of ['cache', 'tmp']) mkdirSync(join(dir, sub));
    writeFileSync(join(dir, 'showcart-hls.conf'), localHlsConf(readFileSync(DEPLOY_CONF, 'utf8'), dir, ports));
    writeFileSync(
      join(dir, 'nginx.conf'),
      `daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  include ${dir}/showcart-hls.conf;
}
`,
    );
    const child = spawn(bin, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const cache = new HlsCache(child, dir);
    for (let i = 0; i < 100 && !(await canConnect(ports.listen)); i++) {
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    if (!(await canConnect(ports.listen))) {
      await cache.stop();
      throw new Error(`nginx did not start: ${stderr.trim() || readFileSync(join(dir, 'error.log'), 'utf8')}`);
    }
    return cache;
  }

  /** nginx runs as one process (master_process off): the one to measure. */
  get pid(): number {
    return this.child.pid!;
  }

  /** Requests nginx passed to the origin, by path, from its access log (cache status MISS, EXPIRED, REVALIDATED, BYPASS). */
  originRequests(): { playlist: number; segments: number } {
    const log = existsSync(join(this.dir, 'access.log')) ? readFileSync(join(this.dir, 'access.log'), 'utf8') : '';
    let playlist = 0;
    let segments = 0;
    for (const line of log.split('\n')) {
      if (!/ upstream=\d/.test(line)) continue;
      if (line.includes('.m3u8 ')) playlist++;
      else if (line.includes('.ts ')) segments++;
    }
    return { playlist, segments };
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((r) => this.child.once('exit', r));
      this.child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}
