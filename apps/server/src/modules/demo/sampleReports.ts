import type { ReportContentInput, Role } from '@telerad/contracts';
import { ReportContent } from '@telerad/contracts';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { saveDraft, signReport, type ReleaseQueue } from '../reports';
import { createClaimedRead } from '../worklist';

/** Sample reads: which sample patient's oldest study, and what the radiologist found. */
const READS: { patientId: string; content: ReportContentInput }[] = [
  {
    // The returning applicant's prior of a year ago: the viewer lists it with its report.
    patientId: 'KE-77120',
    content: {
      formId: 'us-ds3030',
      formVersion: '2026.1',
      result: 'normal',
      quality: { grade: 1, reasons: [] },
      comparison: 'no_prior',
      impression: 'No radiographic evidence of active tuberculosis.',
    },
  },
  {
    patientId: 'PH-240119',
    content: {
      formId: 'us-ds3030',
      formVersion: '2026.1',
      result: 'abnormal',
      findings: [
        {
          code: 'calcified_granuloma',
          formItem: 'calcified_nodule',
          side: 'right',
          zones: ['middle'],
        },
      ],
      quality: { grade: 2, reasons: [] },
      comparison: 'no_prior',
      impression: 'Small calcified granuloma in the right mid zone; no active disease.',
    },
  },
];

/**
 * Signs a few sample studies as the demo radiologist through the real report services, so the
 * demo shows released reports (clinic portal, priors) at once. Each study gets a primary read
 * claimed by the radiologist and is marked stable, so no second task appears. Their releases go
 * on `releases`, so delivery works them like any other. Idempotent: a study that already has a
 * report is skipped.
 */
export async function seedSampleReports(db: Db, releases: ReleaseQueue): Promise<number> {
  const reader = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'roles'])
    .where('username', '=', 'radiologist')
    .executeTakeFirst();
  if (!reader) return 0;
  const ctx: ServiceContext = {
    actor: {
      userId: reader.id,
      username: reader.username,
      displayName: reader.display_name,
      roles: reader.roles as Role[],
      clinicIds: [],
      via: 'session',
    },
    requestId: 'demo-reports',
    ip: null,
    db,
  };
  let signed = 0;
  for (const read of READS) {
    const study = await db
      .selectFrom('studies as s')
      .leftJoin('reports as r', 'r.study_id', 's.id')
      .select(['s.id', 's.first_received_at', 'r.id as report'])
      .where('s.patient_id', '=', read.patientId)
      .orderBy('s.study_date', 'asc')
      .executeTakeFirst();
    if (!study || study.report) continue;
    const now = new Date();
    await db.updateTable('studies').set({ stable_at: now }).where('id', '=', study.id).execute();
    const taskId = await createClaimedRead(db, {
      studyId: study.id,
      readerId: reader.id,
      queuedAt: study.first_received_at,
      now,
      reason: 'Demo sample read',
    });
    const content = ReportContent.parse(read.content);
    const saved = await saveDraft(ctx, taskId, {
      formId: content.formId,
      formVersion: content.formVersion,
      content,
      annotations: [],
      revision: 0,
    });
    await signReport(ctx, taskId, { revision: saved.report.revision }, { releases });
    signed++;
  }
  return signed;
}
