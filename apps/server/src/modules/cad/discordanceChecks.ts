import type {
  CadDiscordanceCheck,
  CadDiscordanceCheckList,
  CadDiscordanceCheckQuery,
} from '@telerad/contracts';
import type { Db } from '../../platform/db';
import { inClinicScope, type ClinicScope } from '../auth';

/**
 * The recorded comparisons of signed reads with their CAD results (docs/adr/0044), newest
 * first, within the caller's clinics: what QA reads to see why a report was held or released.
 */
export async function listCadDiscordanceChecks(
  db: Db,
  scope: ClinicScope,
  q: CadDiscordanceCheckQuery,
): Promise<CadDiscordanceCheckList> {
  let query = db
    .selectFrom('cad_discordance_checks as k')
    .innerJoin('studies as s', 's.id', 'k.study_id')
    .innerJoin('clinics as c', 'c.id', 'k.clinic_id')
    .innerJoin('cad_results as r', 'r.id', 'k.cad_result_id')
    .innerJoin('cad_products as p', 'p.id', 'r.product_id')
    .select([
      'k.report_id',
      's.study_uid',
      'c.code',
      'p.name',
      'p.version',
      'k.programme',
      'k.score',
      'k.band',
      'k.read_category',
      'k.discordance',
      'k.held_by_rule',
      'k.reason',
      'k.decided_at',
    ])
    .where(inClinicScope(scope, 'k.clinic_id'))
    .orderBy('k.decided_at', 'desc')
    .orderBy('k.id')
    .limit(q.limit);
  if (q.discordantOnly) query = query.where('k.discordance', 'is not', null);
  const rows = await query.execute();
  return {
    checks: rows.map((r): CadDiscordanceCheck => ({
      reportId: r.report_id,
      studyUid: r.study_uid,
      clinicCode: r.code,
      product: r.name,
      version: r.version,
      programme: r.programme,
      score: r.score,
      band: r.band as CadDiscordanceCheck['band'],
      readCategory: r.read_category as CadDiscordanceCheck['readCategory'],
      discordance: r.discordance as CadDiscordanceCheck['discordance'],
      heldByRule: r.held_by_rule,
      reason: r.reason,
      decidedAt: r.decided_at.toISOString(),
    })),
  };
}
