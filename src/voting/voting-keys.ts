import { Keyring } from '../common/crypto/keyring';
import { networkPrefix } from '../common/http/network-prefix';

/**
 * The voter's pseudonym in one contest: an HMAC of the voter id under a key derived for that contest,
 * so the published ledger can be searched by its owner but not linked across contests.
 */
export function voterPseudonym(keyring: Keyring, contestId: string, voterId: string): string {
  return keyring.keyedHash(`voter-pseudonym:${contestId}`, voterId).slice(0, 24);
}

/** Keyed hash of the client's /24 (IPv4) or /48 (IPv6) network: clusters show, addresses never stored. */
export function networkHash(keyring: Keyring, address: string): string | null {
  const prefix = networkPrefix(address);
  return prefix ? keyring.keyedHash('vote-network', prefix) : null;
}

export function userAgentHash(keyring: Keyring, userAgent: string | undefined): string | null {
  return userAgent ? keyring.keyedHash('vote-user-agent', userAgent) : null;
}
