import type { Logger } from 'pino';
import tmi from 'tmi.js';
import { connectFailure } from './twitch-errors.js';

/** tmi.js paces joins after the first; 300 ms is the shortest it allows and well inside Twitch's 20 joins / 10 s. */
const JOIN_INTERVAL_MS = 300;

/** The token as Helix wants it; people paste it with or without "oauth:". */
export function bareToken(token: string): string {
  return token.trim().replace(/^oauth:/i, '');
}

export interface TmiSettings {
  server: string;
  port: number;
  secure: boolean;
  username: string;
  token: string;
  /** Channel logins without '#'. */
  channels: readonly string[];
  log: Logger;
}

/**
 * A tmi.js client that never reconnects by itself (our ConnectionSupervisor does, with backoff
 * and jitter) and never calls Twitch's HTTP APIs behind our back (emote sets, membership lists).
 */
export function createTmiClient(s: TmiSettings): tmi.Client {
  // tmi.js logs every chat line at "info" and its own troubles as strings; all of it is debug detail
  // here, since every failure that matters reaches us as a rejected promise or an event.
  const debug = (message: unknown) => s.log.debug({ lib: 'tmi.js' }, String(message));
  return new tmi.Client({
    options: { skipUpdatingEmotesets: true, skipMembership: true, joinInterval: JOIN_INTERVAL_MS },
    connection: { server: s.server, port: s.port, secure: s.secure, reconnect: false },
    identity: { username: s.username, password: `oauth:${bareToken(s.token)}` },
    channels: s.channels.map((c) => `#${c}`),
    logger: { info: debug, warn: debug, error: debug },
  });
}

/**
 * Makes a client we are done with inert. On a Twitch RECONNECT notice tmi.js disconnects and then
 * calls connect() again after a delay even with `reconnect: false`; that second connection would
 * join the channels beside the one the supervisor opens, unwatched.
 */
export function retire(client: tmi.Client): void {
  Object.assign(client, { connect: () => Promise.reject(new Error('this Twitch client was retired')) });
}

/** Closes a client without waiting forever on a peer that never answers the close. */
export async function closeClient(client: tmi.Client, graceMs = 2000): Promise<void> {
  if (client.readyState() === 'CLOSED') return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([client.disconnect().catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
  clearTimeout(timer);
}

/**
 * Watches the bot's own joins from before connect(); `wait` resolves with the channels still not
 * joined after `timeoutMs` (a suspended channel must not block the others), or rejects if the
 * connection drops meanwhile.
 */
export function trackJoins(client: tmi.Client, channels: readonly string[], tokenEnv?: string): { wait: (timeoutMs: number) => Promise<string[]> } {
  const pending = new Set(channels.map((c) => `#${c}`));
  let joinedAll!: () => void;
  let dropped!: (err: Error) => void;
  const done = new Promise<void>((resolve, reject) => {
    joinedAll = resolve;
    dropped = reject;
  });
  // A drop during connect() rejects before anyone waits; that rejection is handled by connect().
  done.catch(() => undefined);
  client.on('join', (channel, _user, self) => {
    if (!self) return;
    pending.delete(channel.toLowerCase());
    if (pending.size === 0) joinedAll();
  });
  client.on('disconnected', (reason) => dropped(connectFailure(reason, tokenEnv)));
  if (pending.size === 0) joinedAll();
  return {
    async wait(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([done, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]).finally(() => clearTimeout(timer));
      return [...pending].map((c) => c.slice(1));
    },
  };
}
