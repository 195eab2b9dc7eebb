import { Loader, Stack } from '@mantine/core';
import type { MatchedRule, ReportRecord } from '@telerad/contracts';
import { useReport } from './api';
import { ReleasedReport } from './ReleasedReport';
import { ReportViewCard, viewOf } from './ReportViewCard';
import { SignOutcome } from './SignOutcome';

/**
 * The reader's panel once the report is signed: where it went (released, held for
 * consultation, retake) with "Next task", then the report itself, read-only; a released report
 * offers "Add addendum" and lists its versions.
 */
export function SignedReport({
  report,
  matchedRules,
}: {
  report: ReportRecord;
  matchedRules: readonly MatchedRule[];
}) {
  const full = useReport(report.state === 'final' ? report.id : null);
  const view = viewOf(report.content);
  return (
    <Stack gap="xs" data-testid="report-signed" data-state={report.state}>
      <SignOutcome report={full.data ?? report} matchedRules={matchedRules} />
      {report.state === 'final' ? (
        full.data ? (
          <ReleasedReport report={full.data} canAddAddendum />
        ) : (
          <Loader size="sm" aria-label="Loading the released report" />
        )
      ) : (
        view && <ReportViewCard view={view} />
      )}
    </Stack>
  );
}
