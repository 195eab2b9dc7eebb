import { BlockList, isIP } from 'node:net';

/** `10.0.0.5`, `192.168.1.0/24`, `fd00::/8`: one address, or a range in CIDR notation (RFC 4632, RFC 4291 §2.3). */
const RANGE = /^([^/]+)(?:\/(\d{1,3}))?$/;

/** One parsed entry of `allowedSenders[].addresses`. */
interface AddressRange {
  network: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

/** Parses one address or CIDR range, or answers null when it is neither. */
export function parseAddressRange(text: string): AddressRange | null {
  const m = RANGE.exec(text.trim());
  if (!m) return null;
  const version = isIP(m[1]!);
  if (version === 0) return null;
  const max = version === 4 ? 32 : 128;
  const prefix = m[2] === undefined ? max : Number(m[2]);
  if (prefix > max) return null;
  return { network: m[1]!, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** Why an entry is refused at config load, for the config's error message. */
export const ADDRESS_RANGE_HINT =
  'write an IP address or a CIDR range, e.g. 192.168.1.20, 192.168.1.0/24 or fd00:1::/64';

/**
 * A matcher for a sender's `addresses`, built on Node's `net.BlockList`, which compares an
 * IPv4-mapped IPv6 peer (`::ffff:10.0.0.5`, RFC 4291 §2.5.5.2, as a dual-stack socket reports an
 * IPv4 caller) with IPv4 ranges and the other way round. A string that is no address matches
 * nothing.
 */
export function addressMatcher(entries: readonly string[]): (address: string) => boolean {
  const list = new BlockList();
  for (const entry of entries) {
    const range = parseAddressRange(entry);
    if (!range) throw new Error(`"${entry}": ${ADDRESS_RANGE_HINT}`);
    list.addSubnet(range.network, range.prefix, range.family);
  }
  return (address) => {
    const version = isIP(address);
    return version !== 0 && list.check(address, version === 4 ? 'ipv4' : 'ipv6');
  };
}
