import type { ServiceContext } from '../../platform/context';
import { blindCadObjects, isReader } from '../cad';

/**
 * Blind first through DICOMweb (docs/adr/0043): while a reader has made no first impression of
 * a blind-first study, its CAD objects (heatmap Secondary Captures, CAD SRs) do not exist for
 * them here, as the viewer hides their score. Every WADO-RS resource is resolved through
 * `instancesOf` (wado.ts), which applies {@link visibleInstances}, and QIDO-RS applies the same
 * set to its instances, series and study counts ({@link visiblePage} pages over what the caller
 * may see, so a page is never short), so the rule lives here once. QA, support,
 * administrators and a reader after their first impression see the whole study.
 */

/** What a caller must not be shown of some studies: the SOP Instance UIDs, and their counts. */
export interface HiddenCad {
  sops: Set<string>;
  /** Hidden instances by Series Instance UID. */
  bySeries: Map<string, number>;
  /** Hidden instances, and series hidden whole, by Study Instance UID. */
  byStudy: Map<string, { instances: number; series: number }>;
}

/** The CAD objects of `studyUids` the caller may not see yet (nothing for most callers). */
export async function hiddenCadOf(
  ctx: ServiceContext,
  studyUids: readonly string[],
): Promise<HiddenCad> {
  const objects = await blindCadObjects(ctx.db, ctx.actor, studyUids);
  const out: HiddenCad = { sops: new Set(), bySeries: new Map(), byStudy: new Map() };
  const seriesSize = new Map<string, { studyUid: string; size: number }>();
  for (const o of objects) {
    out.sops.add(o.sopUid);
    out.bySeries.set(o.seriesUid, (out.bySeries.get(o.seriesUid) ?? 0) + 1);
    seriesSize.set(o.seriesUid, { studyUid: o.studyUid, size: o.seriesInstances });
  }
  for (const [seriesUid, { studyUid, size }] of seriesSize) {
    const hidden = out.bySeries.get(seriesUid)!;
    const s = out.byStudy.get(studyUid) ?? { instances: 0, series: 0 };
    s.instances += hidden;
    if (hidden >= size) s.series += 1;
    out.byStudy.set(studyUid, s);
  }
  return out;
}

/** The instance rows the caller may see: `rows` without the CAD objects they are blind to. */
export async function visibleInstances<R extends { sop_uid: string; study_uid: string }>(
  ctx: ServiceContext,
  rows: R[],
): Promise<R[]> {
  if (!rows.length) return rows;
  const hidden = await hiddenCadOf(ctx, [...new Set(rows.map((r) => r.study_uid))]);
  return hidden.sops.size ? rows.filter((r) => !hidden.sops.has(r.sop_uid)) : rows;
}

/** Series rows without those made only of hidden CAD objects, their counts without the rest. */
export async function visibleSeries<
  R extends { series_uid: string; study_uid: string; num_instances: number },
>(ctx: ServiceContext, rows: R[]): Promise<R[]> {
  if (!rows.length) return rows;
  const hidden = await hiddenCadOf(ctx, [...new Set(rows.map((r) => r.study_uid))]);
  return rows.flatMap((r) => {
    const n = hidden.bySeries.get(r.series_uid) ?? 0;
    if (!n) return [r];
    return n >= r.num_instances ? [] : [{ ...r, num_instances: r.num_instances - n }];
  });
}

/** Study rows with their instance and series counts as the caller may see them. */
export async function visibleStudyCounts<
  R extends { study_uid: string; num_instances: number; num_series: number },
>(ctx: ServiceContext, rows: R[]): Promise<R[]> {
  if (!rows.length) return rows;
  const hidden = await hiddenCadOf(
    ctx,
    rows.map((r) => r.study_uid),
  );
  return rows.map((r) => {
    const h = hidden.byStudy.get(r.study_uid);
    return h
      ? { ...r, num_instances: r.num_instances - h.instances, num_series: r.num_series - h.series }
      : r;
  });
}

/** The most rows a reader's QIDO-RS page reads at a time while it fills itself. */
const MAX_FILL_CHUNK = 5000;

/**
 * One page of a series or instance search as the caller may see it: `page.limit` rows from the
 * `page.offset`-th row they may see. For anyone who is not a reader nothing is hidden, and the
 * search pages itself. A reader may be blind to rows anywhere in the search, so their page is
 * read from the start, in chunks that double from the page's own size, each filtered by
 * `visible`, until it is full or the search has no more: a limit then counts rows shown, and an
 * offset skips rows shown, never hidden ones (cutting the page before filtering gave a blind
 * reader fewer rows than the limit, and told them more were there).
 */
export async function visiblePage<R>(
  ctx: ServiceContext,
  page: { limit: number; offset: number },
  search: (page: { limit: number; offset: number }) => Promise<R[]>,
  visible: (rows: R[]) => Promise<R[]>,
): Promise<R[]> {
  if (!isReader(ctx.actor)) return visible(await search(page));
  const want = page.offset + page.limit;
  const shown: R[] = [];
  for (let offset = 0, chunk = want; shown.length < want;) {
    const rows = await search({ limit: chunk, offset });
    shown.push(...(await visible(rows)));
    if (rows.length < chunk) break;
    offset += chunk;
    chunk = Math.min(chunk * 2, MAX_FILL_CHUNK);
  }
  return shown.slice(page.offset, want);
}
