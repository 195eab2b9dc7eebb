import { findForm, type ReportForm } from '@telerad/contracts';
import { randomUUID } from 'node:crypto';
import { writeAudit } from '../../platform/audit';
import type { Db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { flagStudy, onStructuredReport, type StoredReport } from '../ingest';
import { seededDraw } from '../peerReview';
import { emitTaskEvents } from '../worklist';
import { formsOf, recordClinicRead } from './clinicReads';
import type { QcDraw } from './sampling';
import { readClinicSr } from './srRead';

/** Why a recorded read was refused, in the assistant's words. */
const REFUSED: Record<string, string> = {
  QC_READ_EXISTS: 'the clinic’s read of this study is already recorded',
  REPORT_FORM_NOT_ALLOWED: 'it was written on a form this clinic does not use',
  REPORT_INVALID: 'it is not a complete read',
};

function issuesOf(e: AppError): string {
  const issues = (e.details as { issues?: { severity: string; message: string }[] } | undefined)
    ?.issues;
  return (issues ?? [])
    .filter((i) => i.severity === 'error')
    .map((i) => i.message)
    .join(' ');
}

/**
 * Takes a clinic's SR, stored by ingest, as the clinic's own read of its study: read from its
 * content tree (`readClinicSr`) and recorded through `recordClinicRead`, with the same checks
 * and sampling as a read sent from the portal, audited as a system action with the SR's origin.
 * An SR that cannot be taken stays stored and flags its study for the assistant with the reason.
 */
export async function takeClinicSr(db: Db, sr: StoredReport, draw: QcDraw): Promise<void> {
  const { stored, origin } = sr;
  const study = await db
    .selectFrom('studies as s')
    .innerJoin('clinics as c', 'c.id', 's.clinic_id')
    .select(['s.id', 's.study_uid', 's.clinic_id', 'c.programmes'])
    .where('s.id', '=', stored.studyId)
    .executeTakeFirstOrThrow();
  const forms = formsOf(study.programmes)
    .map((f) => findForm(f.id, f.version))
    .filter((f): f is ReportForm => !!f);
  const ctx = {
    actor: null,
    requestId: origin.requestId ?? randomUUID(),
    ip: origin.remoteAddress,
    db,
  };
  const audit = (trx: Db, outcome: 'success' | 'failure', details: Record<string, unknown>) =>
    writeAudit(
      { ...ctx, db: trx },
      {
        action: 'qc.clinic-read.sr',
        outcome,
        resourceType: 'study',
        resourceId: study.study_uid,
        clinicId: study.clinic_id,
        actorName: `system (${origin.door}${origin.callingAe ? ` from ${origin.callingAe}` : ''})`,
        details: {
          srSopUid: stored.sopUid,
          door: origin.door,
          callingAe: origin.callingAe ?? null,
          userId: origin.userId ?? null,
          ...details,
        },
      },
    );
  const unread = async (reason: string) => {
    await db.transaction().execute(async (trx) => {
      await flagStudy(
        trx,
        study.id,
        { code: 'clinic_sr_unread', detail: `Not taken as the clinic’s read: ${reason}.` },
        stored.instanceId,
      );
      await audit(trx, 'failure', { reason });
    });
  };

  const read = readClinicSr(sr.dataset, forms);
  if (!read.ok) return unread(read.reason);
  let changes;
  try {
    changes = await db.transaction().execute(async (trx) => {
      const recorded = await recordClinicRead(
        trx,
        {
          studyId: study.id,
          clinicId: study.clinic_id,
          source: 'sr',
          readerName: read.readerName,
          content: read.content,
          submittedBy: null,
          srSopUid: stored.sopUid,
          now: new Date(),
        },
        draw,
      );
      await audit(trx, 'success', {
        clinicReadId: recorded.id,
        category: read.category,
        sampled: recorded.changes.length > 0,
      });
      return recorded.changes;
    });
  } catch (e) {
    if (!(e instanceof AppError) || !REFUSED[e.code]) throw e;
    const why = e.code === 'REPORT_INVALID' ? issuesOf(e) : '';
    return unread(why ? `${REFUSED[e.code]} (${why})` : REFUSED[e.code]!);
  }
  await emitTaskEvents(...changes);
}

/** Has ingest hand every new SR to `takeClinicSr`, sampling with `seed` (random unless given). */
export function wireClinicSrReads(opts: { seed?: string } = {}): void {
  const draw = seededDraw(opts.seed ?? randomUUID());
  onStructuredReport('clinic', (db, sr) => takeClinicSr(db, sr, draw));
}

/** Stops taking SRs as clinic reads (tests). */
export function unwireClinicSrReads(): void {
  onStructuredReport('clinic', null);
}
