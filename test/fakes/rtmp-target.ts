import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const require = createRequire(import.meta.url);

/** A free TCP port on 127.0.0.1 (released before use; good enough for tests on one machine). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

// node-media-server keeps its state in module singletons, so a second server (a platform we
// restream to) must live in its own process. It reports publishes as JSON lines on stdout.
const CHILD = `
const [nmsPath, loggerPath, rtmpPort, httpPort, dir] = process.argv.slice(1);
const NodeMediaServer = require(nmsPath);
require(loggerPath).log = () => {};
const nms = new NodeMediaServer({ bind: '127.0.0.1', rtmp: { port: +rtmpPort }, http: { port: +httpPort }, webadmin: { enable: false }, store: { path: dir } });
const say = (event, s) => process.stdout.write(JSON.stringify({ event, path: s.streamPath, ip: s.ip }) + '\\n');
nms.on('postPublish', (s) => say('publish', s));
nms.on('donePublish', (s) => say('unpublish', s));
const running = nms.run();
const servers = [nms.rtmpServer.tcpServer, nms.httpServer.httpServer];
Promise.all([running, ...servers.map((s) => s.listening || new Promise((r) => s.once('listening', r)))])
  .then(() => process.stdout.write(JSON.stringify({ event: 'ready' }) + '\\n'));
`;

/** A publish (or its end) as the platform saw it. */
export interface TargetPublish {
  event: 'publish' | 'unpublish';
  path: string;
  ip: string;
}

/**
 * A platform's RTMP ingest for tests: a real node-media-server in a child process on
 * 127.0.0.1, with HTTP-FLV to check what it received. It can be killed, paused and restarted on
 * the same ports to play an outage.
 */
export class RtmpTargetServer {
  readonly publishes: TargetPublish[] = [];
  private child: ChildProcess | null = null;
  private readonly dir = mkdtempSync(join(tmpdir(), 'showcart-target-'));

  private constructor(
    readonly rtmpPort: number,
    readonly httpPort: number,
  ) {}

  static async start(): Promise<RtmpTargetServer> {
    const server = new RtmpTargetServer(await freePort(), await freePort());
    await server.restart();
    return server;
  }

  /** The ingest URL a show file would name (the key is appended by showcart). */
  url(app = 'app'): string {
    return `rtmp://127.0.0.1:${this.rtmpPort}/${app}`;
  }

  flvUrl(app: string, key: string): string {
    return `http://127.0.0.1:${this.httpPort}/${app}/${key}.flv`;
  }

  get running(): boolean {
    return this.child !== null;
  }

  async restart(): Promise<void> {
    if (this.child) return;
    rmSync(join(this.dir, '.lock'), { force: true });
    const args = [
      '-e',
      CHILD,
      require.resolve('node-media-server'),
      require.resolve('node-media-server/src/core/logger.js'),
      String(this.rtmpPort),
      String(this.httpPort),
      this.dir,
    ];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the RTMP target did not start in 10 s')), 10_000);
      child.once('exit', (code) => reject(new Error(`the RTMP target exited with ${code}`)));
      createInterface({ input: child.stdout }).on('line', (line) => {
        const msg = JSON.parse(line) as TargetPublish | { event: 'ready' };
        if (msg.event === 'ready') {
          clearTimeout(timer);
          resolve();
        } else this.publishes.push(msg);
      });
    });
  }

  /** Publishes seen for one stream path, e.g. /app/KEY. */
  publishCount(path: string): number {
    return this.publishes.filter((p) => p.event === 'publish' && p.path === path).length;
  }

  /** A platform that hangs: connections stay open, nothing is read (SIGSTOP); resume() lets it go on. */
  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }

  /** An outage: the process dies at once, its connections reset. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
