import { Agent, get } from 'node:http';
import { parsePlaylist } from '../test/support/hls-playlist.js';

/** What a crowd of players got in one run. */
export interface CrowdStats {
  playlists: number;
  segments: number;
  bytes: number;
  /** Request → last byte of each segment, ms. */
  segmentMs: number[];
  errors: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

function fetchBytes(agent: Agent, url: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = get(url, { agent, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

/**
 * `players` live HLS players, as hls.js behaves: join at a random moment within the first two
 * seconds, start three segments behind the live edge, fetch every new segment in order, and
 * reload the playlist a target duration after a change (half of one when nothing changed).
 */
export async function playCrowd(base: string, playlistPath: string, players: number, windowMs: number): Promise<CrowdStats> {
  const stats: CrowdStats = { playlists: 0, segments: 0, bytes: 0, segmentMs: [], errors: 0 };
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const until = performance.now() + windowMs;
  const folder = playlistPath.slice(0, playlistPath.lastIndexOf('/') + 1);

  const player = async () => {
    await sleep(Math.random() * 2000);
    const seen = new Set<string>();
    let last = '';
    while (performance.now() < until) {
      const round = performance.now();
      let text: string;
      try {
        const res = await fetchBytes(agent, `${base}${playlistPath}`);
        stats.playlists++;
        if (res.status !== 200) throw new Error(String(res.status));
        text = res.body.toString('utf8');
      } catch {
        stats.errors++;
        await sleep(500);
        continue;
      }
      const list = parsePlaylist(text);
      const fresh = seen.size === 0 ? list.segments.slice(-3) : list.segments.filter((s) => !seen.has(s));
      for (const s of list.segments) if (!fresh.includes(s)) seen.add(s);
      for (const segment of fresh) {
        if (performance.now() >= until) break;
        const t0 = performance.now();
        try {
          const res = await fetchBytes(agent, `${base}${folder}${segment}`);
          if (res.status !== 200) throw new Error(String(res.status));
          stats.segmentMs.push(performance.now() - t0);
          stats.segments++;
          stats.bytes += res.body.length;
        } catch {
          stats.errors++;
        }
        seen.add(segment);
      }
      const target = (Number.isFinite(list.targetDuration) ? list.targetDuration : 2) * 1000;
      await sleep((text === last ? target / 2 : target) - (performance.now() - round));
      last = text;
    }
  };
  await Promise.all(Array.from({ length: players }, player));
  agent.destroy();
  return stats;
}

/**
 * The most segments a server hands out: `concurrency` clients fetch the newest segment back to
 * back for `windowMs` (the playlist is reread every second, as a cache would).
 */
export async function hammer(
  base: string,
  playlistPath: string,
  concurrency: number,
  windowMs: number,
): Promise<{ segments: number; bytes: number; errors: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const folder = playlistPath.slice(0, playlistPath.lastIndexOf('/') + 1);
  const newest = async () => parsePlaylist((await fetchBytes(agent, `${base}${playlistPath}`)).body.toString('utf8')).segments.at(-1)!;
  let segment = await newest();
  const until = performance.now() + windowMs;
  const out = { segments: 0, bytes: 0, errors: 0 };
  const refresh = setInterval(
    () =>
      void newest().then(
        (s) => (segment = s ?? segment),
        () => undefined,
      ),
    1000,
  );
  const client = async () => {
    while (performance.now() < until) {
      try {
        const res = await fetchBytes(agent, `${base}${folder}${segment}`);
        if (res.status !== 200) throw new Error(String(res.status));
        out.segments++;
        out.bytes += res.body.length;
      } catch {
        out.errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  clearInterval(refresh);
  agent.destroy();
  return out;
}
