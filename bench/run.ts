import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { benchParser } from './parser.bench.js';
import { benchOutbox } from './outbox.bench.js';
import { benchPipeline } from './pipeline.bench.js';
import { benchEventLog } from './event-log.bench.js';
import { benchRestream } from './restream.bench.js';
import { benchChatStorm } from './chat-storm.bench.js';
import { benchOrders } from './orders.bench.js';
import { benchCheckout } from './checkout.bench.js';
import { benchMemory } from './memory.bench.js';
import type { BenchResult } from './measure.js';

/** `npm run bench [-- name]`: prints figures and writes them to bench/results/latest.json; nothing here asserts a time. */
const benches: Array<[string, () => Promise<string[] | BenchResult>]> = [
  ['command parser', benchParser],
  ['outbox', benchOutbox],
  ['event log (SQLite WAL)', benchEventLog],
  ['inbound → relay pipeline', benchPipeline],
  ['chat storm (real clients over the fakes)', benchChatStorm],
  ['order contention', benchOrders],
  ['checkout (!buy → link → paid, built-in provider)', benchCheckout],
  ['memory', benchMemory],
  ['restream (showcart vs nginx-rtmp)', benchRestream],
  ['hostile-mix (honest viewers beside the attack)', async () => (await import('./hostile-mix.bench.js')).benchHostileMix()],
  ['burst (3, 2, 1, buy! across four platforms)', async () => (await import('./burst.bench.js')).benchBurst()],
  ['relay pacing (steady chat between three platforms)', async () => (await import('./relay-pace.bench.js')).benchRelayPace()],
  ['auction (a bidding war across three platforms and the web)', async () => (await import('./auction.bench.js')).benchAuction()],
  ['hls (segments to many players, from the origin and through an nginx cache)', async () => (await import('./hls.bench.js')).benchHls()],
  ['fanout (web viewers across two edges over NATS, against one process)', async () => (await import('./fanout.bench.js')).benchFanout()],
];

const only = process.argv[2];
const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGb: Math.round(totalmem() / 2 ** 30),
  os: `${osType()} ${release()}`,
  node: process.version,
};
console.log(`showcart benchmarks · node ${process.version} · ${machine.cores} × ${machine.cpu} · ${new Date().toISOString()}`);
const results: Record<string, { lines: string[]; figures?: Record<string, unknown> }> = {};
for (const [name, run] of benches) {
  if (only && !name.includes(only)) continue;
  console.log(`\n## ${name}`);
  const out = await run();
  const result = Array.isArray(out) ? { lines: out } : out;
  for (const line of result.lines) console.log(`  ${line}`);
  results[name] = result;
}

// A run of one benchmark updates its entry and keeps the others'.
const file = 'bench/results/latest.json';
let previous: { results?: typeof results } = {};
try {
  previous = JSON.parse(readFileSync(file, 'utf8')) as typeof previous;
} catch {
  // first run
}
mkdirSync('bench/results', { recursive: true });
writeFileSync(file, `${JSON.stringify({ ranAt: new Date().toISOString(), machine, results: { ...previous.results, ...results } }, null, 2)}\n`);
console.log(`\nwritten to ${file}`);
