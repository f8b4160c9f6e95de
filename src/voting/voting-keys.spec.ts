import { createHmac, hkdfSync } from 'node:crypto';
import { Keyring } from '../common/crypto/keyring';
import { networkHash, voterPseudonym } from './voting-keys';

describe('voting keys', () => {
  const keyring = new Keyring('a-data-key-for-tests-0123456789abcdef');

  it('hashes addresses of one /24 or /48 network alike, and others apart', () => {
    expect(networkHash(keyring, '10.1.2.3')).toBe(networkHash(keyring, '10.1.2.250'));
    expect(networkHash(keyring, '::ffff:10.1.2.9')).toBe(networkHash(keyring, '10.1.2.3'));
    expect(networkHash(keyring, '10.1.3.3')).not.toBe(networkHash(keyring, '10.1.2.3'));
    expect(networkHash(keyring, '2001:db8:1::1')).toBe(networkHash(keyring, '2001:0db8:0001:ffff::2'));
    expect(networkHash(keyring, '2001:db8:2::1')).not.toBe(networkHash(keyring, '2001:db8:1::1'));
    expect(networkHash(keyring, 'not an address')).toBeNull();
  });

  it('never contains the address itself', () => {
    expect(networkHash(keyring, '192.168.7.1')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives a voter one pseudonym per contest, different across contests', () => {
    const a = voterPseudonym(keyring, 'contest-a', 'voter-1');
    expect(voterPseudonym(keyring, 'contest-a', 'voter-1')).toBe(a);
    expect(voterPseudonym(keyring, 'contest-b', 'voter-1')).not.toBe(a);
    expect(voterPseudonym(keyring, 'contest-a', 'voter-2')).not.toBe(a);
  });
  it('is HMAC-SHA256 under the HKDF subkey of its purpose (stored hashes stay valid)', () => {
    const subkey = Buffer.from(
      hkdfSync('sha256', 'a-data-key-for-tests-0123456789abcdef', 'best-practice-portal', 'vote-network', 32),
    );
    const expected = createHmac('sha256', subkey).update('10.1.2.0/24').digest('hex');
    expect(keyring.keyedHash('vote-network', '10.1.2.0/24')).toBe(expected);
    expect(keyring.keyedHash('vote-network', '10.1.2.0/24')).toBe(expected); // the cached key too
    expect(keyring.subkey('vote-network')).toEqual(subkey);
  });
});
