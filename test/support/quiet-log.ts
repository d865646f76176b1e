import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { Writable } from 'node:stream';

/** Set by the suite's global setup: every log line tests write also lands in a file there, for the secret scan. */
export const SUITE_LOG_DIR_ENV = 'SHOWCART_TEST_LOG_DIR';

let suiteLogFile: string | null | undefined;

/** Appends text to this worker's file of the suite log (nothing when run outside the suite's setup). */
export function appendSuiteLog(text: string): void {
  if (suiteLogFile === undefined) {
    const dir = process.env[SUITE_LOG_DIR_ENV];
    suiteLogFile = dir ? join(dir, `worker-${process.pid}.log`) : null;
    if (dir) mkdirSync(dir, { recursive: true });
  }
  if (suiteLogFile) appendFileSync(suiteLogFile, text);
}

/** A logger that keeps its lines in memory, for tests that read or ignore them. */
export function memoryLog(): { log: Logger; lines: () => Array<Record<string, unknown>>; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      const text = chunk.toString();
      chunks.push(text);
      appendSuiteLog(text);
      done();
    },
  });
  const log = pino({ level: 'debug' }, stream);
  const text = () => chunks.join('');
  return {
    log,
    text,
    lines: () =>
      text()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}
