import { CLOSE, type ClientMessage, type RefusalCode } from './web-protocol.js';
import { cleanName, sameSecret, type WebSessions } from './web-session.js';

export type Hello = Extract<ClientMessage, { type: 'hello' }>;

export type HelloVerdict = { ok: true; userId: string; session: string; name: string } | { ok: false; message: string; code: RefusalCode; close: number };

export interface HelloDeps {
  sessions: WebSessions;
  /** Set for a private show: only a hello carrying this invite code gets in (null: nobody does). */
  invite: string | null | undefined;
  /** Whether this address may be given one more viewer id now; counts it if so. */
  newSession(): boolean;
}

/**
 * Who a hello makes the socket: a returning viewer keeps the id of their signed session, anyone
 * else gets a new one while their address has new ids left. Every refusal closes the socket:
 * a socket says hello once.
 */
export function judgeHello(hello: Hello, deps: HelloDeps): HelloVerdict {
  const shut = judgeWatch(hello, deps.invite);
  if (shut) return shut;
  const name = cleanName(hello.name);
  if (!name) return { ok: false, message: 'Pick a name of 1 to 32 characters.', code: 'badName', close: CLOSE.refused };
  const known = deps.sessions.verify(hello.session);
  if (known) return { ok: true, userId: known, session: hello.session!, name };
  if (!deps.newSession()) {
    return { ok: false, message: 'Too many new viewers from your network just now; try again in a minute.', code: 'tooManyNew', close: CLOSE.tooManySessions };
  }
  return { ok: true, ...deps.sessions.issue(), name };
}

/** Whether a reader may read: anyone, except on a private show without its invite. Undefined: yes. */
export function judgeWatch(watch: { invite?: string }, invite: string | null | undefined): Extract<HelloVerdict, { ok: false }> | undefined {
  if (invite !== undefined && (invite === null || !sameSecret(watch.invite, invite))) {
    return { ok: false, message: 'This is a private show: open it with your invite link.', code: 'private', close: CLOSE.refused };
  }
  return undefined;
}
