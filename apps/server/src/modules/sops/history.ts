import type { SopAcknowledgement, SopAcknowledgementsAnswer } from '@telerad/contracts';
import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { refOf } from './queries';

/**
 * Who acknowledged which version of a document (`GET /api/sops/:id/acknowledgements`, QA): every
 * version's opens and acknowledgements, newest version first, and the active users of the newest
 * version's roles who have not acknowledged it yet.
 */
export async function acknowledgementsOf(
  db: Db,
  documentId: string,
): Promise<SopAcknowledgementsAnswer> {
  const newest = await db
    .selectFrom('sop_versions')
    .select(['id', 'version', 'roles'])
    .where('document_id', '=', documentId)
    .where('superseded_at', 'is', null)
    .executeTakeFirst();
  if (!newest) throw appError('NOT_FOUND');
  const rows = await db
    .selectFrom('sop_acknowledgements as a')
    .innerJoin('sop_versions as v', 'v.id', 'a.version_id')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .select([
      'v.version',
      'u.id as user_id',
      'u.display_name',
      'u.roles',
      'a.opened_at',
      'a.acknowledged_at',
    ])
    .where('v.document_id', '=', documentId)
    .orderBy('v.version', 'desc')
    .orderBy(sql`a.acknowledged_at desc nulls last`)
    .orderBy('u.display_name')
    .execute();
  const acknowledgements: SopAcknowledgement[] = rows.map((r) => ({
    version: r.version,
    userId: r.user_id,
    name: r.display_name,
    roles: r.roles,
    openedAt: r.opened_at.toISOString(),
    acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
  }));
  const done = new Set(
    acknowledgements
      .filter((a) => a.version === newest.version && a.acknowledgedAt)
      .map((a) => a.userId),
  );
  const opened = new Map(
    acknowledgements.filter((a) => a.version === newest.version).map((a) => [a.userId, a]),
  );
  const audience = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'roles'])
    .where('active', '=', true)
    .where(sql<boolean>`roles && ${sql.val(newest.roles)}::text[]`)
    .orderBy('display_name')
    .execute();
  const outstanding = audience
    .filter((u) => !done.has(u.id))
    .map((u) => ({
      version: newest.version,
      userId: u.id,
      name: u.display_name,
      roles: u.roles,
      openedAt: opened.get(u.id)?.openedAt ?? null,
      acknowledgedAt: null,
    }));
  return { acknowledgements: acknowledgements.filter((a) => a.acknowledgedAt), outstanding };
}

/** A CSV field, quoted when it holds a separator, quote or line break; formulas defused. */
function field(v: string | number | null): string {
  let s = v === null ? '' : String(v);
  // A cell starting with = + - @ would run as a formula in a spreadsheet (CSV injection).
  if (/^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The acknowledgement history as CSV: one line per acknowledgement, and one per outstanding user. */
export function acknowledgementsCsv(ref: string, a: SopAcknowledgementsAnswer): string {
  const head = ['document', 'version', 'name', 'roles', 'opened_at', 'acknowledged_at'];
  const line = (x: SopAcknowledgement) =>
    [ref, x.version, x.name, x.roles.join(' '), x.openedAt, x.acknowledgedAt].map(field).join(',');
  return (
    [head.join(','), ...a.acknowledgements.map(line), ...a.outstanding.map(line)].join('\r\n') +
    '\r\n'
  );
}

/** A document's acknowledgement history as a CSV file, named by the document's reference. */
export async function exportAcknowledgements(
  db: Db,
  documentId: string,
): Promise<{ ref: string; csv: string }> {
  const doc = await db
    .selectFrom('sop_documents')
    .select('ref')
    .where('id', '=', documentId)
    .executeTakeFirst();
  if (!doc) throw appError('NOT_FOUND');
  const ref = refOf(doc.ref);
  return { ref, csv: acknowledgementsCsv(ref, await acknowledgementsOf(db, documentId)) };
}
