import { isIPv4, isIPv6 } from 'node:net';
import { Keyring } from '../common/crypto/keyring';

/**
 * The voter's pseudonym in one contest: an HMAC of the voter id under a key derived for that contest,
 * so the published ledger can be searched by its owner but not linked across contests.
 */
export function voterPseudonym(keyring: Keyring, contestId: string, voterId: string): string {
  return keyring.keyedHash(`voter-pseudonym:${contestId}`, voterId).slice(0, 24);
}

/** Keyed hash of the client's /24 (IPv4) or /48 (IPv6) network: clusters show, addresses never stored. */
export function networkHash(keyring: Keyring, address: string): string | null {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIPv4(v4)) {
    return keyring.keyedHash('vote-network', `${v4.split('.').slice(0, 3).join('.')}.0/24`);
  }
  if (isIPv6(address)) {
    return keyring.keyedHash('vote-network', `${expandIPv6(address).slice(0, 3).join(':')}::/48`);
  }
  return null;
}

export function userAgentHash(keyring: Keyring, userAgent: string | undefined): string | null {
  return userAgent ? keyring.keyedHash('vote-user-agent', userAgent) : null;
}

function expandIPv6(address: string): string[] {
  const [head, tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => group.toLowerCase().padStart(4, '0'));
}
