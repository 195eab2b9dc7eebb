import type { StudySummary } from '@telerad/contracts';
import { ReadingStatusBadge } from '../../app/components/ReadingStatusBadge';
import { StabilityBadge } from './StabilityBadge';

/**
 * A study's one status: where its reading stands once it is in the workflow (the server's
 * reading status, the same as on the worklist), else whether its images are still arriving.
 */
export function StudyStatusBadge({
  study,
}: {
  study: Pick<StudySummary, 'readingStatus' | 'stableAt'>;
}) {
  return study.readingStatus ? (
    <ReadingStatusBadge status={study.readingStatus} />
  ) : (
    <StabilityBadge stableAt={study.stableAt} />
  );
}
