import {
  buildReportView,
  findForm,
  PRIOR_IMPRESSION_CHARS,
  type PriorReport,
  type ReportState,
} from '@telerad/contracts';
import type { Db } from '../../platform/db';
import type { ClinicScope } from '../auth';
import { parseContent } from './records';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const shorten = (text: string) =>
  text.length > PRIOR_IMPRESSION_CHARS ? `${text.slice(0, PRIOR_IMPRESSION_CHARS - 1)}…` : text;

/**
 * The latest report of each of some studies (by study id), as the viewer's priors list shows
 * it. Clinic users get the latest released report only, never a draft or a held report; a
 * released report shows its latest released version. The caller has already checked the
 * studies against the caller's clinic scope.
 */
export async function priorReports(
  db: Db,
  studyIds: readonly string[],
  scope: ClinicScope,
): Promise<Map<string, PriorReport>> {
  const out = new Map<string, PriorReport>();
  if (studyIds.length === 0) return out;
  let q = db
    .selectFrom('reports as r')
    .leftJoin('report_versions as v', (j) =>
      j
        .onRef('v.report_id', '=', 'r.id')
        .onRef('v.version', '=', 'r.current_version')
        .on('r.released_at', 'is not', null),
    )
    .distinctOn('r.study_id')
    .select([
      'r.study_id',
      'r.state',
      'r.released_at',
      'r.signer_name',
      'r.signer_credentials',
      'r.signed_at',
      'v.content',
    ])
    .where('r.study_id', 'in', [...studyIds])
    .orderBy('r.study_id')
    .orderBy('r.created_at', 'desc');
  if (scope !== 'all') q = q.where('r.released_at', 'is not', null);
  for (const r of await q.execute()) {
    const content = r.content === null ? null : parseContent(r.content);
    const form = content && findForm(content.formId, content.formVersion);
    const view = content && form ? buildReportView(form, content) : null;
    out.set(r.study_id, {
      state: r.state as ReportState,
      releasedAt: iso(r.released_at),
      resultLabel: view?.resultLabel ?? null,
      result: view?.result ?? null,
      tbSuggestive: view?.tbSuggestive ?? false,
      impression: shorten(view?.impression ?? ''),
      signerName: r.signer_name,
      signerCredentials: r.signer_credentials,
      signedAt: iso(r.signed_at),
    });
  }
  return out;
}
