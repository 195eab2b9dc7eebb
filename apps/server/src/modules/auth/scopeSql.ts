import { sql, type Expression, type SqlBool } from 'kysely';
import type { ClinicScope } from './policy';

/**
 * The one SQL predicate for "rows of the caller's clinics": `column` (a clinic id column such as
 * `studies.clinic_id`, or an expression that yields one) lies in `scope`. Centre staff (`'all'`) match every row; a clinic user
 * with no clinics matches none. Every list that narrows by clinic goes through this helper, so
 * the rule is written once.
 */
export function inClinicScope(
  scope: ClinicScope,
  column: string | Expression<string | null>,
): Expression<SqlBool> {
  if (scope === 'all') return sql<SqlBool>`true`;
  if (scope.length === 0) return sql<SqlBool>`false`;
  // One array parameter, whatever the number of clinics: one statement shape for the planner.
  const value = typeof column === 'string' ? sql.ref(column) : column;
  return sql<SqlBool>`${value} = any(${[...scope]}::uuid[])`;
}
