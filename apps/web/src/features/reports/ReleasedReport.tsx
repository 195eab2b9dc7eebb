import { Alert, Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { IconCameraRotate, IconFileTypePdf } from '@tabler/icons-react';
import type { ReportRecord, RetakeRequest } from '@telerad/contracts';
import { formatDateTime } from '../../app/format';
import { reportPdfUrl } from './api';
import { AddendumButton } from './AddendumButton';
import { ClinicReceiptLine } from './ClinicReceiptLine';
import { ReportViewCard, viewOf } from './ReportViewCard';
import { Addenda, VersionHistory } from './VersionHistory';

/** A retake request as the clinic reads it: why, by whom, and what happens next. */
export function RetakeNotice({ retake }: { retake: RetakeRequest }) {
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconCameraRotate />}
      title={retake.fulfilledAt ? 'Retake received' : 'Retake requested'}
    >
      <Text size="sm">
        {retake.reasonLabels.length ? retake.reasonLabels.join('; ') : 'Images unreadable'}
        {retake.note ? ` — ${retake.note}` : ''}
      </Text>
      <Text size="xs" c="dimmed">
        Requested by {retake.requestedBy}, {formatDateTime(retake.requestedAt)}.{' '}
        {retake.fulfilledAt
          ? `New images arrived ${formatDateTime(retake.fulfilledAt)}; the study is being read again.`
          : 'Send new images of this study; it goes back to the readers as soon as they arrive.'}
      </Text>
    </Alert>
  );
}

/**
 * A released report: result, findings by group, quality and impression from the latest
 * released version, who signed it and when, its addenda and versions, and the PDF.
 */
export function ReleasedReport({
  report,
  canAddAddendum = false,
  pdf = true,
}: {
  report: ReportRecord;
  canAddAddendum?: boolean;
  pdf?: boolean;
}) {
  const versions = report.versions ?? [];
  const latest = versions.findLast((v) => v.kind !== 'addendum') ?? versions.at(-1);
  const view = latest?.view ?? viewOf(report.content);
  const released = report.currentVersion > 0 && report.state === 'final';
  return (
    <Stack gap="xs" data-report-id={report.id}>
      {report.retake && <RetakeNotice retake={report.retake} />}
      {view ? (
        <ReportViewCard view={view} />
      ) : (
        <Text size="sm" c="dimmed">
          This report uses form {report.formId} {report.formVersion}, which this app cannot display.
          Download the PDF instead.
        </Text>
      )}
      <Group gap="xs" justify="space-between">
        <Text size="xs" c="dimmed">
          Signed by {report.signerName ?? '—'}
          {report.signerCredentials ? `, ${report.signerCredentials}` : ''} ·{' '}
          {formatDateTime(report.signedAt)}
          {released && (
            <>
              {' · '}
              <Badge size="xs" variant="light" radius="sm" component="span">
                Version {report.currentVersion}
              </Badge>
            </>
          )}
        </Text>
        <Group gap="xs">
          {released && pdf && (
            <>
              <Anchor
                size="sm"
                href={reportPdfUrl(report.id, report.currentVersion, true)}
                download
              >
                <Group gap={4} component="span">
                  <IconFileTypePdf size={16} />
                  Download PDF
                </Group>
              </Anchor>
              <Anchor
                size="sm"
                href={reportPdfUrl(report.id, report.currentVersion)}
                target="_blank"
                rel="noopener"
              >
                View
              </Anchor>
            </>
          )}
          {released && canAddAddendum && <AddendumButton reportId={report.id} />}
        </Group>
      </Group>
      {released && report.clinicReceipt && <ClinicReceiptLine receipt={report.clinicReceipt} />}
      <Addenda versions={versions} />
      {(versions.length > 1 || versions.some((v) => v.kind !== 'signed')) && (
        <VersionHistory reportId={report.id} versions={versions} pdf={released && pdf} />
      )}
    </Stack>
  );
}
