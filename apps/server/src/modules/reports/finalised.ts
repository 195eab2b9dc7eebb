import { findForm, REPORT_FORMS } from '@telerad/contracts';
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../platform/db';
import type { TaskChange } from '../worklist';
import { parseContent } from './records';

/** A report released to the clinic for the first time: its read is final. */
export interface FinalisedRead {
  reportId: string;
  /** The primary read the report answers. */
  taskId: string;
  studyId: string;
  clinicId: string;
  /** Who signed it: the read's reader. */
  readerId: string;
  /** The result is anything but normal (an abnormal, non-TB or TB-suggestive result). */
  abnormal: boolean;
  /** A consultant settled it before release. */
  consulted: boolean;
  /** Released while its clinic was in pilot: every such read gets a second read. */
  pilot: boolean;
  now: Date;
}

/**
 * Work that must commit with a read's finalisation (peer-review sampling), in its transaction;
 * answers the task changes to publish once that transaction committed.
 */
export type FinalisedReadHandler = (trx: Db, read: FinalisedRead) => Promise<TaskChange[]>;

let handler: FinalisedReadHandler | null = null;

/**
 * Installs the work to do when a read becomes final, inside the releasing transaction, so what
 * it hands off (a peer-review task) exists exactly when the release does (reports cannot import
 * the modules that build on them). One slot: installing again replaces it; `null` removes it.
 */
export function onReadFinalised(h: FinalisedReadHandler | null): void {
  handler = h;
}

/**
 * Whether a read is abnormal: its result, as its form defines it, is anything but normal (an
 * abnormal, non-TB or TB-suggestive result); a form without that result falls back to whether
 * the reader recorded any finding. Peer-review targeting and the report cards both count this.
 */
export function isAbnormalRead(
  formId: string,
  formVersion: string,
  result: string | null | undefined,
  findings: number,
): boolean {
  const option = findForm(formId, formVersion)?.results.find((o) => o.id === result);
  return option ? option.kind !== 'normal' : findings > 0;
}

/**
 * Every form's result options with whether each is abnormal, as a table
 * `(form_id, form_version, result, abnormal)` inlined from contracts: join it to reports on form,
 * version and `content->>'result'`, then `abnormalReadSql` counts as `isAbnormalRead` decides.
 */
export function resultKindsSql(): RawBuilder<{
  form_id: string;
  form_version: string;
  result: string;
  abnormal: boolean;
}> {
  const rows = REPORT_FORMS.flatMap((f) =>
    f.results.map(
      (o) =>
        sql`(${sql.lit(f.id)}, ${sql.lit(f.version)}, ${sql.lit(o.id)}, ${sql.lit(o.kind !== 'normal')})`,
    ),
  );
  return sql`(select * from (values ${sql.join(rows)}) as v(form_id, form_version, result, abnormal))`;
}

/**
 * `isAbnormalRead` in SQL, over the `reports` row `report` left-joined to `resultKindsSql()` as
 * `kinds`: the result's kind when the form knows it, else whether any finding was recorded.
 */
export function abnormalReadSql(report: string, kinds: string): RawBuilder<boolean> {
  return sql<boolean>`coalesce(${sql.ref(`${kinds}.abnormal`)},
    coalesce(jsonb_array_length(${sql.ref(`${report}.content`)}->'findings'), 0) > 0)`;
}

/** Runs the finalisation work for report `reportId`, first released at `now`, in `trx`. */
export async function readFinalised(trx: Db, reportId: string, now: Date): Promise<TaskChange[]> {
  if (!handler) return [];
  const r = await trx
    .selectFrom('reports')
    .select([
      'id',
      'task_id',
      'study_id',
      'clinic_id',
      'signed_by',
      'form_id',
      'form_version',
      'content',
      'pilot',
    ])
    .where('id', '=', reportId)
    .executeTakeFirstOrThrow();
  if (!r.signed_by) return [];
  const consulted = await trx
    .selectFrom('report_versions')
    .select('id')
    .where('report_id', '=', reportId)
    .where('kind', 'in', ['consultant_concur', 'consultant_amend'])
    .executeTakeFirst();
  const content = parseContent(r.content);
  const read: FinalisedRead = {
    reportId,
    taskId: r.task_id,
    studyId: r.study_id,
    clinicId: r.clinic_id,
    readerId: r.signed_by,
    abnormal: isAbnormalRead(r.form_id, r.form_version, content.result, content.findings.length),
    consulted: consulted !== undefined,
    pilot: r.pilot,
    now,
  };
  return handler(trx, read);
}
