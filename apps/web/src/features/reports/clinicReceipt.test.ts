import type { ReceiptEvent } from '@telerad/contracts';
import { describe, expect, it } from 'vitest';
import { formatRecentDateTime as receiptTime } from '../../app/format';
import { receiptSummary } from './clinicReceipt';

const now = new Date('2026-12-06T15:00:00');
const at = (hhmm: string) => new Date(`2026-12-06T${hhmm}:00`).toISOString();
const event = (over: Partial<ReceiptEvent>): ReceiptEvent => ({
  firstAt: at('14:02'),
  firstBy: 'J. Tech',
  firstVia: 'portal',
  lastAt: at('14:02'),
  lastBy: 'J. Tech',
  lastVia: 'portal',
  times: 1,
  ...over,
});

describe('receiptSummary', () => {
  it('warns while the clinic has not opened the report', () => {
    const s = receiptSummary({ version: 1, viewed: null, downloaded: null }, now);
    expect(s).toEqual({ opened: false, text: 'Not yet opened by the clinic', detail: null });
  });

  it('says when and by whom the clinic viewed and downloaded it', () => {
    const s = receiptSummary(
      {
        version: 1,
        viewed: event({ times: 3, lastAt: at('14:40'), lastBy: 'A. Nurse' }),
        downloaded: event({ firstAt: at('14:03'), lastAt: at('14:03'), lastVia: 'pdf' }),
      },
      now,
    );
    expect(s.opened).toBe(true);
    expect(s.text).toBe(
      `Viewed by the clinic ${receiptTime(at('14:02'), now)} by J. Tech · downloaded ${receiptTime(at('14:03'), now)} by J. Tech`,
    );
    expect(s.detail).toContain('Viewed 3× — last');
    expect(s.detail).toContain('by A. Nurse');
  });

  it('names the version of an amended report and a fetch by the clinic system', () => {
    const s = receiptSummary(
      { version: 2, viewed: null, downloaded: event({ firstVia: 'fhir', firstBy: 'DEMO1 PACS' }) },
      now,
    );
    expect(s.text).toMatch(/^Downloaded by the clinic \(version 2\) .* by DEMO1 PACS \(FHIR\)$/);
    expect(receiptSummary({ version: 2, viewed: null, downloaded: null }, now).text).toBe(
      'Not yet opened by the clinic (version 2)',
    );
  });

  it('gives the time alone today and the date on other days', () => {
    expect(receiptTime(at('14:02'), now)).not.toMatch(/2026/);
    expect(receiptTime('2026-11-30T14:02:00Z', now)).toMatch(/2026/);
  });
});
