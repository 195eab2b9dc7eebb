import { describe, expect, it } from 'vitest';
import { addressAllowed, inCidr } from './cidr';

describe('allowed networks', () => {
  it('matches IPv4, IPv6 and IPv4-mapped addresses', () => {
    expect(inCidr('203.0.113.7', '203.0.113.0/24')).toBe(true);
    expect(inCidr('203.0.114.7', '203.0.113.0/24')).toBe(false);
    expect(inCidr('::ffff:127.0.0.1', '127.0.0.0/8')).toBe(true);
    expect(inCidr('2001:db8::5', '2001:db8::/32')).toBe(true);
    expect(inCidr('2001:db9::5', '2001:db8::/32')).toBe(false);
    expect(inCidr('10.0.0.1', '10.0.0.1')).toBe(true);
  });

  it('allows any address for an empty list and none for garbage', () => {
    expect(addressAllowed('198.51.100.1', [])).toBe(true);
    expect(addressAllowed('198.51.100.1', ['not-a-network'])).toBe(false);
    expect(addressAllowed(null, ['10.0.0.0/8'])).toBe(false);
  });
});
