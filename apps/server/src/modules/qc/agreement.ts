import {
  QC_CATEGORIES,
  qcAgreement,
  type QcAgreementList,
  type QcAgreementSummary,
  type QcCategory,
  type QcFeedback,
  type QcPeriodQuery,
} from '@telerad/contracts';
import type { Actor, ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { clinicScope, inClinicScope } from '../auth';
import { cohensKappa } from '../qa';
import { clinicReadOf, clinicReadRows } from './readRows';

const DAY_MS = 86_400_000;

function actorOf(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  return ctx.actor;
}

/** A period as dates, and the instants it spans (`to` inclusive, UTC days); 90 days by default. */
export function periodOf(q: QcPeriodQuery, now = new Date()) {
  const to = q.to ?? now.toISOString().slice(0, 10);
  const from = q.from ?? new Date(Date.parse(to) - 89 * DAY_MS).toISOString().slice(0, 10);
  if (from > to)
    throw appError('VALIDATION_FAILED', undefined, 'The period ends before it starts.');
  return { from, to, start: new Date(from), end: new Date(Date.parse(to) + DAY_MS) };
}

interface Pair {
  clinic_id: string;
  category: string;
  centre_category: string | null;
  n: number;
}

/** The k×k agreement table (clinic's category × centre's) and its kappa, from counted pairs. */
export function summarise(
  clinic: { id: string; code: string; name: string },
  pairs: readonly Pair[],
): QcAgreementSummary {
  const k = QC_CATEGORIES.length;
  const table = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let concordant = 0;
  let major = 0;
  for (const p of pairs) {
    const i = QC_CATEGORIES.indexOf(p.category as QcCategory);
    const j = QC_CATEGORIES.indexOf(p.centre_category as QcCategory);
    if (i < 0 || j < 0) continue;
    table[i]![j]! += p.n;
    if (i === j) concordant += p.n;
    else if (qcAgreement(QC_CATEGORIES[i]!, QC_CATEGORIES[j]!) === 'major') major += p.n;
  }
  const kappa = cohensKappa(table);
  return {
    clinicId: clinic.id,
    clinicCode: clinic.code,
    clinicName: clinic.name,
    n: kappa.n,
    concordant,
    minor: kappa.n - concordant - major,
    major,
    kappa: kappa.kappa,
    observed: kappa.observed,
    expected: kappa.expected,
    table,
  };
}

/** The re-read pairs of the period, counted per clinic and category pair, in `scope`. */
async function countedPairs(db: Db, actor: Actor, start: Date, end: Date, clinicId?: string) {
  return db
    .selectFrom('clinic_reads')
    .select(['clinic_id', 'category', 'centre_category', (eb) => eb.fn.countAll<number>().as('n')])
    .where('reread_at', '>=', start)
    .where('reread_at', '<', end)
    .where(inClinicScope(clinicScope(actor), 'clinic_id'))
    .$if(clinicId !== undefined, (qb) => qb.where('clinic_id', '=', clinicId!))
    .groupBy(['clinic_id', 'category', 'centre_category'])
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, n: Number(r.n) })));
}

/**
 * `GET /api/qc/agreement`: each clinic in the caller's scope that has re-read cases in the
 * period, with its agreement table and Cohen's kappa; the clinics in code order.
 */
export async function listAgreement(
  ctx: ServiceContext,
  q: QcPeriodQuery,
): Promise<QcAgreementList> {
  const p = periodOf(q);
  const pairs = await countedPairs(ctx.db, actorOf(ctx), p.start, p.end);
  const ids = [...new Set(pairs.map((x) => x.clinic_id))];
  const clinics = ids.length
    ? await ctx.db
        .selectFrom('clinics')
        .select(['id', 'code', 'name'])
        .where('id', 'in', ids)
        .orderBy('code')
        .execute()
    : [];
  return {
    from: p.from,
    to: p.to,
    items: clinics.map((c) =>
      summarise(
        c,
        pairs.filter((x) => x.clinic_id === c.id),
      ),
    ),
  };
}

/**
 * `GET /api/qc/clinics/:id/feedback`: one clinic's agreement over the period and its re-read
 * cases, newest first (the scope check already refused other clinics to a clinic user).
 */
export async function clinicFeedback(
  ctx: ServiceContext,
  clinicId: string,
  q: QcPeriodQuery,
): Promise<QcFeedback> {
  const p = periodOf(q);
  const clinic = await ctx.db
    .selectFrom('clinics')
    .select(['id', 'code', 'name'])
    .where('id', '=', clinicId)
    .executeTakeFirst();
  if (!clinic) throw appError('NOT_FOUND', undefined, 'No such clinic.');
  const [pairs, rows] = await Promise.all([
    countedPairs(ctx.db, actorOf(ctx), p.start, p.end, clinicId),
    clinicReadRows(ctx.db)
      .where('r.clinic_id', '=', clinicId)
      .where('r.reread_at', '>=', p.start)
      .where('r.reread_at', '<', p.end)
      .orderBy('r.reread_at', 'desc')
      .limit(500)
      .execute(),
  ]);
  return {
    from: p.from,
    to: p.to,
    summary: summarise(clinic, pairs),
    cases: rows.map(clinicReadOf),
  };
}
