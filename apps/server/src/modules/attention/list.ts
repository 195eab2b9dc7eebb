import type {
  AttentionFlag,
  AttentionItem,
  AttentionPage,
  AttentionQuery,
} from '@telerad/contracts';
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { scoped } from '../archive';
import { clinicScope } from '../auth';

/**
 * A study is open in the list while it has a flag raised after its last review, or while it
 * has no Patient ID (that one is closed only by an identity correction, never by a review).
 * The study table is under its own name, `studies`. The clinic portal reads it as "needs your
 * attention", so the two lists cannot disagree.
 */
export const OPEN_ATTENTION = sql<boolean>`(
  studies.patient_id = ''
  or exists (select 1 from study_flags f
              left join study_flag_reviews r on r.study_id = f.study_id
              where f.study_id = studies.id and (r.reviewed_at is null or f.last_at > r.reviewed_at)))`;

/**
 * The "needs attention" list: studies within the caller's clinic scope with open flags, those
 * waiting for an identity first, then the most recently flagged. Each carries its open reasons
 * and, when corrected, the identity the header had.
 */
export async function listAttention(
  ctx: ServiceContext,
  q: AttentionQuery,
): Promise<AttentionPage> {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  const scope = clinicScope(ctx.actor);
  let base = scoped(ctx.db.selectFrom('studies'), scope)
    .innerJoin('clinics', 'clinics.id', 'studies.clinic_id')
    .where(OPEN_ATTENTION);
  if (q.clinicId) base = base.where('studies.clinic_id', '=', q.clinicId);
  const [rows, total] = await Promise.all([
    base
      .select([
        'studies.id',
        'studies.study_uid',
        'studies.clinic_id',
        'clinics.code as clinic_code',
        'clinics.name as clinic_name',
        'studies.patient_id',
        'studies.patient_name',
        'studies.study_date',
        'studies.modalities',
        'studies.num_instances',
        'studies.last_received_at',
        sql<Date | null>`(select max(last_at) from study_flags f where f.study_id = studies.id)`.as(
          'flagged_at',
        ),
      ])
      .orderBy(sql`studies.patient_id = ''`, 'desc')
      .orderBy('flagged_at', (o) => o.desc().nullsLast())
      .orderBy('studies.id')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const ids = rows.map((r) => r.id);
  const [flags, corrections] = ids.length
    ? await Promise.all([openFlags(ctx.db, ids), firstCorrections(ctx, ids)])
    : [new Map<string, AttentionFlag[]>(), new Map<string, Received>()];
  const items: AttentionItem[] = rows.map((r) => {
    const received = corrections.get(r.id);
    return {
      studyUid: r.study_uid,
      clinicId: r.clinic_id,
      clinicCode: r.clinic_code,
      clinicName: r.clinic_name,
      patientId: r.patient_id,
      patientName: r.patient_name,
      receivedPatientId: received?.patientId ?? null,
      receivedPatientName: received?.patientName ?? null,
      identityCorrected: received !== undefined,
      awaitingIdentity: r.patient_id.trim() === '',
      studyDate: r.study_date ? String(r.study_date).slice(0, 10) : null,
      modalities: r.modalities,
      numInstances: r.num_instances,
      lastReceivedAt: r.last_received_at.toISOString(),
      flags: flags.get(r.id) ?? [],
    };
  });
  return { items, total: Number(total.n) };
}

interface Received {
  patientId: string;
  patientName: string | null;
}

/** The open flags of each study: raised after its last review (all when never reviewed). */
export async function openFlags(db: Db, studyIds: readonly string[]) {
  const rows = await db
    .selectFrom('study_flags as f')
    .leftJoin('study_flag_reviews as r', 'r.study_id', 'f.study_id')
    .select(['f.study_id', 'f.code', 'f.detail', 'f.count', 'f.first_at', 'f.last_at'])
    .where('f.study_id', 'in', studyIds)
    .where((eb) =>
      eb.or([eb('r.reviewed_at', 'is', null), eb('f.last_at', '>', eb.ref('r.reviewed_at'))]),
    )
    .orderBy('f.last_at', 'desc')
    .execute();
  const out = new Map<string, AttentionFlag[]>();
  for (const r of rows) {
    const list = out.get(r.study_id) ?? [];
    list.push({
      code: r.code as AttentionFlag['code'],
      detail: r.detail,
      count: r.count,
      firstAt: r.first_at.toISOString(),
      lastAt: r.last_at.toISOString(),
    });
    out.set(r.study_id, list);
  }
  return out;
}

/** The header's identity of each corrected study, as the first correction recorded it. */
async function firstCorrections(ctx: ServiceContext, studyIds: string[]) {
  const rows = await ctx.db
    .selectFrom('patient_identity_corrections')
    .distinctOn('study_id')
    .select(['study_id', 'received_patient_id', 'received_patient_name'])
    .where('study_id', 'in', studyIds)
    .orderBy('study_id')
    .orderBy('id')
    .execute();
  return new Map<string, Received>(
    rows.map((r) => [
      r.study_id,
      { patientId: r.received_patient_id, patientName: r.received_patient_name },
    ]),
  );
}
