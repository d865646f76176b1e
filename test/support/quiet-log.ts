import pino, { type Logger } from 'pino';
import { Writable } from 'node:stream';

/** A logger that keeps its lines in memory, for tests that read or ignore them. */
export function memoryLog(): { log: Logger; lines: () => Array<Record<string, unknown>>; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const log = pino({ level: 'debug' }, stream);
  const text = () => chunks.join('');
  return { log, text, lines: () => text().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}
