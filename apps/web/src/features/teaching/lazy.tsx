import { Center, Loader } from '@mantine/core';
import { lazy, Suspense } from 'react';

const TeachingSessionChunk = lazy(() =>
  import('./TeachingSessionPage').then((m) => ({ default: m.TeachingSessionPage })),
);

/** `/teaching/:sessionId`, loaded on demand: it brings the viewer. */
export function LazyTeachingSessionPage() {
  return (
    <Suspense
      fallback={
        <Center h="100vh" bg="dark.8">
          <Loader aria-label="Loading the viewer" />
        </Center>
      }
    >
      <TeachingSessionChunk />
    </Suspense>
  );
}
