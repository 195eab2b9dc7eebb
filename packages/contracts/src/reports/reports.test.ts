import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CONSULTATION_RULES,
  FINDINGS,
  GENERIC_GRADED,
  REPORT_FORMS,
  ReportContent,
  UK_UKTBTI,
  US_DS3030,
  buildReportView,
  findForm,
  formForProgramme,
  hasBlockingIssues,
  matchConsultationRules,
  validateReport,
  type ReportContentInput,
  type ReportForm,
} from '.';

const content = (form: ReportForm, over: Partial<ReportContentInput> = {}) =>
  ReportContent.parse({
    formId: form.id,
    formVersion: form.version,
    quality: { grade: 1 },
    comparison: 'no_prior',
    impression: 'No active disease.',
    ...over,
  });
const errors = (form: ReportForm, c: ReportContent) =>
  validateReport(form, c, 'final').filter((i) => i.severity === 'error');

describe('programme forms as data', () => {
  it('DS-3030 lists the 12 "suggests TB" items and the split no-sputum findings', () => {
    const groups = (g: string) => US_DS3030.items.filter((i) => i.group === g).length;
    expect(groups('suggests_tb')).toBe(12);
    expect(groups('class_b_other')).toBe(3);
    expect(groups('not_class_b')).toBe(5);
  });

  it('UKTBTI has codes 1.1–4.7 and a three-way result', () => {
    const codes = UK_UKTBTI.items.map((i) => i.id).filter((id) => /^\d/.test(id));
    expect(codes).toEqual([
      '1.1',
      '1.2',
      '2.1',
      '2.2',
      '2.3',
      '3.1',
      '3.2',
      '3.3',
      '3.4',
      '3.5',
      '4.0',
      '4.1',
      '4.2',
      '4.3',
      '4.4',
      '4.5',
      '4.6',
      '4.7',
    ]);
    expect(UK_UKTBTI.results.map((r) => r.kind)).toEqual(['normal', 'non_tb', 'tb']);
  });

  it('every form item records a canonical finding, with unique ids per form', () => {
    const codes = new Set(FINDINGS.map((f) => f.code));
    for (const form of REPORT_FORMS) {
      expect(new Set(form.items.map((i) => i.id)).size).toBe(form.items.length);
      for (const item of form.items) {
        expect(codes.has(item.finding)).toBe(true);
        expect(form.groups.some((g) => g.id === item.group)).toBe(true);
      }
    }
  });

  it('picks the form by programme and finds signed versions', () => {
    expect(formForProgramme('US')).toBe(US_DS3030);
    expect(formForProgramme('UK')).toBe(UK_UKTBTI);
    expect(formForProgramme('CA')).toBe(GENERIC_GRADED);
    expect(findForm('uk-uktbti', '2026.1')).toBe(UK_UKTBTI);
    expect(findForm('uk-uktbti', '1999.1')).toBeUndefined();
  });
});

