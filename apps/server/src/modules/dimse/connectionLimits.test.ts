import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectionClock, WaitingConnections, addressKey } from './connectionLimits';

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

describe('ConnectionClock', () => {
  const limits = { artimMs: 1000, idleMs: 5000, pendingPerAddress: 20 };
  let pair: { server: net.Socket; client: net.Socket };
  let fired: string[];
  let clock: ConnectionClock;

  beforeEach(async () => {
    pair = await socketPair();
    fired = [];
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    clock = new ConnectionClock(pair.server, limits, new WaitingConnections(20), {
      artim: () => fired.push('artim'),
      idle: () => fired.push('idle'),
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    pair.server.destroy();
    pair.client.destroy();
  });

  it('expires ARTIM unless the A-ASSOCIATE-RQ comes first', () => {
    clock.awaitPeer();
    vi.advanceTimersByTime(999);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual(['artim']);
    clock.awaitPeer();
    clock.associationRequested();
    vi.advanceTimersByTime(10_000);
    expect(fired).toEqual(['artim']);
  });

  it('counts idle time from the last PDU', () => {
    clock.associated();
    vi.advanceTimersByTime(4000);
    clock.pdu();
    vi.advanceTimersByTime(4999);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual(['idle']);
  });

  it('does not count the time the peer waits on our work, nor while we paused its reads', async () => {
    clock.associated();
    const work = Promise.withResolvers<void>();
    clock.owe(work.promise);
    vi.advanceTimersByTime(20_000);
    work.resolve();
    await work.promise;
    vi.advanceTimersByTime(4999);
    expect(fired).toEqual([]);
    pair.server.pause();
    vi.advanceTimersByTime(20_000);
    expect(fired).toEqual([]);
    pair.server.resume();
    vi.advanceTimersByTime(10_000);
    expect(fired).toEqual(['idle']);
  });
});

/** Both ends of a real loopback TCP connection. */
async function socketPair(): Promise<{ server: net.Socket; client: net.Socket }> {
  const listener = net.createServer();
  await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
  const accepted = new Promise<net.Socket>((r) => listener.once('connection', r));
  const client = net.connect((listener.address() as net.AddressInfo).port, '127.0.0.1');
  const server = await accepted;
  listener.close();
  return { server, client };
}
