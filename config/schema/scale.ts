import { z } from 'zod';

/**
 * Past one machine (off unless set): the core and its web edges (`npm run edge`) meet on NATS.
 * The core then opens no web chat sockets itself; every edge does, and all of them share the
 * web sessions' key (SHOWCART_WEB_SECRET) so a viewer is the same viewer on any edge.
 */
export const ScaleConfig = z.strictObject({
  /** Where NATS listens, e.g. nats://127.0.0.1:4222 (Debian: nats-server). */
  nats: z.string().regex(/^(nats|tls):\/\/[^\s/]+$/, 'expected a NATS URL such as nats://127.0.0.1:4222'),
});
export type ScaleConfig = z.infer<typeof ScaleConfig>;

/** A NATS URL as it may be printed: a user and password in it become ***. */
export const natsForDisplay = (url: string): string => url.replace(/^([a-z]+:\/\/)[^@/]*@/i, '$1***@');
