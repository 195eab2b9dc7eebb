import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../../testing/pdfText';
import { buildReportPdf, winAnsi } from './pdf';
import { testReport } from './testReport';

describe('report PDF', () => {
  it('lays out the DS-3030 report with identities, findings, signer and class hint', async () => {
    const pdf = await buildReportPdf(testReport());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, pages } = await pdfText(pdf);
    expect(pages).toBeGreaterThanOrEqual(1);
    for (const s of [
      'DS-3030 Tuberculosis Worksheet',
      'Form us-ds3030 version 2026.1',
      'CDC Technical Instructions',
      'Demo Clinic Manila (DEMO1), PH',
      'Global Centre (Asia/Manila)',
      'DOE, JANE',
      'P-0001',
      '1990-05-17 / F',
      'ACC-42',
      '2.25.123456789012345678901234567890',
      'Normal',
      'Abnormal',
      'Findings suggest TB: sputum smears and cultures needed',
      'Suggests TB — needs sputum smears and cultures',
      'Cavitary lesion — right, upper zone',
      'Pleural effusion — left, lower zone (small)',
      'Does not need smears and cultures — Class B Other',
      'Cardiac',
      '2 — Acceptable; Improper position or rotation',
      'New since prior',
      'Sputum testing',
      'Right upper zone cavity: active TB likely.',
      'Compare with any earlier films.',
      'Dr Ana Reyes, MD, FPCR — 2026-03-04 10:15 UTC',
      'version 1',
    ])
      expect(text, s).toContain(s);
    expect(text).not.toContain('Addendum');
  });

  it('shows UKTBTI codes and an addendum with its version', async () => {
    const r = testReport({
      formId: 'uk-uktbti',
      version: 2,
      kind: 'addendum',
      addendum: 'Lateral view reviewed: no change.',
      content: {
        result: 'old_or_active_tb',
        findings: [{ code: 'cavity', formItem: '4.7', side: 'bilateral', zones: ['upper'] }],
      },
    });
    const { text } = await pdfText(await buildReportPdf(r));
    expect(text).toMatch(/4\.7 \S/);
    expect(text).toContain('bilateral, upper zone');
    expect(text).toContain('Old or active TB');
    expect(text).toContain('Addendum — version 2');
    expect(text).toContain('Lateral view reviewed: no change.');
    expect(text).toContain('amended: supersedes earlier versions');
    expect(text).not.toContain('TB classification hint');
  });

  it('puts a critical result first, in words the clinic acts on', async () => {
    const flagged = testReport({
      critical: {
        category: 'other',
        label: 'Other urgent finding: hilar mass',
        note: 'hilar mass',
      },
    });
    const { text } = await pdfText(await buildReportPdf(flagged));
    expect(text).toContain('CRITICAL RESULT — ACT NOW');
    expect(text).toContain('Other urgent finding: hilar mass. This patient needs care at once');
    // Shown before the patient and the findings, right under the header.
    expect(text.indexOf('CRITICAL RESULT')).toBeLessThan(text.indexOf('Patient and study'));
    expect(text.indexOf('CRITICAL RESULT')).toBeGreaterThan(text.indexOf('Reading centre'));
    expect((await pdfText(await buildReportPdf(testReport()))).text).not.toContain('CRITICAL');
  });

  it('marks a pilot report with a band under the header, and only a pilot report', async () => {
    const { text } = await pdfText(await buildReportPdf(testReport({ pilot: true })));
    expect(text).toContain('PILOT — SECOND READ PENDING');
    expect(text).toContain('a second radiologist also reads this study');
    expect(text.indexOf('PILOT')).toBeLessThan(text.indexOf('Patient and study'));
    expect(text.indexOf('PILOT')).toBeGreaterThan(text.indexOf('Reading centre'));
    expect((await pdfText(await buildReportPdf(testReport()))).text).not.toContain('PILOT');
  });

  it('embeds the key image, and is the same bytes when made again', async () => {
    const jpeg = await sharp({
      create: { width: 64, height: 80, channels: 3, background: { r: 90, g: 90, b: 90 } },
    })
      .jpeg()
      .toBuffer();
    const a = await buildReportPdf(testReport(), jpeg);
    const without = await buildReportPdf(testReport());
    expect(a.length).toBeGreaterThan(without.length);
    expect(a.includes(Buffer.from('/DCTDecode'))).toBe(true);
    expect((await pdfText(a)).text).toContain('Key image');
    expect((await buildReportPdf(testReport(), jpeg)).equals(a)).toBe(true);
  });

  it('keeps text the standard fonts can show, and marks what they cannot', () => {
    expect(winAnsi('Café — ≥ 1 cm')).toBe('Café — >= 1 cm');
    expect(winAnsi('王 Li')).toBe('? Li');
  });
});
