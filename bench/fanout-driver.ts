/**
 * One socket driver of the fan-out benchmark, in a process of its own (its CPU apart from the
 * edges' and the core's): opens raw web chat readers on request and stamps, per armed purchase,
 * when its alert line reached each of them. Driven over IPC.
 */
import { RawReader, OpenFailed } from './fanout-socket.js';
import { BUYER_PREFIX, type DriverReply, type DriverRequest } from './fanout-protocol.js';

/** Upgrades in flight at once: more only overflows the servers' accept backlog. */
const CONCURRENCY = 200;
const ALERT = Buffer.from('just bought');
const TAG = Buffer.from(BUYER_PREFIX);

const now = () => performance.timeOrigin + performance.now();
const readers: RawReader[] = [];
const armed = new Map<string, number[]>();

/** Looks at a frame only while a purchase is armed, and only at its bytes (no string, no JSON). */
function onText(payload: Buffer): void {
  if (armed.size === 0) return;
  const at = now();
  if (payload.indexOf(ALERT) < 0) return;
  const i = payload.indexOf(TAG);
  if (i < 0) return;
  let j = i + TAG.length;
  while (j < payload.length && payload[j]! >= 48 && payload[j]! <= 57) j++;
  armed.get(payload.toString('latin1', i, j))?.push(at);
}

async function open(host: string, port: number, count: number): Promise<{ opened: number; failed: Record<string, number> }> {
  const failed: Record<string, number> = {};
  let started = 0;
  let opened = 0;
  const worker = async () => {
    while (started < count) {
      started++;
      try {
        readers.push(await RawReader.open(host, port, onText));
        opened++;
      } catch (err) {
        const reason = err instanceof OpenFailed ? err.reason : String(err);
        failed[reason] = (failed[reason] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, count) }, worker));
  return { opened, failed };
}

const openNow = () => readers.reduce((n, r) => n + (r.open ? 1 : 0), 0);

// The benchmark gone (even killed hard): nothing is left holding sockets.
process.on('disconnect', () => process.exit(0));

process.on('message', (msg: DriverRequest) => {
  const reply = (r: Omit<DriverReply, 'id' | 'open'>) => process.send!({ id: msg.id, open: openNow(), ...r } satisfies DriverReply);
  if (msg.cmd === 'open') return void open(msg.host, msg.port, msg.count).then(reply);
  if (msg.cmd === 'arm') {
    armed.set(msg.tag, []);
    return reply({});
  }
  if (msg.cmd === 'take') {
    const stamps = armed.get(msg.tag) ?? [];
    if (msg.peek) return reply({ got: stamps.length });
    armed.delete(msg.tag);
    return reply({ got: stamps.length, stamps });
  }
  for (const r of readers) r.destroy();
  reply({});
  process.disconnect();
});
