import { describe, expect, it } from 'vitest';
import {
  chooseTransferSyntax,
  MODALITY_WORKLIST_FIND,
  refusal,
  servesAbstractSyntax,
  VERIFICATION,
} from './negotiation';

const allowed = [
  { aeTitle: 'CR_ROOM1', addresses: ['192.168.1.20'] },
  { aeTitle: 'PACS', addresses: [] },
  { aeTitle: 'WARD_DX', addresses: ['10.20.0.0/16', 'fd00:10::/64'] },
  { aeTitle: 'MAPPED', addresses: ['::ffff:172.16.0.0/108'] },
];

describe('association negotiation', () => {
  it('refuses a calling AE that is not listed, or calls from an address not listed', () => {
    expect(refusal(allowed, 'CR_ROOM1', '::ffff:192.168.1.20')).toBeNull();
    expect(refusal(allowed, 'PACS  ', '10.0.0.9')).toBeNull();
    expect(refusal(allowed, 'CR_ROOM1', '192.168.1.99')).toMatch(
      /not allowed from 192\.168\.1\.99/,
    );
    expect(refusal(allowed, 'STRANGER', '192.168.1.20')).toMatch(
      /"STRANGER" is not in allowedSenders/,
    );
  });

  it('matches CIDR ranges, IPv4 and IPv6, and IPv4-mapped peers as a dual-stack socket gives them', () => {
    expect(refusal(allowed, 'WARD_DX', '10.20.3.4')).toBeNull();
    expect(refusal(allowed, 'WARD_DX', '::ffff:10.20.255.1')).toBeNull();
    expect(refusal(allowed, 'WARD_DX', 'fd00:10::abcd')).toBeNull();
    expect(refusal(allowed, 'WARD_DX', '10.21.0.1')).toMatch(/not allowed from 10\.21\.0\.1/);
    expect(refusal(allowed, 'WARD_DX', 'fd00:11::1')).toMatch(/not allowed from fd00:11::1/);
    expect(refusal(allowed, 'WARD_DX', undefined)).toMatch(/not allowed from/);
    expect(refusal(allowed, 'MAPPED', '172.16.9.9')).toBeNull();
    expect(refusal(allowed, 'MAPPED', '172.32.0.1')).not.toBeNull();
    expect(refusal(allowed, 'CR_ROOM1', '192.168.1.21')).not.toBeNull();
  });

  it('serves Verification and storage, and takes the syntax the sender prefers', () => {
    expect(servesAbstractSyntax(VERIFICATION)).toBe(true);
    expect(servesAbstractSyntax('1.2.840.10008.5.1.4.1.1.1.1')).toBe(true);
    expect(servesAbstractSyntax('1.2.840.10008.5.1.4.1.2.1.1')).toBe(false); // Q/R FIND
    expect(chooseTransferSyntax(['1.2.840.10008.1.2.4.80', '1.2.840.10008.1.2'])).toBe(
      '1.2.840.10008.1.2.4.80',
    );
  });

  it('serves the Modality Worklist only with a worklist, read in a little endian syntax', () => {
    expect(servesAbstractSyntax(MODALITY_WORKLIST_FIND)).toBe(false);
    expect(servesAbstractSyntax(MODALITY_WORKLIST_FIND, true)).toBe(true);
    expect(servesAbstractSyntax('1.2.840.10008.5.1.4.1.2.2.1', true)).toBe(false);
    expect(
      chooseTransferSyntax(
        ['1.2.840.10008.1.2.2', '1.2.840.10008.1.2.1', '1.2.840.10008.1.2'],
        MODALITY_WORKLIST_FIND,
      ),
    ).toBe('1.2.840.10008.1.2.1');
    expect(
      chooseTransferSyntax(['1.2.840.10008.1.2.4.80'], MODALITY_WORKLIST_FIND),
    ).toBeUndefined();
  });
});
