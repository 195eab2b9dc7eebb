import { Center, Loader } from '@mantine/core';
import { lazy, Suspense } from 'react';

/**
 * Loads the reading chunk (Cornerstone, codecs) ahead of need, e.g. while the worklist shows, and
 * initialises the viewer so opening a task does not wait for it.
 */
export const preloadReader = () =>
  import('./ReadingPage').then((m) => {
    m.warmViewer();
    return m;
  });

/** Starts loading a study's metadata and first image as the reader opens it. */
export const warmStudy = (studyUid: string): void =>
  void preloadReader().then((m) => m.warmStudy(studyUid));

// The report editor comes with the reading page, never with the pages clinics open.
const ReadingPageChunk = lazy(() =>
  Promise.all([
    preloadReader(),
    import('../reports/TaskReportPanel'),
    import('../retakes/RetakeButton'),
  ]).then(([m, r, k]) => ({
    default: () => (
      <m.ReadingPage
        renderReportPanel={r.renderTaskReportPanel}
        renderHeaderActions={k.renderRetakeAction}
      />
    ),
  })),
);
const StudyViewerChunk = lazy(() =>
  import('./StudyViewerPage').then((m) => ({ default: m.StudyViewerPage })),
);

function Loading() {
  return (
    <Center h="100vh" bg="dark.8">
      <Loader aria-label="Loading the viewer" />
    </Center>
  );
}

/** `/read/:taskId`, loaded on demand: the viewer is the app's heaviest part. */
export function LazyReadingPage() {
  return (
    <Suspense fallback={<Loading />}>
      <ReadingPageChunk />
    </Suspense>
  );
}

/** `/studies/:studyUid/view`, loaded on demand. */
export function LazyStudyViewerPage() {
  return (
    <Suspense fallback={<Loading />}>
      <StudyViewerChunk />
    </Suspense>
  );
}

/** Where a task is read. */
export const readPath = (taskId: string) => `/read/${encodeURIComponent(taskId)}`;
