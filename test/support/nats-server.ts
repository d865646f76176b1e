import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, connect } from 'node:net';

const BINARIES = ['/usr/sbin/nats-server', '/usr/bin/nats-server'];

/** Where Debian's nats-server is (apt-get install nats-server), if it is installed. */
export function natsServerBinary(): string | undefined {
  return BINARIES.find((p) => existsSync(p));
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

/** A real nats-server on 127.0.0.1 and a free port, for as long as a test needs it. */
export class NatsServer {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    private readonly storeDir: string,
  ) {}

  /** The server's process id (the benchmarks read its CPU and memory from /proc). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<NatsServer> {
    const bin = natsServerBinary();
    if (!bin) throw new Error('nats-server is not installed (Debian: apt-get install nats-server)');
    const port = await freePort();
    // JetStream on, in a directory of its own: the edges' command lines are kept there.
    const storeDir = mkdtempSync(join(tmpdir(), 'showcart-nats-'));
    const child = spawn(bin, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], { stdio: 'ignore' });
    const server = new NatsServer(child, port, storeDir);
    for (let i = 0; i < 100 && !(await listening(port)); i++) {
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    if (!(await listening(port))) {
      await server.stop();
      throw new Error('nats-server did not start');
    }
    return server;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((r) => this.child.once('exit', r));
      this.child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.storeDir, { recursive: true, force: true });
  }
}
