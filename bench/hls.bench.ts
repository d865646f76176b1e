import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { searchPath } from '../media/ffmpeg-locate.js';
import { startMedia } from '../media/index.js';
import { Secrets } from '../orchestrator/shared/secrets.js';
import { freePort } from '../test/fakes/rtmp-target.js';
import { TestPublisher, heavyClip } from '../test/fakes/rtmp-tools.js';
import { parsePlaylist } from '../test/support/hls-playlist.js';
import { memoryLog } from '../test/support/quiet-log.js';
import { HlsCache, nginxBinary } from '../test/support/hls-cache.js';
import { hammer, playCrowd, type CrowdStats } from './hls-players.js';
import { fmt, spread, type BenchResult } from './measure.js';

const PLAYERS = Number(process.env.SHOWCART_BENCH_HLS_PLAYERS ?? 200);
const WINDOW_MS = 20_000;
const HAMMER_MS = 4000;
const HAMMER_CLIENTS = 32;
const MBPS = 3;
const OBS_KEY = 'bench-hls-obs-key-0123456789';
const CLIP = join(tmpdir(), `showcart-bench-720p30-${MBPS}M.flv`);
const PLAYLIST = '/hls/show/index.m3u8';

interface Half {
  crowd: CrowdStats;
  /** Requests that reached showcart's media port during the crowd's run. */
  origin: { playlist: number; segments: number };
  peak: { segments: number; bytes: number; errors: number };
  peakOrigin: { playlist: number; segments: number };
  /** % of one core during the crowd's run: showcart's media process, and nginx when in front. */
  cpu: { origin: number; cache: number | null };
}

/**
 * HLS to many viewers: `PLAYERS` simulated players (hls.js's fetch pattern) watch a 3 Mbit/s 720p
 * show with 2 s segments for 20 s, once straight from showcart's media port and once through
 * nginx running deploy/nginx/showcart-hls.conf; then 32 clients fetch the newest segment back to
 * back for 4 s against each. OBS is ffmpeg looping a pre-encoded clip (no encoding CPU).
 */
export async function benchHls(): Promise<BenchResult> {
  if (!searchPath('ffmpeg', process.env.PATH ?? '')) return { lines: ['skipped: ffmpeg is not installed'], figures: {} };
  if (!existsSync(CLIP)) await heavyClip(CLIP, MBPS);
  const [rtmpPort, httpPort] = [await freePort(), await freePort()];
  const dataDir = mkdtempSync(join(tmpdir(), 'showcart-bench-hls-'));
  const media = await startMedia({
    config: { rtmpPort, httpPort, app: 'live', streamKeyEnv: 'SHOWCART_STREAM_KEY', reconnectGrace: 30_000, targets: [] },
    secrets: new Secrets({ SHOWCART_STREAM_KEY: OBS_KEY }),
    log: memoryLog().log,
    onEvent: () => undefined,
    host: '127.0.0.1',
    dataDir,
  });
  const obs = TestPublisher.loop(CLIP, `rtmp://127.0.0.1:${rtmpPort}/live/${OBS_KEY}`);
  const origin = `http://127.0.0.1:${httpPort}`;
  try {
    await untilSegments(origin, 3);
    const originPid = media.mediaProcess().pid!;
    const direct = await runHalf(origin, () => null, [originPid]);
    let cached: Half | string;
    if (!nginxBinary()) cached = 'skipped: nginx is not installed (apt-get install nginx)';
    else {
      const listen = await freePort();
      const nginx = await HlsCache.start({ listen, app: await freePort(), media: httpPort });
      try {
        cached = await runHalf(`http://127.0.0.1:${listen}`, () => nginx.originRequests(), [originPid, nginx.pid]);
      } finally {
        await nginx.stop();
      }
    }
    return report(direct, cached);
  } finally {
    await obs.kill();
    await media.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function runHalf(base: string, originCount: () => { playlist: number; segments: number } | null, pids: number[]): Promise<Half> {
  const cpuBefore = pids.map(cpuMs);
  const t0 = performance.now();
  const crowd = await playCrowd(base, PLAYLIST, PLAYERS, WINDOW_MS);
  const [origin, cache] = pids.map((pid, i) => ((cpuMs(pid) - cpuBefore[i]!) / (performance.now() - t0)) * 100);
  const afterCrowd = originCount() ?? { playlist: crowd.playlists, segments: crowd.segments + crowd.errors };
  const peak = await hammer(base, PLAYLIST, HAMMER_CLIENTS, HAMMER_MS);
  const afterPeak = originCount();
  const peakOrigin = afterPeak
    ? { playlist: afterPeak.playlist - afterCrowd.playlist, segments: afterPeak.segments - afterCrowd.segments }
    : { playlist: Math.ceil(HAMMER_MS / 1000) + 1, segments: peak.segments + peak.errors };
  return { crowd, origin: afterCrowd, peak, peakOrigin, cpu: { origin: origin!, cache: cache ?? null } };
}

/** CPU time a process has used, ms (utime + stime from /proc, at Linux's 100 ticks a second). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function untilSegments(base: string, n: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const res = await fetch(`${base}${PLAYLIST}`).catch(() => null);
    if (res?.ok && parsePlaylist(await res.text()).segments.length >= n) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('no HLS playlist after 30 s');
}

function report(direct: Half, cached: Half | string): BenchResult {
  const s = WINDOW_MS / 1000;
  const line = (name: string, h: Half) => {
    const t = spread(h.crowd.segmentMs);
    return [
      `${name}: ${PLAYERS} players ${s} s: ${fmt(h.crowd.segments / s, 1)} segments/s served (${fmt(h.crowd.bytes / s / 2 ** 20, 1)} MiB/s), fetch p50 ${fmt(t.p50, 1)} ms, p99 ${fmt(t.p99, 1)} ms, ${h.crowd.errors} errors; origin requests ${h.origin.segments} segments + ${h.origin.playlist} playlists; CPU origin ${fmt(h.cpu.origin)} %${h.cpu.cache === null ? '' : `, nginx ${fmt(h.cpu.cache)} %`} of a core`,
      `${name}: peak, ${HAMMER_CLIENTS} clients back to back ${HAMMER_MS / 1000} s: ${fmt(h.peak.segments / (HAMMER_MS / 1000))} segments/s (${fmt(h.peak.bytes / (HAMMER_MS / 1000) / 2 ** 20)} MiB/s), ${h.peak.errors} errors; origin requests ${h.peakOrigin.segments} segments + ${h.peakOrigin.playlist} playlists`,
    ];
  };
  const figures = (h: Half) => ({ ...h, crowd: { ...h.crowd, segmentMs: spread(h.crowd.segmentMs) } });
  return {
    lines: [
      `stream ${MBPS} Mbit/s 720p30, 2 s segments`,
      ...line('origin (showcart media port)', direct),
      ...(typeof cached === 'string' ? [cached] : line('nginx cache (deploy/nginx/showcart-hls.conf)', cached)),
    ],
    figures: { players: PLAYERS, windowS: s, mbps: MBPS, origin: figures(direct), ...(typeof cached !== 'string' && { nginx: figures(cached) }) },
  };
}
