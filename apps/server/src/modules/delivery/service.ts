import type { Actor, ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { assertClinicScope } from '../auth';
import { ensurePdf, readDocument } from './documents';
import { loadReleasedReport, releasedHead, type ReleasedReport } from './load';
import type { DeliveryDeps } from './runner';

/** The signed-in actor; UNAUTHENTICATED without one. */
export function actorOf(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  return ctx.actor;
}

/**
 * A released report version through the clinic-scope check: the latest released version when
 * `version` is omitted. Anything not released, or outside the caller's clinics, is NOT_FOUND.
 */
export async function scopedReleasedReport(
  ctx: ServiceContext,
  reportId: string,
  version?: number,
): Promise<ReleasedReport> {
  const actor = actorOf(ctx);
  const head = await releasedHead(ctx.db, reportId);
  assertClinicScope(actor, head?.clinicId);
  const r = head && (await loadReleasedReport(ctx.db, reportId, version ?? head.currentVersion));
  if (!r) throw appError('NOT_FOUND', undefined, 'There is no such released report version.');
  return r;
}

/** The PDF of a released version (made and stored on first request), with its file name. */
export async function reportPdf(
  ctx: ServiceContext,
  deps: DeliveryDeps,
  reportId: string,
  version?: number,
): Promise<{ report: ReleasedReport; pdf: Buffer; fileName: string }> {
  const report = await scopedReleasedReport(ctx, reportId, version);
  const doc = await ensurePdf(deps, report);
  return { report, pdf: await readDocument(deps.storage, doc), fileName: pdfFileName(report) };
}

/**
 * `<clinic>-<patientId>-<study date>-report.pdf` (`-v2` and on for amended versions): the name
 * a clinic files it under. The study date, else the release date, so two reads of one patient
 * do not overwrite each other in a downloads folder. Unsafe characters stay in; the header
 * (`contentDisposition`) makes its ASCII fallback.
 */
export function pdfFileName(report: ReleasedReport): string {
  const date = report.study.studyDate ?? report.releasedAt.toISOString().slice(0, 10);
  const version = report.version > 1 ? `-v${report.version}` : '';
  return `${report.clinic.code}-${report.study.patientId}-${date}-report${version}.pdf`;
}

/**
 * A Content-Disposition value (RFC 6266): `filename` is an ASCII-only fallback (anything else,
 * and quotes or path separators, become `_`), `filename*` the full UTF-8 name (RFC 8187), which
 * browsers prefer when they understand it.
 */
export function contentDisposition(type: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120);
  const utf8 = encodeURIComponent(fileName.replace(/[\\/"]/g, '_')).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}
