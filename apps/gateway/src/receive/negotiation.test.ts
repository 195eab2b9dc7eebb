import { describe, expect, it } from 'vitest';
import { chooseTransferSyntax, refusal, servesAbstractSyntax, VERIFICATION } from './negotiation';

const allowed = [
  { aeTitle: 'CR_ROOM1', addresses: ['192.168.1.20'] },
  { aeTitle: 'PACS', addresses: [] },
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

  it('serves Verification and storage, and takes the syntax the sender prefers', () => {
    expect(servesAbstractSyntax(VERIFICATION)).toBe(true);
    expect(servesAbstractSyntax('1.2.840.10008.5.1.4.1.1.1.1')).toBe(true);
    expect(servesAbstractSyntax('1.2.840.10008.5.1.4.1.2.1.1')).toBe(false); // Q/R FIND
    expect(chooseTransferSyntax(['1.2.840.10008.1.2.4.80', '1.2.840.10008.1.2'])).toBe(
      '1.2.840.10008.1.2.4.80',
    );
  });
});
