import { rateLimitSubject } from './client-address';

describe('rateLimitSubject (the key of per-address limits)', () => {
  it('keeps an IPv4 address as it is', () => {
    expect(rateLimitSubject('203.0.113.7')).toBe('203.0.113.7');
  });

  it.each([
    ['::ffff:203.0.113.7'],
    ['::FFFF:203.0.113.7'],
    ['0:0:0:0:0:ffff:203.0.113.7'],
    ['::ffff:cb00:7107'],
  ])('reads the IPv4-mapped address %s as the IPv4 address itself', (mapped) => {
    expect(rateLimitSubject(mapped)).toBe('203.0.113.7');
  });

  it('puts every IPv6 address of one /64 under one key, however it is written', () => {
    const key = rateLimitSubject('2001:db8:aa:bb::1');
    expect(key).toBe('2001:db8:aa:bb::/64');
    expect(rateLimitSubject('2001:0DB8:00aa:00bb:ffff:ffff:ffff:fffe')).toBe(key);
    expect(rateLimitSubject('2001:db8:aa:bb:1:2:3:4')).toBe(key);
    expect(rateLimitSubject('2001:db8:aa:bb::1%eth0')).toBe(key);
  });

  it('keeps different /64 networks apart', () => {
    expect(rateLimitSubject('2001:db8:aa:bc::1')).not.toBe(rateLimitSubject('2001:db8:aa:bb::1'));
    expect(rateLimitSubject('::1')).toBe('0:0:0:0::/64');
    expect(rateLimitSubject('::')).toBe('0:0:0:0::/64');
  });

  it('reads an IPv6 address with an embedded IPv4 tail', () => {
    expect(rateLimitSubject('64:ff9b::203.0.113.7')).toBe('64:ff9b:0:0::/64');
  });

  it('leaves anything that is not an address unchanged', () => {
    expect(rateLimitSubject('not an address')).toBe('not an address');
  });
});
