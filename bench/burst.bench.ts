import { BurstRig, PLATFORMS, type Buyer, type Platform } from './burst-rig.js';
import { fmt, spread, type BenchResult } from './measure.js';

/** Issue 16's burst: 500 buyers over four platforms; `BURST_BUYERS=100` for a quick run. */
const BUYERS = Number(process.env.BURST_BUYERS ?? 500);
/** Shares of the buyers per platform (telegram,twitch,discord,web), e.g. `BURST_SPLIT=1,1,1,1`. */
const SPLIT = (process.env.BURST_SPLIT ?? '1,1,1,1').split(',').map(Number);
/** Stock as a share of the buyers: the rest meet the waitlist (the sold-out tail). */
const STOCK_SHARE = Number(process.env.BURST_STOCK_SHARE ?? 0.8);
/** Every buyer types `!buy` within this window. */
const BURST_MS = 1_000;

/**
 * The earliest the n-th of n separate messages can go when the first goes at once: at most
 * `limit` per `windowMs` and, if `gapMs`, one per `gapMs`.
 */
export function windowBound(n: number, limit: number, windowMs: number, gapMs = 0): number {
  if (n <= 1) return 0;
  return Math.max((n - 1) * gapMs, Math.floor((n - 1) / limit) * windowMs);
}

/**
 * The platforms' limits for one answer per buyer: Telegram private messages at 30/s for those who
 * pressed Start, the group (1/s, 20/min) for those who did not; Twitch 20 lines per 30 s (1/s) for
 * a bot that is no moderator; Discord 5 per 5 s in the channel for those who take no DMs (half of
 * them), and for the others a DM each (two requests: open it, write; 50 requests/s per bot); the
 * web page has none.
 */
export function lowerBoundMs(platform: Platform, buyers: readonly Buyer[]): number {
  const n = buyers.length;
  switch (platform) {
    case 'telegram': {
      const started = buyers.filter((b) => b.started).length;
      return Math.max(windowBound(n - started, 20, 60_000, 1_000), windowBound(started, 30, 1_000));
    }
    case 'twitch':
      return windowBound(n, 20, 30_000, 1_000);
    case 'discord': {
      const dms = buyers.filter((b) => b.started).length;
      return Math.max(windowBound(n - dms, 5, 5_000), windowBound(2 * dms, 50, 1_000));
    }
    case 'web':
      return 0;
  }
}

/**
 * `npm run bench -- burst`: "3, 2, 1, buy!" — BUYERS viewers over Telegram, Twitch, Discord and
 * the web type `!buy` within one second; per platform, the time from each `!buy` until the fake
 * (or the buyer's socket) delivered an answer they can see: a private message to them, or a room
 * line that mentions them or replies to their line. Half the Telegram buyers never pressed Start.
 */
