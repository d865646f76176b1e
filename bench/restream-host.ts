/**
 * showcart's media part alone in a child process of the restream benchmark, so its CPU can be
 * read from /proc apart from the benchmark's own RTMP players. Driven over IPC. (startMedia runs
 * node-media-server in a process of its own again; its pid is reported.)
 */
import pino from 'pino';
import { startMedia } from '../media/index.js';
import { Secrets } from '../orchestrator/shared/secrets.js';

/** The host's ports, its targets (all starting disabled) and transport, passed in SHOWCART_BENCH_HOST. */
export interface HostConfig {
  rtmpPort: number;
  httpPort: number;
  sinkUrl: string;
  names: string[];
  transport: 'ffmpeg' | 'push';
  obsKey: string;
  dataDir: string;
}

/** What the benchmark asks over IPC; every request is answered with the pids (the media process first, then ffmpeg children). */
export type HostRequest = { cmd: 'enable' | 'disable'; name: string } | { cmd: 'pids' } | { cmd: 'stop' };

const config = JSON.parse(process.env.SHOWCART_BENCH_HOST ?? '{}') as HostConfig;
const env: Record<string, string> = { OBS_KEY: config.obsKey };
config.names.forEach((name, i) => (env[`SINK_KEY_${i}`] = name));
const media = await startMedia({
  config: {
    rtmpPort: config.rtmpPort,
    httpPort: config.httpPort,
    app: 'live',
    streamKeyEnv: 'OBS_KEY',
    reconnectGrace: 30_000,
    targets: config.names.map((_name, i) => ({ name: `t${i}`, url: config.sinkUrl, keyEnv: `SINK_KEY_${i}`, enabled: false })),
  },
  secrets: new Secrets(env),
  log: pino({ level: 'error' }, pino.destination(2)),
  onEvent: () => undefined,
  host: '127.0.0.1',
  dataDir: config.dataDir,
  hls: false,
  restreamWith: config.transport,
});

process.on('message', (msg: HostRequest) => {
  void (async () => {
    if (msg.cmd === 'enable' || msg.cmd === 'disable') await media.setTargetEnabled(msg.name, msg.cmd === 'enable');
    if (msg.cmd === 'stop') await media.stop();
    // node-media-server and the restreams run in showcart's media process: that is the process to measure, not this thin parent
    const mediaPid = media.mediaProcess().pid ?? process.pid;
    process.send!({ done: msg.cmd, pids: [mediaPid, ...media.children().map((c) => c.pid)], states: media.status().targets.map((t) => t.state) });
    if (msg.cmd === 'stop') process.disconnect();
  })();
});
process.send!({ done: 'start' });
