import type { PriorReport } from '@telerad/contracts';
import { describe, expect, it } from 'vitest';
import { priorResultText } from './PriorReportSummary';

const released: PriorReport = {
  state: 'final',
  releasedAt: '2024-01-12T03:00:00.000Z',
  resultLabel: 'Chest X-ray',
  result: 'Abnormal',
  tbSuggestive: true,
  impression: 'Right upper zone cavity.',
  signerName: 'Dr Reyes',
  signerCredentials: 'MD, FPCR',
  signedAt: '2024-01-12T02:59:00.000Z',
};

describe('priorResultText', () => {
  it('gives a released report’s result, TB flag and signer', () => {
    const text = priorResultText(released);
    expect(text).toMatch(/^Chest X-ray: Abnormal · TB-suggestive · Dr Reyes, MD, FPCR · released /);
    expect(text).toContain('2024');
  });

  it('says where an unreleased report stands, and when there is none', () => {
    expect(priorResultText({ ...released, state: 'draft', releasedAt: null })).toBe(
      'Report: draft, not signed',
    );
    expect(priorResultText(null)).toBe('No report yet');
  });
});
