import { describe, expect, it } from 'vitest';
import dimse from './dimse';

describe('dcmjs-dimse as loaded', () => {
  it('names an association by its AE titles while its log is silent, and in full otherwise', () => {
    const a = new dimse.association.Association('CLINIC', 'TELERAD');
    const pc = a.addPresentationContext('1.2.840.10008.5.1.4.1.1.1');
    a.addTransferSyntaxToPresentationContext(pc, '1.2.840.10008.1.2.1');
    expect(a.toString()).toBe('association CLINIC -> TELERAD');
    dimse.log.setLevel('info');
    try {
      expect(a.toString()).toMatch(/Abstract: +ComputedRadiographyImageStorage/);
    } finally {
      dimse.log.setLevel('silent');
    }
  });
});