export async function benchBurst(): Promise<BenchResult> {
  const counts = shares(BUYERS, SPLIT);
  const stock = Math.round(BUYERS * STOCK_SHARE);
  const rig = new BurstRig();
  try {
    await rig.start(stock, counts.web);
    const buyers = await rig.buyers(counts);
    const of = (p: Platform) => buyers.filter((b) => b.platform === p);
    const bounds = Object.fromEntries(PLATFORMS.map((p) => [p, lowerBoundMs(p, of(p))])) as Record<Platform, number>;
    const waitMs = Object.fromEntries(PLATFORMS.map((p) => [p, 1.5 * bounds[p] + 30_000])) as Record<Platform, number>;
    const longest = Math.max(...Object.values(waitMs)) + BURST_MS;
    // Interleaved over the platforms, evenly across one second.
    const order = interleave(PLATFORMS.map(of));
    const start = Date.now();
    await Promise.all(
      order.map(
        (b, k) =>
          new Promise<void>((resolve) => setTimeout(() => resolve(rig.buy(b, longest)), Math.max(0, start + (k * BURST_MS) / order.length - Date.now()))),
      ),
    );
    // Until everyone is told, each platform's bounded wait is over, or nothing has moved for 20 s.
    let told = 0;
    let movedAt = Date.now();
    for (;;) {
      await new Promise((r) => setTimeout(r, 500));
      rig.scan(buyers);
      const now = Date.now();
      const nowTold = buyers.filter((b) => b.toldAt !== undefined).length;
      if (nowTold !== told) [told, movedAt] = [nowTold, now];
      const waiting = PLATFORMS.filter((p) => of(p).some((b) => b.toldAt === undefined) && now - start < waitMs[p] + BURST_MS);
      const stalled = now - movedAt > 20_000 && rig.app.outbox.isIdle;
      if (waiting.length === 0 || stalled) break;
    }
    const seconds = (Date.now() - start) / 1000;
    const refusals = rig.refusals();
    const outbox = rig.app.outbox.stats();
    const figures: Record<string, unknown> = { buyers: BUYERS, stock, split: counts, seconds, refusals, outbox };
    const lines = [
      `${BUYERS} buyers typed !buy within ${BURST_MS / 1000} s; stock ${stock} (the rest waitlisted); Telegram: half pressed Start; fakes enforce the limits; wait per platform 1.5 × bound + 30 s`,
      'platform   buyers  told  never   p50 s   p99 s   max s   bound s  private/room  reserved/waitlist/other  refused by the fake',
    ];
    for (const p of PLATFORMS) {
      const list = of(p);
      // Told within the platform's bounded wait; a later answer counts as never told.
      const done = list.filter((b) => b.toldAt !== undefined && b.toldAt - b.sentAt! <= waitMs[p]);
      const s = spread(done.map((b) => (b.toldAt! - b.sentAt!) / 1000));
      const privately = done.filter((b) => b.via === 'private').length;
      const outcome = (o: Buyer['outcome']) => done.filter((b) => b.outcome === o).length;
      const outcomes = { reserved: outcome('reserved'), waitlist: outcome('waitlist') + outcome('sold out'), other: outcome('other') };
      const refused =
        p === 'telegram'
          ? `429 ×${refusals.telegram429}, 403 ×${refusals.telegram403}`
          : p === 'twitch'
            ? `dropped silently ×${refusals.twitchDropped}`
            : p === 'discord'
              ? `429 ×${refusals.discord429}, DM refused ×${refusals.discordDmRefused}`
              : '–';
      figures[p] = {
        buyers: list.length,
        told: done.length,
        never: list.length - done.length,
        ...s,
        boundS: bounds[p] / 1000,
        waitS: waitMs[p] / 1000,
        privately,
        ...outcomes,
      };
      lines.push(
        `${p.padEnd(9)} ${String(list.length).padStart(6)} ${String(done.length).padStart(5)} ${String(list.length - done.length).padStart(6)}` +
          `  ${fmt(s.p50, 2).padStart(6)}  ${fmt(s.p99, 2).padStart(6)}  ${fmt(s.max, 2).padStart(6)}  ${fmt(bounds[p] / 1000, 1).padStart(8)}` +
          `  ${`${privately}/${done.length - privately}`.padStart(12)}  ${`${outcomes.reserved}/${outcomes.waitlist}/${outcomes.other}`.padStart(23)}  ${refused}`,
      );
    }
    lines.push(
      `measured for ${fmt(seconds, 1)} s; showcart's outbox: ${PLATFORMS.map((p) => `${p} sent ${outbox[p]?.sent ?? 0} (${outbox[p]?.mergedAnswers ?? 0} answers merged), 429s ${outbox[p]?.rateLimited ?? 0}, dropped ${Object.values(outbox[p]?.dropped ?? {}).reduce((a, n) => a + n, 0)}`).join('; ')}`,
    );
    return { lines, figures };
  } finally {
    await rig.stop();
  }
}

/** `total` split by `weights` over the four platforms, largest remainders last. */
function shares(total: number, weights: number[]): Record<Platform, number> {
  const sum = PLATFORMS.reduce((s, _, i) => s + (weights[i] ?? 0), 0);
  const out = Object.fromEntries(PLATFORMS.map((p, i) => [p, Math.floor((total * (weights[i] ?? 0)) / sum)])) as Record<Platform, number>;
  let left = total - PLATFORMS.reduce((s, p) => s + out[p], 0);
  for (const p of PLATFORMS) if (left > 0 && (weights[PLATFORMS.indexOf(p)] ?? 0) > 0) [out[p], left] = [out[p] + 1, left - 1];
  return out;
}

function interleave<T>(lists: T[][]): T[] {
  const out: T[] = [];
  for (let i = 0; lists.some((l) => i < l.length); i++) for (const l of lists) if (i < l.length) out.push(l[i]!);
  return out;
}
