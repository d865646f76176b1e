import pino from 'pino';
import { MemoryChannel } from '../bots/memory/memory-channel.js';
import { parseShow } from '../config/loader.js';
import { startShowcart } from '../orchestrator/app.js';
import { Secrets } from '../orchestrator/shared/secrets.js';
import { fmt, percentile } from './measure.js';

/** A chat line from one platform until it is handed to another platform's send: the orchestrator's own latency. */
export async function benchPipeline(): Promise<string[]> {
  const config = parseShow('show: {id: bench, name: Bench}\nserver: {host: 127.0.0.1, port: 0}\nchannels: {web: {enabled: false}}\n', 'bench.yaml', {}).config;
  const twitch = new MemoryChannel('twitch', ['c']);
  const discord = new MemoryChannel('discord', ['d']);
  const app = await startShowcart({
    config,
    database: { sqlitePath: ':memory:' },
    secrets: new Secrets({}),
    log: pino({ level: 'silent' }),
    extraChannels: [twitch, discord],
  });
  const latencies: number[] = [];
  const users = 50;
  const n = 5000;
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const sentBefore = discord.sent.length;
    const t0 = performance.now();
    void twitch.say({ id: `u${i % users}`, name: `viewer${i % users}` }, `message ${i}`);
    // Measured to the moment the relay reaches the other platform's send, not to the line's whole handling.
    while (discord.sent.length === sentBefore) await new Promise<void>((r) => setImmediate(r));
    latencies.push(performance.now() - t0);
  }
  const seconds = (performance.now() - start) / 1000;
  await app.stop();
  latencies.sort((a, b) => a - b);
  return [
    `${fmt(n)} lines from ${users} viewers, one at a time: p50 ${fmt(percentile(latencies, 50), 3)} ms, p99 ${fmt(percentile(latencies, 99), 3)} ms, max ${fmt(latencies.at(-1)!, 2)} ms`,
    `${fmt(n / seconds)} lines/s sequential throughput (viewer lookup, event log, parse, bus, relay, outbox)`,
  ];
}
