/**
 * Request parsing specific to the Discord REST fake.
 */
import type { IncomingMessage } from 'node:http';
import { paramText, parseParams, readBody } from './http-util.js';

/**
 * The JSON a discord.js request carries: the body itself, or the
 * `payload_json` part of a multipart upload. Throws on malformed JSON.
 */
export async function readDiscordBody(req: IncomingMessage): Promise<unknown> {
  const bytes = await readBody(req);
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('multipart/')) return JSON.parse(paramText(parseParams(req, bytes).payload_json, '{}')) as unknown;
  return bytes.length > 0 ? (JSON.parse(bytes.toString('utf8')) as unknown) : {};
}

/** The moderation reason discord.js sends URL-encoded in `X-Audit-Log-Reason`. */
export function auditReason(req: IncomingMessage): string | undefined {
  const raw = req.headers['x-audit-log-reason'];
  return typeof raw === 'string' ? decodeURIComponent(raw) : undefined;
}
