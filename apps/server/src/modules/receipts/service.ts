import {
  deskChange,
  type ClinicReceipt,
  type ReceiptEvent,
  type ReceiptKind,
  type ReceiptVia,
} from '@telerad/contracts';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/context';
import type { Db } from '../../platform/db';
import { publishInTransaction } from '../../platform/realtime';
import { clinicScope, inScope } from '../auth';

/** One receipt to record: a released report version the clinic has just been given. */
export interface Receipt {
  reportId: string;
  version: number;
  clinicId: string;
  kind: ReceiptKind;
  via: ReceiptVia;
}

/**
 * Is this access the clinic's own? Only a caller scoped to clinics (the `clinic` role alone)
 * counts, and only for a report of one of its clinics: a radiologist, assistant or support
 * member opening the report does not communicate it to the clinic.
 */
export function isClinicSide(actor: Actor | null, clinicId: string): actor is Actor {
  if (!actor) return false;
  const scope = clinicScope(actor);
  return scope !== 'all' && inScope(scope, clinicId);
}

/**
 * Records that the clinic has viewed or downloaded report versions: the first receipt of each
 * kind keeps its time and person, later ones move the latest time and person and count. Staff
 * access is ignored here, whatever the caller passes, so no read path can mark a report as
 * communicated on a staff member's behalf.
 */
export async function recordReceipts(
  db: Db,
  actor: Actor | null,
  receipts: readonly Receipt[],
): Promise<number> {
  const rows = receipts.filter((r) => isClinicSide(actor, r.clinicId));
  if (!actor || rows.length === 0) return 0;
  // One row per (report, version, kind), whatever the request repeated.
  const unique = new Map(rows.map((r) => [`${r.reportId}:${r.version}:${r.kind}`, r]));
  await db.transaction().execute(async (trx) => {
    await insertReceipts(trx, actor, [...unique.values()]);
    // The report leaves the desks of its clinic's assistants when this commits.
    for (const clinicId of new Set(rows.map((r) => r.clinicId)))
      await publishInTransaction(trx, deskChange(clinicId, 'report_unopened'));
  });
  return unique.size;
}

async function insertReceipts(db: Db, actor: Actor, receipts: readonly Receipt[]): Promise<void> {
  await db
    .insertInto('report_receipts')
    .values(
      receipts.map((r) => ({
        report_id: r.reportId,
        version: r.version,
        kind: r.kind,
        clinic_id: r.clinicId,
        first_user_id: actor.userId,
        first_by: actor.displayName,
        first_via: r.via,
        last_user_id: actor.userId,
        last_by: actor.displayName,
        last_via: r.via,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['report_id', 'version', 'kind']).doUpdateSet((eb) => ({
        last_at: sql<Date>`now()`,
        last_user_id: eb.ref('excluded.last_user_id'),
        last_by: eb.ref('excluded.last_by'),
        last_via: eb.ref('excluded.last_via'),
        times: sql<number>`report_receipts.times + 1`,
      })),
    )
    .execute();
}

const key = (reportId: string, version: number) => `${reportId}:${version}`;

/**
 * The clinic's receipts of the given report versions, by `reportId:version`; every version asked
 * for has an entry (with null kinds when the clinic has not opened it).
 */
export async function receiptsOf(
  db: Db,
  versions: readonly { reportId: string; version: number }[],
): Promise<Map<string, ClinicReceipt>> {
  const out = new Map<string, ClinicReceipt>(
    versions.map((v) => [
      key(v.reportId, v.version),
      { version: v.version, viewed: null, downloaded: null },
    ]),
  );
  if (versions.length === 0) return out;
  const rows = await db
    .selectFrom('report_receipts')
    .selectAll()
    .where(
      'report_id',
      'in',
      versions.map((v) => v.reportId),
    )
    .execute();
  for (const r of rows) {
    const receipt = out.get(key(r.report_id, r.version));
    if (!receipt) continue;
    const event: ReceiptEvent = {
      firstAt: r.first_at.toISOString(),
      firstBy: r.first_by,
      firstVia: r.first_via as ReceiptVia,
      lastAt: r.last_at.toISOString(),
      lastBy: r.last_by,
      lastVia: r.last_via as ReceiptVia,
      times: r.times,
    };
    if (r.kind === 'viewed') receipt.viewed = event;
    else receipt.downloaded = event;
  }
  return out;
}

/** The key of `receiptsOf`'s map for one report version. */
export const receiptKey = key;

/**
 * SQL: has the clinic opened (viewed or downloaded) the report version named by these columns?
 * For lists owned by other modules (the deliveries list filters and counts by it).
 */
export function openedByClinic(
  reportIdColumn: Expression<string>,
  versionColumn: Expression<number>,
): Expression<SqlBool> {
  return sql<SqlBool>`exists (select 1 from report_receipts rr where rr.report_id = ${reportIdColumn} and rr.version = ${versionColumn})`;
}
