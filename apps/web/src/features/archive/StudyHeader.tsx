import { ReportIncidentButton } from '../incidents/ReportIncidentButton';
import { FlagTeachingButton } from '../teaching/FlagTeachingButton';
import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconEye } from '@tabler/icons-react';
import type { StudySummary } from '@telerad/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../app/useCan';
import { useDateFormat } from '../../i18n/useDateFormat';
import { StudyStatusBadge } from './StudyStatusBadge';
import { studyPath, type StudiesReturnState } from './studyLinks';
import {
  ageAt,
  formatBytes,
  formatCalendarDate,
  formatPersonName,
  formatStudyDateTime,
} from './studyFormat';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0} miw={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Stack>
  );
}

/** The link back to the study list, keeping its filters and selecting this study there. */
export function BackToStudies({ listSearch, studyUid }: { listSearch: string; studyUid?: string }) {
  const { t } = useTranslation('clinic');
  const state: StudiesReturnState = { selected: studyUid };
  return (
    <Anchor component={Link} to={`/studies${listSearch}`} state={state} size="sm">
      <Group gap={4} wrap="nowrap">
        <IconArrowLeft size={14} />
        {t('study.back')}
      </Group>
    </Anchor>
  );
}

/**
 * The study page's title block: patient, study, clinic and counts. Arrival times are in the
 * clinic's time zone for clinic staff, as the rest of their pages; the image types (DX, CR), the
 * accession number, the series and the study's UID are for the centre's staff.
 */
export function StudyHeader({ study, listSearch }: { study: StudySummary; listSearch: string }) {
  const age = ageAt(study.patientBirthDate, study.studyDate);
  const technical = useCan('archive:technical');
  const format = useDateFormat();
  const { t } = useTranslation('clinic');
  return (
    <Stack gap="sm" mb="lg">
      <BackToStudies listSearch={listSearch} studyUid={study.studyUid} />
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={2}>
          <Title order={2}>{formatPersonName(study.patientName)}</Title>
          <Text c="dimmed" size="sm">
            {study.studyDescription || t('study.untitled')} ·{' '}
            {formatStudyDateTime(study.studyDate, study.studyTime)}
          </Text>
        </Stack>
        <Group gap="xs">
          {(technical ? study.modalities : []).map((m) => (
            <Badge key={m} variant="light" radius="sm">
              {m}
            </Badge>
          ))}
          <StudyStatusBadge study={study} />
          <ReportIncidentButton
            studyUid={study.studyUid}
            studyLabel={formatPersonName(study.patientName)}
            hotkey
          />
          <FlagTeachingButton studyUid={study.studyUid} hotkey />
          <Button
            component={Link}
            to={`${studyPath(study.studyUid)}/view`}
            size="xs"
            leftSection={<IconEye size={14} />}
          >
            {t('study.openViewer')}
          </Button>
        </Group>
      </Group>
      <Paper withBorder radius="md" p="md">
        <SimpleGrid cols={{ base: 2, sm: 4, lg: 8 }} spacing="md" verticalSpacing="sm">
          <Field label={t('study.patientId')}>
            <Text span ff="monospace" size="sm">
              {study.patientId || '—'}
            </Text>
          </Field>
          <Field label={t('study.sexAge')}>
            {study.patientSex || '—'} · {age ?? '—'}
          </Field>
          <Field label={t('study.birthDate')}>{formatCalendarDate(study.patientBirthDate)}</Field>
          {technical && (
            <Field label={t('study.staff.reference')}>
              <Text span ff="monospace" size="sm">
                {study.accessionNumber || '—'}
              </Text>
            </Field>
          )}
          <Field label={t('study.clinic')}>
            <Text span fw={600} size="sm">
              {study.clinicCode}
            </Text>{' '}
            {study.clinicName}
          </Field>
          {technical ? (
            <Field label={t('study.staff.parts')}>
              {study.numSeries} / {study.numInstances} · {formatBytes(study.sizeBytes)}
            </Field>
          ) : (
            <Field label={t('study.images')}>{study.numInstances}</Field>
          )}
          <Field label={t('study.firstReceived')}>{format.dateTime(study.firstReceivedAt)}</Field>
          <Field label={t('study.lastReceived')}>{format.dateTime(study.lastReceivedAt)}</Field>
        </SimpleGrid>
        {technical && (
          <Text size="xs" c="dimmed" mt="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
            {t('study.staff.uid', { uid: study.studyUid })}
          </Text>
        )}
      </Paper>
    </Stack>
  );
}
