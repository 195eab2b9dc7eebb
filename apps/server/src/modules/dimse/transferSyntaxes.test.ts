import { describe, expect, it } from 'vitest';
import {
  QUERY_TRANSFER_SYNTAXES,
  STORAGE_TRANSFER_SYNTAXES,
  isQueryTransferSyntax,
  isStorableTransferSyntax,
} from './transferSyntaxes';

describe('transfer syntax tables', () => {
  it('accepts a C-STORE in exactly the syntaxes of the storage table', () => {
    for (const t of STORAGE_TRANSFER_SYNTAXES)
      expect(isStorableTransferSyntax(t.uid), t.name).toBe(true);
    // Not in the table, so not in the conformance statement: refused, even under the JPEG root.
    for (const uid of [
      '1.2.840.10008.1.2.4.999',
      '1.2.840.10008.1.2.4.100.1',
      '1.3.46.670589.33.1.4.1',
    ])
      expect(isStorableTransferSyntax(uid), uid).toBe(false);
  });

  it('accepts Verification and Query/Retrieve contexts in uncompressed little endian only', () => {
    expect(QUERY_TRANSFER_SYNTAXES.map((t) => t.uid)).toEqual([
      '1.2.840.10008.1.2',
      '1.2.840.10008.1.2.1',
    ]);
    expect(isQueryTransferSyntax('1.2.840.10008.1.2.1')).toBe(true);
    expect(isQueryTransferSyntax('1.2.840.10008.1.2.2')).toBe(false);
  });

  it('lists each syntax once', () => {
    const uids = STORAGE_TRANSFER_SYNTAXES.map((t) => t.uid);
    expect(new Set(uids).size).toBe(uids.length);
  });
});
