import { benchParser } from './parser.bench.js';
import { benchOutbox } from './outbox.bench.js';
import { benchPipeline } from './pipeline.bench.js';
import { benchEventLog } from './event-log.bench.js';
import { benchRestream } from './restream.bench.js';

/** `npm run bench`: prints figures; nothing here asserts a time, it measures. */
const benches: Array<[string, () => Promise<string[]>]> = [
  ['command parser', benchParser],
  ['outbox', benchOutbox],
  ['event log (SQLite WAL)', benchEventLog],
  ['inbound → relay pipeline', benchPipeline],
  ['restream (showcart vs nginx-rtmp)', benchRestream],
];

const only = process.argv[2];
console.log(`showcart benchmarks · node ${process.version} · ${new Date().toISOString()}`);
for (const [name, run] of benches) {
  if (only && !name.includes(only)) continue;
  console.log(`\n## ${name}`);
  for (const line of await run()) console.log(`  ${line}`);
}
