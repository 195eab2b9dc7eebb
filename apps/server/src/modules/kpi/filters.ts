import type { KpiFilters } from '@telerad/contracts';
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../platform/db';

/** The dashboard's filters with the period settled: UTC days `from` … `to`, inclusive. */
export interface Scope extends KpiFilters {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Settles the period: the last 30 days up to `now` when none is given; `from` never after `to`. */
export function settle(f: KpiFilters, now: Date = new Date()): Scope {
  const to = f.to ?? isoDay(now);
  const from = f.from ?? isoDay(new Date(Date.parse(`${to}T00:00:00Z`) - 29 * DAY_MS));
  return from <= to ? { ...f, from, to } : { ...f, from: to, to: from };
}

/** The period as the half-open instant range [start, end) of its UTC days. */
export function instants(s: Scope): { start: Date; end: Date } {
  return {
    start: new Date(`${s.from}T00:00:00Z`),
    end: new Date(Date.parse(`${s.to}T00:00:00Z`) + DAY_MS),
  };
}

/**
 * The conditions of the filters on a facts table (`kpi_reads` or `kpi_daily`) under `alias`:
 * the period's days (unless `period` is false, for panels dated otherwise), centre, clinic,
 * reader and programme.
 */
export function factConditions(s: Scope, alias: string, period = true): RawBuilder<unknown> {
  const c = (col: string) => sql.ref(`${alias}.${col}`);
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (period) parts.push(sql`${c('day')} between ${s.from}::date and ${s.to}::date`);
  if (s.centreId) parts.push(sql`${c('centre_id')} = ${s.centreId}`);
  if (s.clinicId) parts.push(sql`${c('clinic_id')} = ${s.clinicId}`);
  if (s.readerId) parts.push(sql`${c('reader_id')} = ${s.readerId}`);
  if (s.programme) parts.push(sql`${c('programme')} = ${s.programme}`);
  return sql.join(parts, sql` and `);
}

/**
 * The filters on a table that has a clinic (and perhaps a centre) but no reader or programme:
 * a centre filter means the clinic's home centre when the table has no centre of its own.
 */
export function clinicConditions(
  s: Scope,
  clinicCol: string,
  centreCol: string | null,
): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (s.clinicId) parts.push(sql`${sql.ref(clinicCol)} = ${s.clinicId}`);
  if (s.centreId)
    parts.push(
      centreCol
        ? sql`${sql.ref(centreCol)} = ${s.centreId}`
        : sql`${sql.ref(clinicCol)} in (select id from clinics where home_centre_id = ${s.centreId})`,
    );
  return sql.join(parts, sql` and `);
}

/** A numeric column as pg returns it (string or null) as a number or null. */
export const num = (v: unknown): number | null =>
  v === null || v === undefined ? null : Number(v);

/** The names of the centre, clinic and radiologist the filters name (for an export's header). */
export async function filterNames(
  db: Db,
  s: Scope,
): Promise<{ centre?: string; clinic?: string; reader?: string }> {
  const [centre, clinic, reader] = await Promise.all([
    s.centreId
      ? db.selectFrom('centres').select('name').where('id', '=', s.centreId).executeTakeFirst()
      : undefined,
    s.clinicId
      ? db.selectFrom('clinics').select('name').where('id', '=', s.clinicId).executeTakeFirst()
      : undefined,
    s.readerId
      ? db
          .selectFrom('users')
          .select('display_name as name')
          .where('id', '=', s.readerId)
          .executeTakeFirst()
      : undefined,
  ]);
  return { centre: centre?.name, clinic: clinic?.name, reader: reader?.name };
}
