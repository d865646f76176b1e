import pino, { type Logger, type DestinationStream } from 'pino';
import pretty from 'pino-pretty';
import type { Secrets } from './secrets.js';

export type { Logger };

export interface LogOptions {
  level?: string;
  secrets: Secrets;
  /** Where lines go; stdout by default (tests pass a memory stream to read them). */
  destination?: DestinationStream;
}

/**
 * Structured JSON logs. Known secret values are masked in every argument, and keys that usually
 * carry secrets are redacted, so a token can reach the log neither by value nor by name.
 */
export function createLogger(options: LogOptions): Logger {
  const { secrets } = options;
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      base: { app: 'showcart' },
      redact: {
        paths: ['token', '*.token', 'password', '*.password', 'authorization', '*.authorization', 'headers.authorization', 'streamKey', '*.streamKey'],
        censor: '[redacted]',
      },
      serializers: { err: (err: unknown) => pino.stdSerializers.err(secrets.scrub(err) as Error) },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => secrets.scrub(a)) as Parameters<typeof method>);
        },
      },
    },
    options.destination ?? defaultDestination(),
  );
}

/** People at a terminal get readable lines; services and CI (and LOG_FORMAT=json) get JSON. */
function defaultDestination(): DestinationStream {
  if (process.stdout.isTTY && process.env.LOG_FORMAT !== 'json') {
    return pretty({ colorize: true, ignore: 'pid,hostname,app', translateTime: 'HH:MM:ss' });
  }
  return pino.destination({ sync: false });
}
