import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

const BINARIES = ['/usr/sbin/nginx', '/usr/bin/nginx'];

/** Where Debian's nginx is (apt-get install nginx), if it is installed. */
export function nginxBinary(): string | undefined {
  return BINARIES.find((p) => existsSync(p));
}

/**
 * One nginx in the foreground from a temp prefix `dir` holding its `nginx.conf` (no root needed),
 * started and waited for until it listens on `port`. With `master_process off` it is one process:
 * the one a benchmark measures. `stop()` also removes `dir`.
 */
export class NginxProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly dir: string,
  ) {}

  static async start(dir: string, port: number): Promise<NginxProcess> {
    const bin = nginxBinary();
    if (!bin) throw new Error('nginx is not installed');
    const child = spawn(bin, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const nginx = new NginxProcess(child, dir);
    for (let i = 0; i < 100 && !(await canConnect(port)); i++) {
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    if (!(await canConnect(port))) {
      const log = existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : '';
      await nginx.stop();
      throw new Error(`nginx did not start: ${stderr.trim() || log}`);
    }
    return nginx;
  }

  get pid(): number {
    return this.child.pid!;
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((r) => this.child.once('exit', r));
      this.child.kill(signal);
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