describe('validateReport blocks contradictions', () => {
  it('accepts a complete normal report', () => {
    expect(errors(US_DS3030, content(US_DS3030, { result: 'normal' }))).toEqual([]);
  });

  it('refuses "normal" with a TB finding, naming the finding', () => {
    const c = content(US_DS3030, {
      result: 'normal',
      findings: [{ code: 'cavity', formItem: 'cavity', side: 'right', zones: ['upper'] }],
    });
    const [e] = errors(US_DS3030, c);
    expect(e?.field).toBe('result');
    expect(e?.message).toMatch(/Normal.*cannot go with a TB finding \(Cavitary lesion\)/);
  });

  it('lets UK minor findings go with a normal result but not 4.x', () => {
    const minor = content(UK_UKTBTI, {
      result: 'normal',
      findings: [{ code: 'bony_islet', formItem: '1.2' }],
    });
    expect(errors(UK_UKTBTI, minor)).toEqual([]);
    const active = content(UK_UKTBTI, {
      result: 'normal',
      findings: [{ code: 'cavity', formItem: '4.7', side: 'left' }],
      recommendations: ['sputum_testing'],
    });
    expect(hasBlockingIssues(validateReport(UK_UKTBTI, active, 'final'))).toBe(true);
  });

  it('refuses "unreadable" without a retake, and with a result', () => {
    const c = content(US_DS3030, {
      quality: { grade: 4, reasons: ['motion'] },
      result: 'normal',
      impression: '',
    });
    const msgs = errors(US_DS3030, c).map((e) => e.message);
    expect(msgs).toContain('Unreadable images need a retake: tick “Retake”.');
    expect(msgs.some((m) => m.startsWith('An unreadable study has no result'))).toBe(true);
    const ok = content(US_DS3030, {
      quality: { grade: 4, reasons: ['motion'] },
      recommendations: ['retake'],
      impression: '',
    });
    expect(errors(US_DS3030, ok)).toEqual([]);
  });

  it('needs reasons for poor quality, a side for lung findings and a remark for "other"', () => {
    const c = content(GENERIC_GRADED, {
      quality: { grade: 3 },
      result: 'suspicious_active_tb',
      findings: [{ code: 'other_tb', formItem: 'other_tb' }],
      recommendations: ['sputum_testing'],
    });
    const fields = errors(GENERIC_GRADED, c).map((e) => e.field);
    expect(fields).toEqual(['findings.0', 'findings.0', 'quality']);
  });

  it('refuses a TB result without a supporting finding, and non-TB with a TB finding', () => {
    expect(errors(UK_UKTBTI, content(UK_UKTBTI, { result: 'old_or_active_tb' }))[0]?.field).toBe(
      'findings',
    );
    const c = content(UK_UKTBTI, {
      result: 'non_tb',
      findings: [{ code: 'ill_defined_nodule', formItem: '4.4', side: 'left' }],
    });
    expect(errors(UK_UKTBTI, c)[0]?.message).toMatch(/Non-TB abnormality.*cannot go with/);
  });

  it('warns (does not block) when a TB finding has no sputum recommendation', () => {
    const c = content(US_DS3030, {
      result: 'abnormal',
      findings: [{ code: 'consolidation', formItem: 'infiltrate', side: 'left' }],
    });
    const issues = validateReport(US_DS3030, c, 'final');
    expect(hasBlockingIssues(issues)).toBe(false);
    expect(issues[0]?.field).toBe('recommendations');
  });

  it('lets a draft be incomplete but not contradictory', () => {
    const draft = ReportContent.parse({ formId: US_DS3030.id, formVersion: US_DS3030.version });
    expect(errors(US_DS3030, draft)).not.toEqual([]);
    expect(validateReport(US_DS3030, draft, 'draft')).toEqual([]);
  });

  it('refuses items of another form', () => {
    const c = content(US_DS3030, { findings: [{ code: 'cavity', formItem: '4.7' }] });
    expect(errors(US_DS3030, c)[0]?.message).toMatch(/not an item of DS-3030/);
  });
});

describe('consultation rules and the report view', () => {
  const cavity = content(UK_UKTBTI, {
    result: 'old_or_active_tb',
    findings: [{ code: 'cavity', formItem: '4.7', side: 'right', zones: ['upper'] }],
    recommendations: ['sputum_testing'],
  });

  it('holds a cavity, a TB finding in a child, and an uncertain read', () => {
    const ids = (c: ReportContent, age: number | null) =>
      matchConsultationRules(DEFAULT_CONSULTATION_RULES, c, age).map((r) => r.id);
    expect(ids(cavity, 30)).toEqual(['cavity-or-miliary']);
    expect(ids(cavity, 12)).toEqual(['cavity-or-miliary', 'tb-in-child']);
    expect(ids(content(UK_UKTBTI, { result: 'normal', readerFlags: ['uncertain'] }), 40)).toEqual([
      'reader-uncertain',
    ]);
    expect(ids(content(UK_UKTBTI, { result: 'normal' }), null)).toEqual([]);
  });

  it('renders the form wording with codes, location and the TB summary', () => {
    const view = buildReportView(UK_UKTBTI, cavity);
    expect(view.result).toBe('Old or active TB');
    expect(view.findings[0]?.label).toMatch(/^4\.7 Any cavitating lesion/);
    expect(view.findings[0]?.location).toBe('right, upper zone');
    expect(view.groups.map((g) => g.id)).toEqual(['active']);
    expect(view.tbSuggestive).toBe(true);
    const us = buildReportView(
      US_DS3030,
      content(US_DS3030, {
        result: 'abnormal',
        findings: [{ code: 'cardiac', formItem: 'cardiac' }],
      }),
    );
    expect(us.classHint).toBe('Class B Other findings');
  });
});
