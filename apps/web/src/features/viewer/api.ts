import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { PriorsResponse } from '@telerad/contracts';
import { useEffect } from 'react';
import { api } from '../../app/api';
import { ApiError } from '../../app/apiError';
import { selectHangingProtocol } from './hangingProtocol';
import { warmImage } from './imageMetadata';
import { viewerInstances, type DicomJsonDataSet, type ViewerInstance } from './studyMetadata';

/** Our WADO-RS root (same origin: the session cookie authenticates it). */
export const DICOMWEB_BASE = '/dicomweb';

/**
 * Fetches a study's image instances from WADO-RS metadata (one request for the whole study),
 * from our archive's root or another WADO-RS root of the same shape (a teaching case's).
 */
export async function fetchStudyInstances(
  studyUid: string,
  signal?: AbortSignal,
  base: string = DICOMWEB_BASE,
): Promise<ViewerInstance[]> {
  // Our archive leaves a CAD's SRs and heatmaps out of the images to read (docs/adr/0041).
  const cad = base === DICOMWEB_BASE ? '?cad=exclude' : '';
  const res = await fetch(`${base}/studies/${encodeURIComponent(studyUid)}/metadata${cad}`, {
    headers: { accept: 'application/dicom+json' },
    credentials: 'same-origin',
    signal,
  });
  if (!res.ok) throw await ApiError.fromResponse(res);
  return viewerInstances(base, (await res.json()) as DicomJsonDataSet[]);
}

/** Query key of a study's instances (under our archive's WADO-RS root unless `base` says). */
export const instancesKey = (studyUid: string | null, base: string = DICOMWEB_BASE) =>
  base === DICOMWEB_BASE
    ? (['viewer', 'metadata', studyUid] as const)
    : (['viewer', 'metadata', studyUid, base] as const);

/**
 * The image instances of a study. With `warm`, the image the hanging protocol shows first starts
 * loading the moment the metadata arrive, before React has laid the viewer out.
 */
export function useStudyInstances(
  studyUid: string | null,
  warm = false,
  base: string = DICOMWEB_BASE,
) {
  return useQuery({
    queryKey: instancesKey(studyUid, base),
    enabled: !!studyUid,
    staleTime: 5 * 60_000,
    queryFn: async ({ signal }): Promise<ViewerInstance[]> => {
      const instances = await fetchStudyInstances(studyUid!, signal, base);
      const first = warm ? selectHangingProtocol(instances, null, false)?.viewports[0] : undefined;
      if (first) warmImage(first.instance, true);
      return instances;
    },
  });
}

/** Fetches a prior's metadata and loads its frontal image in the background, for `C`. */
export function usePrefetchPrior(studyUid: string | null, enabled: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!studyUid || !enabled) return;
    void queryClient
      .fetchQuery({
        queryKey: instancesKey(studyUid),
        queryFn: ({ signal }) => fetchStudyInstances(studyUid, signal),
        staleTime: 5 * 60_000,
      })
      .then((instances) => {
        const first = selectHangingProtocol(instances, null, false)?.viewports[0];
        if (first) warmImage(first.instance, false);
      })
      .catch(() => undefined); // comparing shows the error if it persists
  }, [queryClient, studyUid, enabled]);
}

/** Query key of a study's priors. */
export const priorsKey = (studyUid: string | null) => ['viewer', 'priors', studyUid] as const;

/** Fetches the earlier studies of a study's patient, most recent first. */
export const fetchPriors = (studyUid: string, signal?: AbortSignal) =>
  api.get<PriorsResponse>(`/api/studies/${encodeURIComponent(studyUid)}/priors`, undefined, signal);

/** The earlier studies of a study's patient, most recent first. */
export function usePriors(studyUid: string | null) {
  return useQuery({
    queryKey: priorsKey(studyUid),
    enabled: !!studyUid,
    staleTime: 60_000,
    queryFn: ({ signal }) => fetchPriors(studyUid!, signal),
  });
}
