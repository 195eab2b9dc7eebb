import { describe, expect, it } from 'vitest';
import { WaitingConnections, addressKey } from './connectionLimits';

describe('addressKey', () => {
  it('counts an IPv4-mapped IPv6 peer as its IPv4 address', () => {
    expect(addressKey('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(addressKey('10.0.0.1')).toBe('10.0.0.1');
  });

  it('counts an IPv6 peer by its /64, however the address is written', () => {
    expect(addressKey('2001:db8:0:1::5')).toBe('2001:db8:0:1::/64');
    expect(addressKey('2001:0DB8:0000:0001:ffff:0:0:9')).toBe('2001:db8:0:1::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });
});

describe('WaitingConnections', () => {
  it('closes the oldest waiting connection of an address to make room, and no other', () => {
    const w = new WaitingConnections(2);
    const closed: string[] = [];
    const done = ['a', 'b', 'c'].map((n) => w.wait('10.0.0.1', () => closed.push(n)));
    w.wait('10.0.0.2', () => closed.push('other'));
    expect(closed).toEqual(['a']);
    expect(w.count('10.0.0.1')).toBe(2);
    done[1]!(); // b asked for an association
    w.wait('::ffff:10.0.0.1', () => closed.push('d'));
    expect(closed).toEqual(['a']);
    expect(w.count('10.0.0.1')).toBe(2);
    expect(w.count('10.0.0.2')).toBe(1);
  });
});
