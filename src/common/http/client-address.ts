import { isIPv4, isIPv6 } from 'node:net';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { FastifyRequest } from 'fastify';

/**
 * The caller's subject for per-address rate limits (see `rateLimitSubject`): from the connection's
 * address, or X-Forwarded-For's when the connection comes from a proxy in TRUSTED_PROXIES (Fastify's
 * trustProxy decides). Never stored raw: the limiter keeps only a keyed hash of it.
 */
export const ClientAddress = createParamDecorator((_data: unknown, context: ExecutionContext): string =>
  rateLimitSubject(context.switchToHttp().getRequest<FastifyRequest>().ip),
);

/**
 * An IPv4 address stays itself (an IPv4-mapped IPv6 address counts as that IPv4 address). An IPv6
 * address counts as its /64: a subscriber is normally given a whole /64, so keying on the full
 * address would hand each client 2^64 fresh limits.
 */
export function rateLimitSubject(address: string): string {
  if (isIPv4(address)) {
    return address;
  }
  const bare = address.split('%')[0]; // a zone id (fe80::1%eth0) names an interface, not a host
  if (!isIPv6(bare)) {
    return address;
  }
  const groups = ipv6Groups(bare);
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, an IPv4 tail converted). */
function ipv6Groups(address: string): number[] {
  let text = address;
  const ipv4Tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (ipv4Tail) {
    const [a, b, c, d] = ipv4Tail.slice(1).map(Number);
    text = `${text.slice(0, ipv4Tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => parseInt(group, 16));
}
