import { describe, expect, it } from 'vitest';
import { qcAgreement, qcCategory } from './qc';
import { ReportContent } from './reports/content';
import { UK_UKTBTI, US_DS3030 } from './reports/forms';

const us = (over: object) =>
  ReportContent.parse({
    formId: US_DS3030.id,
    formVersion: US_DS3030.version,
    quality: { grade: 1, reasons: [] },
    ...over,
  });

describe('qcCategory', () => {
  it('puts a read in one of the four categories the agreement table uses', () => {
    expect(qcCategory(us({ result: 'normal' }))).toBe('normal');
    expect(
      qcCategory(
        us({
          result: 'abnormal',
          findings: [{ code: 'cavity', formItem: 'cavity', side: 'right' }],
        }),
      ),
    ).toBe('tb');
    const nonTb = US_DS3030.items.find((i) => i.finding === 'cardiac')!;
    expect(
      qcCategory(us({ result: 'abnormal', findings: [{ code: 'cardiac', formItem: nonTb.id }] })),
    ).toBe('abnormal');
    expect(qcCategory(us({ quality: { grade: 4, reasons: ['motion'] } }))).toBe('unreadable');
  });

  it('keeps a normal result with the minor findings a form allows as normal', () => {
    const group = UK_UKTBTI.groups.find((g) => g.allowedWithNormal)!;
    const item = UK_UKTBTI.items.find((i) => i.group === group.id)!;
    const normal = UK_UKTBTI.results.find((r) => r.kind === 'normal')!;
    const content = ReportContent.parse({
      formId: UK_UKTBTI.id,
      formVersion: UK_UKTBTI.version,
      result: normal.id,
      findings: [{ code: item.finding, formItem: item.id }],
    });
    expect(qcCategory(content, UK_UKTBTI)).toBe('normal');
  });
});

describe('qcAgreement', () => {
  it('is concordant on the same category, major between normal and TB, minor otherwise', () => {
    expect(qcAgreement('tb', 'tb')).toBe('concordant');
    expect(qcAgreement('normal', 'tb')).toBe('major');
    expect(qcAgreement('tb', 'normal')).toBe('major');
    expect(qcAgreement('normal', 'abnormal')).toBe('minor');
    expect(qcAgreement('abnormal', 'tb')).toBe('minor');
    expect(qcAgreement('unreadable', 'normal')).toBe('minor');
  });
});
