import { isIPv4, isIPv6 } from 'node:net';

/**
 * The client's network rather than its address: the /24 of an IPv4 address (IPv4-mapped IPv6
 * included) or the /48 of an IPv6 one, as a string to hash. Undefined for anything else.
 */
export function networkPrefix(address: string): string | undefined {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIPv4(v4)) {
    return `${v4.split('.').slice(0, 3).join('.')}.0/24`;
  }
  if (isIPv6(address)) {
    return `${expandIPv6(address).slice(0, 3).join(':')}::/48`;
  }
  return undefined;
}

function expandIPv6(address: string): string[] {
  const [head, tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => group.toLowerCase().padStart(4, '0'));
}
