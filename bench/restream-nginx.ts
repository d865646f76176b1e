import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MODULE = '/usr/lib/nginx/modules/ngx_rtmp_module.so';

/** Whether nginx and its RTMP module (Debian: nginx, libnginx-mod-rtmp) are installed. */
export function nginxAvailable(): boolean {
  return existsSync(MODULE) && ['/usr/sbin/nginx', '/usr/bin/nginx'].some((p) => existsSync(p));
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
  private constructor(
    private readonly child: ChildProcess,
    private readonly dir: string,
  ) {}

  static async start(port: number, pushes: string[]): Promise<NginxRtmp> {
    const dir = mkdtempSync(join(tmpdir(), 'showcart-bench-nginx-'));
    writeFileSync(join(dir, 'nginx.conf'), nginxConf(dir, port, pushes));
    const bin = existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : '/usr/bin/nginx';
    const child = spawn(bin, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], { stdio: 'ignore' });
    const nginx = new NginxRtmp(child, dir);
    for (let i = 0; i < 100 && !(await canConnect(port)); i++) await new Promise((r) => setTimeout(r, 50));
    return nginx;
  }

  get pid(): number {
    return this.child.pid!;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((r) => this.child.once('exit', r));
      this.child.kill('SIGKILL');
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
