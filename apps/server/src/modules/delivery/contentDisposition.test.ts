import { describe, expect, it } from 'vitest';
import { contentDisposition } from './service';

describe('contentDisposition (RFC 6266)', () => {
  it('gives an ASCII fallback and the full UTF-8 name', () => {
    const v = contentDisposition('attachment', 'DEMO3-NGUYỄN/ 1"-2026-03-04-report.pdf');
    expect(v).toBe(
      `attachment; filename="DEMO3-NGUY_N_1_-2026-03-04-report.pdf"; filename*=UTF-8''DEMO3-NGUY%E1%BB%84N_%201_-2026-03-04-report.pdf`,
    );
  });

  it('leaves a plain name as it is', () => {
    expect(contentDisposition('inline', 'DEMO1-PH-1-2026-03-04-report.pdf')).toBe(
      `inline; filename="DEMO1-PH-1-2026-03-04-report.pdf"; filename*=UTF-8''DEMO1-PH-1-2026-03-04-report.pdf`,
    );
  });
});
