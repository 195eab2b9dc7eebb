import { Alert, Paper, Stack, Text, Title } from '@mantine/core';
import { IconReportMedical } from '@tabler/icons-react';
import type { ReadingStatus } from '@telerad/contracts';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../app/components/QueryState';
import { useCan } from '../../app/useCan';
import { isServiceMissing } from '../archive/api';
import { useStudyReports } from './api';
import { RetakeNotice } from '../retakes/RetakeNotice';
import { ReleasedReport } from './ReleasedReport';

/**
 * The Reports section of the study page: the study's released reports (result, findings,
 * signer, addenda, PDF) and any retake request with its reasons.
 */
export function StudyReports({
  studyUid,
  readingStatus = null,
}: {
  studyUid: string;
  /** Where the study's reading stands, to say why there is no report yet. */
  readingStatus?: ReadingStatus | null;
}) {
  const { t } = useTranslation('reports');
  const reports = useStudyReports(studyUid);
  const canAddAddendum = useCan('report:sign');
  if (isServiceMissing(reports.error)) return null;
  return (
    <Stack gap="sm" mb="lg" component="section" aria-label={t('study.section')}>
      <Title order={4}>{t('study.section')}</Title>
      <QueryState query={reports}>
        {({ reports: list, retakes }) => (
          <>
            {retakes
              .filter((t) => !list.some((r) => r.retake?.id === t.id))
              .map((t) => (
                <RetakeNotice key={t.id} retake={t} />
              ))}
            {list.length === 0 && retakes.length === 0 && (
              <Alert variant="light" color="gray" icon={<IconReportMedical />}>
                <Text size="sm">
                  {t('study.none')}{' '}
                  {readingStatus && readingStatus !== 'completed'
                    ? t('study.soon', { note: t(`clinic:status.${readingStatus}.note`) })
                    : t('study.whenSigned')}
                </Text>
              </Alert>
            )}
            {list.map((r) => (
              <Paper key={r.id} withBorder p="md" radius="md">
                <ReleasedReport report={r} canAddAddendum={canAddAddendum} />
              </Paper>
            ))}
          </>
        )}
      </QueryState>
    </Stack>
  );
}
