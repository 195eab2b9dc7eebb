import { getWebWorkerManager } from '@cornerstonejs/core';
import { queryClient } from '../../app/queryClient';
import { fetchPriors, fetchStudyInstances, instancesKey, priorsKey } from './api';
import { sharedRenderingEngine } from './cornerstoneSetup';
import { selectHangingProtocol } from './hangingProtocol';
import { warmImage } from './imageMetadata';

/**
 * Gets the viewer ready before it is needed (the worklist calls it while the reader looks at the
 * list): Cornerstone's renderer, loader and tools initialised, and its rendering engine made.
 */
export function warmViewer(): void {
  sharedRenderingEngine();
  // Start a decoder worker now: its module loads while the reader looks at the list.
  getWebWorkerManager().getNextWorkerAPI('dicomImageLoader');
}

/**
 * Starts on a study the moment the reader opens it, before the reading page has rendered: its
 * metadata and priors into the query cache and its first image into Cornerstone's cache.
 */
export function warmStudy(studyUid: string): void {
  void queryClient
    .prefetchQuery({
      queryKey: priorsKey(studyUid),
      queryFn: ({ signal }) => fetchPriors(studyUid, signal),
      staleTime: 60_000,
    })
    .catch(() => undefined);
  void queryClient
    .fetchQuery({
      queryKey: instancesKey(studyUid),
      queryFn: ({ signal }) => fetchStudyInstances(studyUid, signal),
      staleTime: 5 * 60_000,
    })
    .then((instances) => {
      const first = selectHangingProtocol(instances, null, false)?.viewports[0];
      if (first) warmImage(first.instance, true);
    })
    .catch(() => undefined); // the viewer's own query reports errors
}
