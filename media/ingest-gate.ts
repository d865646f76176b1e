import { createHash, timingSafeEqual } from 'node:crypto';
import type { IngestState } from './types.js';

/** What a publishing session asked for. */
export interface PublishRequest {
  protocol: string;
  app: string;
  name: string;
}

/** What the gate knows: the key and the show's state. */
export interface GateState {
  /** The stream key from the environment; undefined refuses every publish. */
  key: string | undefined;
  keyEnv: string;
  app: string;
  show: IngestState;
}

/**
 * Accepted (a new show, or the same one resumed) or refused with a reason fit for logs. `guess`
 * marks a refusal where a name was compared with the key: those count toward the lockout.
 */
export type PublishDecision = { accept: true; resume: boolean } | { accept: false; reason: string; guess?: true };

/**
 * Who may publish: OBS over RTMP, to our app, with the stream key, and only one at a time. During
 * the reconnect grace the right key continues the show, from any address (OBS may come back on
 * a new connection or a new network). Reasons never quote the key that was tried.
 */
export function decidePublish(req: PublishRequest, gate: GateState): PublishDecision {
  if (gate.key === undefined) return { accept: false, reason: `no stream key: set ${gate.keyEnv} to accept OBS` };
  if (req.protocol !== 'rtmp') return { accept: false, reason: `publishing over ${req.protocol} is not accepted; use RTMP` };
  if (req.app !== gate.app) return { accept: false, reason: 'wrong app or stream key' };
  if (!sameSecret(req.name, gate.key)) return { accept: false, reason: 'wrong app or stream key', guess: true };
  if (gate.show === 'live') return { accept: false, reason: 'one publisher per show: another publisher is live with this key' };
  return { accept: true, resume: gate.show === 'reconnecting' };
}

/** Constant-time comparison, so response timing does not reveal how much of a guess was right. */
export function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/** Stream keys shorter than this are refused at start: a short key can be guessed. */
export const MIN_STREAM_KEY_LENGTH = 16;

/** Why a stream key cannot be used (the library refuses stream names outside [a-zA-Z0-9_-]), or null. Never quotes the key. */
export function streamKeyProblem(key: string, publicName: string): string | null {
  if (!/^[a-zA-Z0-9_-]+$/.test(key)) return 'the stream key may only use letters, digits, "-" and "_"';
  if (key === publicName) return `the stream key must not be "${publicName}", the public playback name`;
  if (key.length < MIN_STREAM_KEY_LENGTH) return `the stream key is too short: use ${MIN_STREAM_KEY_LENGTH} or more random characters`;
  return null;
}
