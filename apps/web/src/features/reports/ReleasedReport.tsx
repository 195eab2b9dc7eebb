import { Alert, Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { IconFileTypePdf } from '@tabler/icons-react';
import type { ReportRecord } from '@telerad/contracts';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../../i18n/useDateFormat';
import { RetakeNotice } from '../retakes/RetakeNotice';
import { reportPdfUrl } from './api';
import { AddendumButton } from './AddendumButton';
import { ClinicReceiptLine } from './ClinicReceiptLine';
import { CriticalRecordLine } from '../critical/CriticalRecordLine';
import { ReportViewCard, viewOf } from './ReportViewCard';
import { Addenda, VersionHistory } from './VersionHistory';

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
  const { t, i18n } = useTranslation('reports');
  const format = useDateFormat();
  const versions = report.versions ?? [];
  const latest = versions.findLast((v) => v.kind !== 'addendum') ?? versions.at(-1);
  const view = latest?.view ?? viewOf(report.content);
  const released = report.currentVersion > 0 && report.state === 'final';
  return (
    <Stack gap="xs" data-report-id={report.id}>
      {report.retake && <RetakeNotice retake={report.retake} />}
      {report.critical && <CriticalRecordLine critical={report.critical} />}
      {report.pilot && (
        <Alert color="orange" variant="light" p="xs" title="PILOT" data-testid="pilot-report">
          <Text size="sm">{t('report.pilot')}</Text>
        </Alert>
      )}
      {view && i18n.language !== 'en' && (
        <Text size="xs" c="dimmed" fs="italic">
          {t('report.englishNote')}
        </Text>
      )}
      {view ? (
        <ReportViewCard view={view} />
      ) : (
        <Text size="sm" c="dimmed">
          {t('report.unknownForm', { form: report.formId, version: report.formVersion })}
        </Text>
      )}
      <Group gap="xs" justify="space-between">
        <Text size="xs" c="dimmed">
          {t('report.signedBy', { name: report.signerName ?? '—' })}
          {report.signerCredentials ? `, ${report.signerCredentials}` : ''} ·{' '}
          {format.dateTime(report.signedAt)}
          {released && (
            <>
              {' · '}
              <Badge size="xs" variant="light" radius="sm" component="span">
                {t('report.version', { version: report.currentVersion })}
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
                  {t('report.downloadPdf')}
                </Group>
              </Anchor>
              <Anchor
                size="sm"
                href={reportPdfUrl(report.id, report.currentVersion)}
                target="_blank"
                rel="noopener"
              >
                {t('report.view')}
              </Anchor>
            </>
          )}
          {released && canAddAddendum && <AddendumButton reportId={report.id} />}
        </Group>
      </Group>
      {released && report.clinicReceipt && <ClinicReceiptLine receipt={report.clinicReceipt} />}
      <Addenda versions={versions} />
      {(versions.length > 1 ||
        versions.some((v) => v.kind !== 'signed') ||
        report.critical?.acknowledgedAt) && (
        <VersionHistory
          reportId={report.id}
          versions={versions}
          pdf={released && pdf}
          critical={report.critical}
        />
      )}
    </Stack>
  );
}
