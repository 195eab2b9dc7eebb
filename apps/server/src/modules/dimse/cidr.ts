import net from 'node:net';

/**
 * Matching a peer's address against a clinic's allowed networks (CIDR strings as PostgreSQL's
 * `cidr` type stores them, IPv4 or IPv6), with Node's `net.BlockList`, which also matches
 * IPv4-mapped IPv6 addresses (`::ffff:10.0.0.1`, what a dual-stack listener reports for IPv4
 * peers) against IPv4 networks.
 */

/** The address family of a literal address, or null when it is not one. */
function family(address: string): 'ipv4' | 'ipv6' | null {
  return net.isIPv4(address) ? 'ipv4' : net.isIPv6(address) ? 'ipv6' : null;
}

/** A matcher for a list of CIDR strings (`10.1.0.0/16`, `2001:db8::/32`, or bare addresses). */
export function networkMatcher(cidrs: readonly string[]): (address: string) => boolean {
  const list = new net.BlockList();
  for (const c of cidrs) {
    const [base = '', bits] = c.trim().split('/');
    const f = family(base);
    if (!f) continue; // an unparseable entry allows nothing
    const prefix = bits === undefined ? (f === 'ipv4' ? 32 : 128) : Number(bits);
    if (!Number.isInteger(prefix)) continue;
    list.addSubnet(base, prefix, f);
  }
  return (address) => {
    const a = address.replace(/%.*$/, '');
    const f = family(a);
    return f !== null && list.check(a, f);
  };
}

/** True when `address` lies in `cidr`. */
export function inCidr(address: string, cidr: string): boolean {
  return networkMatcher([cidr])(address);
}

/** True when the clinic allows `address`: an empty list allows any address (DESIGN.md §1). */
export function addressAllowed(
  address: string | null | undefined,
  networks: readonly string[],
): boolean {
  if (networks.length === 0) return true;
  if (!address) return false;
  return networkMatcher(networks)(address);
}
