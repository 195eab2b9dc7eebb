import {
  buildReportView,
  findForm,
  ReportContent,
  type ReportContentInput,
} from '@telerad/contracts';
import type { ReleasedReport } from './load';

/**
 * A hand-built released report for unit tests of the outputs (test support, not used by
 * production code): the US DS-3030 form by default, with located TB findings.
 */
export function testReport(
  over: {
    formId?: string;
    content?: Partial<ReportContentInput>;
    version?: number;
    kind?: string;
    addendum?: string | null;
    critical?: ReleasedReport['critical'];
    pilot?: boolean;
  } = {},
): ReleasedReport {
  const form = findForm(over.formId ?? 'us-ds3030')!;
  const content = ReportContent.parse({
    formId: form.id,
    formVersion: form.version,
    result: 'abnormal',
    findings: [
      { code: 'cavity', formItem: 'cavity', side: 'right', zones: ['upper'] },
      {
        code: 'pleural_effusion',
        formItem: 'effusion',
        side: 'left',
        zones: ['lower'],
        note: 'small',
      },
      { code: 'cardiac', formItem: 'cardiac' },
    ],
    quality: { grade: 2, reasons: ['position_rotation'] },
    comparison: 'new',
    recommendations: ['sputum_testing'],
    impression: 'Right upper zone cavity: active TB likely.',
    remarks: 'Compare with any earlier films.',
    ...over.content,
  });
  const signedAt = new Date('2026-03-04T10:15:00Z');
  const version = over.version ?? 1;
  return {
    reportId: '3f0c9a52-5d0e-4f57-9a3b-0d7c1b2a4e61',
    version,
    kind: over.kind ?? 'signed',
    currentVersion: version,
    programme: form.programmes[0] ?? 'GENERAL',
    content,
    view: buildReportView(form, content),
    resultOptions: form.results.map((o) => ({ id: o.id, label: o.label })),
    addendum: over.addendum ?? null,
    signer: { name: 'Dr Ana Reyes', credentials: 'MD, FPCR', at: signedAt },
    originalSigner: null,
    critical: over.critical ?? null,
    pilot: over.pilot ?? false,
    releasedAt: signedAt,
    study: {
      id: '8a1d2c3b-0000-4000-8000-000000000001',
      uid: '2.25.123456789012345678901234567890',
      patientName: 'DOE^JANE',
      patientId: 'P-0001',
      birthDate: '1990-05-17',
      sex: 'F',
      studyDate: '2026-03-04',
      studyTime: '091500',
      accessionNumber: 'ACC-42',
      studyId: '1',
      description: 'Chest PA',
      referringPhysician: null,
      modalities: ['DX'],
      numSeries: 1,
      numInstances: 1,
      attributes: {
        '00100010': { vr: 'PN', Value: [{ Alphabetic: 'DOE^JANE' }] },
        '00100020': { vr: 'LO', Value: ['P-0001'] },
        '00100030': { vr: 'DA', Value: ['19900517'] },
        '00100040': { vr: 'CS', Value: ['F'] },
        '0020000D': { vr: 'UI', Value: ['2.25.123456789012345678901234567890'] },
        '00080020': { vr: 'DA', Value: ['20260304'] },
        '00080050': { vr: 'SH', Value: ['ACC-42'] },
      },
    },
    clinic: {
      id: '5b7e1f00-0000-4000-8000-000000000002',
      code: 'DEMO1',
      name: 'Demo Clinic Manila',
      country: 'PH',
    },
    centre: {
      id: '6c8f2a00-0000-4000-8000-000000000003',
      name: 'Global Centre',
      timeZone: 'Asia/Manila',
    },
  };
}
