import { ActionIcon, Anchor, Badge, Group, Menu, Stack, Text, Tooltip } from '@mantine/core';
import {
  IconAlertTriangle,
  IconDots,
  IconFileText,
  IconNote,
  IconWorld,
} from '@tabler/icons-react';
import { CLINIC_STATE_LOOK, type ApplicantRow } from '@telerad/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatPersonName } from '../archive/studyFormat';
import { dueInClinicTime } from './portalTime';
import type { StudyAction } from './StudyActionDialog';

/*
 * The pieces of one applicant's line, shared by the table (desktop, tablet) and the cards
 * (phone), so both show the same facts in the same words.
 */

/** What a row's action menu calls. */
export type OnAction = (row: ApplicantRow, action: StudyAction) => void;

/** The state of one study in the clinic's words, with what happens next on hover. */
export function StateBadge({ row }: { row: ApplicantRow }) {
  const { t } = useTranslation('portal');
  return (
    <Tooltip label={t(`state.${row.state}.note`)} multiline w={260}>
      <Badge
        variant="light"
        color={CLINIC_STATE_LOOK[row.state].color}
        tt="none"
        data-state={row.state}
      >
        {t(`state.${row.state}.label`)}
      </Badge>
    </Tooltip>
  );
}

/** The applicant: name with urgency and note marks, and the applicant ID beneath. */
export function ApplicantName({ row }: { row: ApplicantRow }) {
  const { t } = useTranslation('portal');
  return (
    <Stack gap={0}>
      <Group gap={6} wrap="nowrap">
        <Text size="sm" fw={600}>
          {formatPersonName(row.patientName)}
        </Text>
        {row.priority && row.priority !== 'routine' && (
          <Tooltip label={row.priorityReason ?? t('urgent')} multiline w={260}>
            <Badge color="red" size="xs">
              {t('urgent')}
            </Badge>
          </Tooltip>
        )}
        {row.clinicalNote && (
          <Tooltip label={row.clinicalNote} multiline w={300}>
            <IconNote size={14} aria-label={t('noteBadge')} />
          </Tooltip>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {row.patientId || '—'}
      </Text>
    </Stack>
  );
}

/** When the report is due, on the clinic's clock; a dash when no reading is under way. */
export function DueTime({ row, now }: { row: ApplicantRow; now: Date }) {
  const { t, i18n } = useTranslation('portal');
  const due = dueInClinicTime(row.dueAt, row.clinicTimeZone, now, i18n.language);
  return due ? (
    <Tooltip label={t('dueLocal', { clinic: row.clinicCode })}>
      <Text size="sm">{due}</Text>
    </Tooltip>
  ) : (
    <Text size="sm" c="dimmed">
      —
    </Text>
  );
}

/** The released report to open, or "Not yet". */
export function ReportLink({ row }: { row: ApplicantRow }) {
  const { t } = useTranslation('portal');
  return row.reportId ? (
    <Anchor component={Link} to={`/reports?report=${row.reportId}`} size="sm">
      <Group gap={4} wrap="nowrap">
        <IconFileText size={14} /> {t('openReport')}
      </Group>
    </Anchor>
  ) : (
    <Text size="sm" c="dimmed">
      {t('noReport')}
    </Text>
  );
}

/** The row's actions: mark urgent, note for the reader, programme (when the clinic has several). */
export function RowActions({ row, onAction }: { row: ApplicantRow; onAction: OnAction }) {
  const { t } = useTranslation('portal');
  const canRaise = row.taskId !== null && row.priority === 'routine';
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          aria-label={t('actions.menu', { name: formatPersonName(row.patientName) })}
        >
          <IconDots size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          leftSection={<IconAlertTriangle size={14} />}
          disabled={!canRaise}
          onClick={() => onAction(row, 'urgent')}
        >
          {canRaise || !row.taskId ? t('actions.urgent') : t('actions.alreadyUrgent')}
        </Menu.Item>
        <Menu.Item leftSection={<IconNote size={14} />} onClick={() => onAction(row, 'note')}>
          {t('actions.note')}
        </Menu.Item>
        {row.clinicProgrammes.length > 1 && (
          <Menu.Item
            leftSection={<IconWorld size={14} />}
            onClick={() => onAction(row, 'programme')}
          >
            {t('actions.programme')}
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
