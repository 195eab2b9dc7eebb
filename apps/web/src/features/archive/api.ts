import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { StudyDetail, StudySummary } from '@telerad/contracts';
import { api } from '../../app/api';
import { ApiError } from '../../app/apiError';
import { firstDataset, type DicomJsonDataset } from './dicomJson';
import type { StudyFilters } from './filters';

/** Studies per page of the browser ("Load more" fetches the next page). */
export const PAGE_SIZE = 50;

/** How often a list or study with objects still arriving is refreshed. */
const RECEIVING_REFRESH_MS = 10_000;

/** Answer of `GET /api/studies`. */
export interface StudyPageAnswer {
  studies: StudySummary[];
  hasMore: boolean;
}

/** One instance as the tag viewer and thumbnails address it. */
export interface InstanceRef {
  studyUid: string;
  seriesUid: string;
  sopUid: string;
}

/** The studies matching `filters`, newest study date first, a page at a time. */
export function useStudies(filters: StudyFilters) {
  return useInfiniteQuery({
    queryKey: ['studies', filters],
    initialPageParam: 0,
    queryFn: ({ pageParam, signal }) =>
      api.get<StudyPageAnswer>(
        '/api/studies',
        { ...filters, limit: PAGE_SIZE, offset: pageParam },
        signal,
      ),
    getNextPageParam: (last, pages) =>
      last.hasMore ? pages.reduce((n, p) => n + p.studies.length, 0) : undefined,
    placeholderData: keepPreviousData,
    // Keep "Receiving" badges honest: poll while any listed study is still arriving.
    refetchInterval: (query) =>
      query.state.data?.pages.some((p) => p.studies.some((s) => s.stableAt === null))
        ? RECEIVING_REFRESH_MS
        : false,
  });
}

/** One study with its series, instances and ingest history. */
export function useStudy(studyUid: string) {
  return useQuery({
    queryKey: ['study', studyUid],
    queryFn: ({ signal }) =>
      api.get<StudyDetail>(`/api/studies/${encodeURIComponent(studyUid)}`, undefined, signal),
    refetchInterval: (query) =>
      query.state.data && query.state.data.study.stableAt === null ? RECEIVING_REFRESH_MS : false,
  });
}

/** The WADO-RS path of an instance (PS3.18 §10.4). */
function instancePath({ studyUid, seriesUid, sopUid }: InstanceRef): string {
  const e = encodeURIComponent;
  return `/dicomweb/studies/${e(studyUid)}/series/${e(seriesUid)}/instances/${e(sopUid)}`;
}

/** The URL of an instance's thumbnail (WADO-RS thumbnail, PS3.18 §10.4.1.1.4; JPEG). */
export function thumbnailUrl(ref: InstanceRef): string {
  return `${instancePath(ref)}/thumbnail`;
}

/** GETs DICOM JSON from the DICOMweb service with the session cookie. */
async function getDicomJson(path: string, signal: AbortSignal): Promise<DicomJsonDataset> {
  const res = await fetch(path, {
    headers: { accept: 'application/dicom+json, application/json;q=0.9' },
    credentials: 'same-origin',
    signal,
  });
  if (!res.ok) throw await ApiError.fromResponse(res);
  const dataset = firstDataset(await res.json());
  if (!dataset)
    throw new ApiError(502, 'BAD_METADATA', 'The server sent metadata that is not DICOM JSON.');
  return dataset;
}

/** The DICOM attributes of one instance (WADO-RS metadata), or nothing while `ref` is null. */
export function useInstanceMetadata(ref: InstanceRef | null) {
  return useQuery({
    queryKey: ['instance-metadata', ref?.studyUid, ref?.seriesUid, ref?.sopUid],
    queryFn: ({ signal }) => getDicomJson(`${instancePath(ref as InstanceRef)}/metadata`, signal),
    enabled: ref !== null,
    staleTime: 5 * 60_000,
  });
}

/** True when the server said the thing asked for does not exist or is out of the user's scope. */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

/**
 * True when an endpoint is missing from this server rather than the object: no route (404
 * ROUTE_NOT_FOUND or a bare 404) or not implemented (501).
 */
export function isServiceMissing(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.status === 501 || error.status === 405) return true;
  return error.status === 404 && (error.code === 'ROUTE_NOT_FOUND' || error.code === 'HTTP_404');
}
