import { reportIncident } from '../../modules/incidents';
import { createSession, flagCase } from '../../modules/teaching';
import { staffCtx, staffUser, type Demo2 } from './seed';

/** An incident about the DEMO2 study, reported by the radiologist. */
export async function seedDemo2Incident({ db, file }: Demo2): Promise<string> {
  const radiologist = await staffUser(db, 'radiologist');
  return reportIncident(staffCtx(db, radiologist, 'radiologist'), {
    type: 'image_quality',
    severity: 'medium',
    title: 'CANARY incident for DEMO2',
    description: 'CANARY-DEMO2 images arrived cut',
    studyUids: [file.studyInstanceUid],
    clinicIds: [],
  });
}

/** An SOP for centre staff only: a clinic user must never read it, whatever its clinic. */
export async function seedStaffSop({ db, qa }: Demo2) {
  const qaUser = await staffUser(db, 'qa');
  const sop = await qa.request({
    method: 'POST',
    url: '/api/sops',
    payload: {
      title: 'CANARY staff procedure',
      ownerId: qaUser.id,
      version: {
        format: 'markdown',
        markdown: 'CANARY-SOP staff-only steps',
        effectiveOn: '2026-01-01',
        reviewDueOn: '2027-01-01',
        roles: ['radiologist', 'assistant'],
      },
    },
  });
  if (sop.statusCode !== 200) throw new Error(`no SOP: ${sop.body}`);
  return { sopId: (sop.json() as { id: string }).id, sopOwnerId: qaUser.id };
}

/**
 * The DEMO2 study flagged as a teaching case by the radiologist, and a QA session showing its
 * de-identified copy.
 */
export async function seedDemo2Teaching({ fx, db, file }: Demo2) {
  const radiologist = await staffUser(db, 'radiologist');
  const teachingFlagId = await flagCase(staffCtx(db, radiologist, 'radiologist'), {
    studyUid: file.studyInstanceUid,
    note: 'CANARY teaching note',
  });
  const qaStaff = await staffUser(db, 'qa');
  const teachingSessionId = await createSession(staffCtx(db, qaStaff, 'qa'), fx.storage, {
    title: 'Walked teaching session',
    heldOn: '2026-01-15',
    cases: [{ flagId: teachingFlagId, note: '' }],
  });
  const teachingCase = await db
    .selectFrom('teaching_cases')
    .select('id')
    .where('session_id', '=', teachingSessionId)
    .executeTakeFirstOrThrow();
  return { teachingFlagId, teachingSessionId, teachingCaseId: teachingCase.id };
}

/** A second opinion DEMO2's clinic user asked about its study. */
export async function seedDemo2SecondOpinion({ c2, file }: Demo2): Promise<string> {
  const asked = await c2.request({
    method: 'POST',
    url: `/api/studies/${file.studyInstanceUid}/second-opinions`,
    payload: { question: 'CANARY second-opinion question for DEMO2' },
  });
  if (asked.statusCode !== 200) throw new Error(`no DEMO2 second opinion: ${asked.body}`);
  return (asked.json() as { id: string }).id;
}
