import { runHostileMix, MIX, type HostileMixReport } from '../test/support/hostile-mix.js';
import { fmt, spread, type BenchResult } from './measure.js';

/** Issue 15's 30 s, after 3 s for the honest viewers to join. */
const RUN_MS = 30_000;

/**
 * The hostile mix of test/reliability/hostile-mix.test.ts, measured: the same 100 honest web viewers
 * (chat, !buy, !stock, !price) for 30 s, first alone, then beside the attack (re-hello and line
 * floods, slow readers, 5,000 idle sockets, malformed RTMP every second, hoarding bots). showcart
 * runs as the tests run it (its own process, through tsx). Figures: the honest viewers' reply
 * latency (send → answer at the viewer), peak RSS of showcart and of its media process, and what
 * the limits refused or closed.
 */
export async function benchHostileMix(): Promise<BenchResult> {
  const calm = await runHostileMix({ durationMs: RUN_MS, attack: false });
  const attacked = await runHostileMix({ durationMs: RUN_MS, attack: true });
  const lines = [
    `${MIX.viewers} honest viewers on their own addresses, ${RUN_MS / 1000} s; showcart through tsx with RTMP on; latency = send → answer at the viewer`,
  ];
  for (const [name, r] of [
    ['without the attack', calm],
    ['with the attack   ', attacked],
  ] as const)
    lines.push(`${name}: ${honestLine(r)}`);
  lines.push(...attackLines(attacked));
  const figures = (r: HostileMixReport) => {
    const all = spread(r.honest.latencies.map((l) => l.ms));
    return {
      answered: r.honest.answered,
      commands: r.honest.commands,
      p50Ms: all.p50,
      p99Ms: all.p99,
      maxMs: all.max,
      buyP99Ms: spread(kind(r, true)).p99,
      publicP99Ms: spread(kind(r, false)).p99,
      peakRssMb: r.rss.peakMb,
      peakMediaRssMb: r.rss.peakMediaMb,
      healthP99Ms: spread(r.health.latenciesMs).p99,
      healthFailed: r.health.failed,
    };
  };
  const attack = attacked.attack && {
    ...attacked.attack,
    hoard: { ...attacked.attack.hoard, orders: Object.values(attacked.attack.hoard.orders).flat().length },
  };
  return {
    lines,
    figures: {
      runMs: RUN_MS,
      calm: figures(calm),
      attacked: {
        ...figures(attacked),
        attack,
        web: attacked.web && { refused: attacked.web.refused, slowReaders: attacked.web.slowReaders },
        latecomers: attacked.honest.latecomers,
      },
    },
  };
}

/** Latencies of private answers (!buy: the order line) or of answers said in the room (!stock, !price). */
const kind = (r: HostileMixReport, buy: boolean) => r.honest.latencies.filter((l) => l.command.startsWith('!buy') === buy).map((l) => l.ms);
const ms = (s: { p50: number; p99: number }) => `${fmt(s.p50)} / ${fmt(s.p99)} ms`;

function honestLine(r: HostileMixReport): string {
  const all = spread(r.honest.latencies.map((l) => l.ms));
  const health = spread(r.health.latenciesMs);
  return (
    `answers ${r.honest.answered}/${r.honest.commands}, p50 / p99 ${ms(all)} (max ${fmt(all.max)}); !buy (private) ${ms(spread(kind(r, true)))}, ` +
    `!stock/!price (room) ${ms(spread(kind(r, false)))}; peak RSS ${fmt(r.rss.peakMb)} MB + media ${fmt(r.rss.peakMediaMb)} MB; ` +
    `/api/health p99 ${fmt(health.p99)} ms, ${r.health.failed} failed of ${r.health.probes}; room replies seen: ${r.honest.roomReplies.honest} honest, ${r.honest.roomReplies.attack} to the attack; ` +
    `new viewers joining during the run: ${JSON.stringify(r.honest.latecomers)}; orders ${r.store.orderIds.length}, ledger ${r.store.ledger.stock_available} + ${r.store.ledger.held} + ${r.store.ledger.paid} = ${r.store.ledger.stock_total}`
  );
}

function attackLines(r: HostileMixReport): string[] {
  const a = r.attack;
  if (!a) return [];
  const { idle, slow, hoard, rtmp } = a;
  const orders = Object.values(hoard.orders).flat().length;
  return [
    `upgrades seen by the attack: ${Object.entries(a.statuses)
      .map(([s, n]) => `${s}: ${fmt(n)}`)
      .join(', ')}; showcart counted refused ${JSON.stringify(r.web?.refused)}, cut for buffers ${r.web?.slowReaders ?? '?'}`,
    `idle sockets: ${fmt(idle.admitted)} admitted (at most ${fmt(idle.maxOpen)} open at once, ${idle.maxOpenPerAddress} per address), ${fmt(idle.refused)} refused, ${idle.failed} failed; ${fmt(idle.closedByServer)} closed at the hello timeout`,
    `flooders: ${Object.entries(a.flood.closes)
      .map(([k, n]) => `${k} ×${n}`)
      .join(', ')}; slow readers: ${slow.admitted} admitted, ${slow.refused} refused, ${slow.closedByServer} cut`,
    `hoarders: ${Object.values(hoard.identities).reduce((s, n) => s + n, 0)} new viewers on ${MIX.hoardAddresses} networks, ${hoard.sessionRefused} hellos refused (4029), ${orders} orders, ${hoard.capped} told the network holds enough, ${hoard.other.length} other`,
    `malformed RTMP: ${rtmp.sent} sent, ${rtmp.closed} closed, ${rtmp.reset} reset, ${rtmp.hung.length} left open; media process crashed: ${r.mediaCrashed ? 'yes' : 'no'}; errors logged: ${r.errors.length}`,
    `web outbox at the end: ${JSON.stringify(r.outbox)}`,
  ];
}
