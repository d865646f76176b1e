import type { IncomingMessage } from 'node:http';
import { isIPv4, isIPv6 } from 'node:net';
import proxyaddr from 'proxy-addr';

/** Which proxies in front of showcart may say who the client is (`server.trustProxy`): none, a number of hops, or their addresses. */
export type TrustProxy = false | number | readonly string[];

/** Whether the hop at `address`, `i` hops from us, is a proxy allowed to name the client. */
export function trustOf(trust: TrustProxy): (address: string, i: number) => boolean {
  if (trust === false) return () => false;
  if (typeof trust === 'number') return (_address, i) => i < trust;
  return proxyaddr.compile([...trust]);
}

/**
 * The key per-address limits count under: an IPv4 address as is (IPv4-mapped IPv6 unwrapped), an
 * IPv6 address by its /64, since one subscriber gets a whole /64 and could rotate through it.
 * Undefined when the peer has no address (the socket is already gone).
 *
 * The peer is the socket's address, unless `server.trustProxy` names the proxy it is: then the
 * client address that proxy put in X-Forwarded-For (X-Forwarded-For from anyone else is whatever an
 * attacker wrote). Without it every viewer behind a proxy shares the proxy's address, which is why
 * the loopback is a shared address by default (see `sharedAddresses`).
 */
export function clientAddress(req: IncomingMessage, trust: (address: string, i: number) => boolean = () => false): string | undefined {
  if (req.socket.remoteAddress === undefined) return undefined;
  return addressKey(proxyaddr(req, trust));
}

export function addressKey(raw: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(raw);
  if (mapped) return mapped[1]!;
  if (isIPv4(raw)) return raw;
  if (!isIPv6(raw)) return raw;
  const groups = expandIPv6(raw.split('%')[0]!);
  // The loopback stays itself so that it can be listed as a shared address.
  if (groups.every((g, i) => g === (i === 7 ? 1 : 0))) return '::1';
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address (an embedded IPv4 tail counts as two). */
function expandIPv6(address: string): number[] {
  const [head = '', tail] = address.split('::');
  const parse = (part: string): number[] => (part === '' ? [] : part.split(':').flatMap((g) => (g.includes('.') ? ipv4Groups(g) : [Number.parseInt(g, 16)])));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...Array<number>(Math.max(0, 8 - left.length - right.length)).fill(0), ...right];
}

function ipv4Groups(dotted: string): number[] {
  const [a = 0, b = 0, c = 0, d = 0] = dotted.split('.').map(Number);
  return [(a << 8) | b, (c << 8) | d];
}
