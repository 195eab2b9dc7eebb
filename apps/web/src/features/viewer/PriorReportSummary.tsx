import { Text } from '@mantine/core';
import type { PriorReport, ReportState } from '@telerad/contracts';
import { formatDate } from '../../app/format';

const UNRELEASED: Record<ReportState, string> = {
  draft: 'Report: draft, not signed',
  pending_consultation: 'Report: signed, awaiting consultation',
  final: 'Report: signed, not released',
  retake_requested: 'Report: retake requested',
};

/** One line of a prior's result: the released result, or where its report stands. */
export function priorResultText(report: PriorReport | null): string {
  if (!report) return 'No report yet';
  if (!report.releasedAt) return UNRELEASED[report.state];
  const signer = [report.signerName, report.signerCredentials].filter(Boolean).join(', ');
  return [
    `${report.resultLabel ?? 'Result'}: ${report.result ?? 'no result recorded'}`,
    report.tbSuggestive ? 'TB-suggestive' : null,
    signer || null,
    `released ${formatDate(report.releasedAt)}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The report lines under a prior in the priors menu: result, signer, and the impression. */
export function PriorReportSummary({ report }: { report: PriorReport | null }) {
  return (
    <>
      <Text size="xs" c={report?.tbSuggestive ? 'red.4' : 'dimmed'} data-testid="prior-result">
        {priorResultText(report)}
      </Text>
      {report?.impression ? (
        <Text size="xs" c="dimmed" lineClamp={2} title={report.impression}>
          {report.impression}
        </Text>
      ) : null}
    </>
  );
}
