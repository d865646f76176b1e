import { DISCORD_CHANNEL, GROUP, startThreePlatforms, type ThreePlatforms } from '../test/support/three-platforms.js';
import { fmt, spread, type BenchResult } from './measure.js';

/** Lines per second over the three platforms, each for `SECONDS`: at, and three times, Telegram's sustained group rate. */
const RATES = [1, 3];
const SECONDS = Number(process.env.RELAY_SECONDS ?? 60);
const SETTLE_MS = 10_000;
type Platform = 'telegram' | 'twitch' | 'discord';
const PLATFORMS: readonly Platform[] = ['telegram', 'twitch', 'discord'];

/**
 * `npm run bench -- relay`: plain chat relayed between Telegram, Twitch and Discord at a steady
 * rate, through the real clients and fakes that enforce each platform's limits (the Twitch bot no
 * moderator): per receiving platform, the time from a line said to its delivery in a digest. A
 * Telegram group takes 20 lines a minute, so at 1 line/s and more every line waits for a digest;
 * pacing one digest per sustained gap bounds that wait.
 */
export async function benchRelayPace(): Promise<BenchResult> {
  const lines: string[] = [];
  const figures: Record<string, unknown> = {};
  for (const rate of RATES) {
    const rig = await startThreePlatforms(`moderation: { enabled: false }\n`, {}, { enforceLimits: true, twitchModerator: false });
    try {
      const said = await drive(rig, rate);
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      const delays = deliveries(rig, said);
      const row = PLATFORMS.map((p) => {
        const s = spread(delays[p]);
        figures[`${rate}/s ${p}`] = s;
        return `${p} p50 ${fmt(s.p50 / 1000, 1)} s, p99 ${fmt(s.p99 / 1000, 1)} s, max ${fmt(s.max / 1000, 1)} s (${s.n} of ${expected(said, p)})`;
      });
      lines.push(`${rate} line/s for ${SECONDS} s → ${row.join(' · ')}`);
    } finally {
      await rig.stop();
    }
  }
  lines.push('goal: p99 ≤ 5 s on Telegram at any inflow');
  return { lines, figures };
}

interface Said {
  token: string;
  from: Platform;
  at: number;
}

async function drive(rig: ThreePlatforms, rate: number): Promise<Said[]> {
  const said: Said[] = [];
  const start = Date.now();
  for (let k = 0; k < rate * SECONDS; k++) {
    const wait = start + (k * 1000) / rate - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const from = PLATFORMS[k % 3]!;
    const token = `probe${k}x`;
    const text = `relay ${token} hello`;
    const n = k % 50;
    if (from === 'telegram') rig.telegram.injectText({ chatId: GROUP, from: { id: 8_000_000 + n, first_name: `Tg${n}` }, text });
    else if (from === 'twitch') rig.twitch.say({ channel: 'candleshop', user: { id: String(8_100_000 + n), login: `tw${n}`, displayName: `tw${n}` }, text });
    else rig.discord.say({ channelId: DISCORD_CHANNEL, user: { id: `75${String(n).padStart(16, '0')}`, username: `dc${n}` }, content: text });
    said.push({ token, from, at: Date.now() });
  }
  return said;
}

/** Per receiving platform, the delay of each line from the other two platforms, read from the fakes' own records. */
function deliveries(rig: ThreePlatforms, said: readonly Said[]): Record<Platform, number[]> {
  const byToken = new Map(said.map((s) => [s.token, s]));
  const out: Record<Platform, number[]> = { telegram: [], twitch: [], discord: [] };
  const record = (to: Platform, text: string, at: number) => {
    for (const m of text.matchAll(/probe\d+x/g)) {
      const s = byToken.get(m[0]);
      if (s && s.from !== to) out[to].push(at - s.at);
    }
  };
  for (const c of rig.telegram.calls) if (c.method === 'sendMessage' && c.status === 200) record('telegram', String(c.params.text), c.at);
  for (const e of rig.twitch.events) if (e.kind === 'message' && e.login === 'showcartbot') record('twitch', e.text, e.at);
  for (const c of rig.discord.calls) if (c.method === 'POST' && c.status === 200 && typeof c.body.content === 'string') record('discord', c.body.content, c.at);
  return out;
}

function expected(said: readonly Said[], to: Platform): number {
  return said.filter((s) => s.from !== to).length;
}
