import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nginxBinary, NginxProcess } from '../test/support/nginx-process.js';

const MODULE = '/usr/lib/nginx/modules/ngx_rtmp_module.so';

/** Whether nginx and its RTMP module (Debian: nginx, libnginx-mod-rtmp) are installed. */
export function nginxAvailable(): boolean {
  return existsSync(MODULE) && nginxBinary() !== undefined;
}

/** The same job for nginx-rtmp: one application that pushes every publish to each URL. A temp prefix, so no root is needed. */
export function nginxConf(dir: string, port: number, pushes: string[]): string {
  return `load_module ${MODULE};
daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
rtmp {
  server {
    listen 127.0.0.1:${port};
    chunk_size 4096;
    application live {
      live on;
      record off;
${pushes.map((url) => `      push ${url};`).join('\n')}
    }
  }
}
`;
}

/** nginx with one RTMP application, in the foreground, one process (its pid is the one to measure). */
export class NginxRtmp {
  private constructor(private readonly nginx: NginxProcess) {}

  static async start(port: number, pushes: string[]): Promise<NginxRtmp> {
    const dir = mkdtempSync(join(tmpdir(), 'showcart-bench-nginx-'));
    writeFileSync(join(dir, 'nginx.conf'), nginxConf(dir, port, pushes));
    return new NginxRtmp(await NginxProcess.start(dir, port));
  }

  get pid(): number {
    return this.nginx.pid;
  }

  stop(): Promise<void> {
    return this.nginx.stop('SIGKILL');
  }
}
