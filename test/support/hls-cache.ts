import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nginxBinary, NginxProcess } from './nginx-process.js';

export { nginxBinary };

const DEPLOY_CONF = new URL('../../deploy/nginx/showcart-hls.conf', import.meta.url);

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
  private constructor(private readonly nginx: NginxProcess) {}

  static async start(ports: LocalPorts): Promise<HlsCache> {
    if (!nginxBinary()) throw new Error('nginx is not installed');
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
    return new HlsCache(await NginxProcess.start(dir, ports.listen));
  }

  get dir(): string {
    return this.nginx.dir;
  }

  /** nginx runs as one process (master_process off): the one to measure. */
  get pid(): number {
    return this.nginx.pid;
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

  stop(): Promise<void> {
    return this.nginx.stop();
  }
}
