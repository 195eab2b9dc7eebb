import { Group, Paper, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import type { ApplicantRow } from '@telerad/contracts';
import { useTranslation } from 'react-i18next';
import { columnPriority, DenseTable } from '../../app/components/DenseTable';
import {
  ApplicantName,
  DueTime,
  ReportLink,
  RowActions,
  StateBadge,
  type OnAction,
} from './ApplicantParts';
import { timeSince } from './portalTime';

/** "12 min ago", in the user's language. */
function useArrivedAgo(now: Date): (row: ApplicantRow) => string {
  const { t } = useTranslation('portal');
  return (row) => {
    const since = timeSince(row.arrivedAt, now);
    return t(since.key, since);
  };
}

interface ListProps {
  rows: readonly ApplicantRow[];
  now: Date;
  /** The user may mark urgent, write notes and choose programmes. */
  canAct: boolean;
  onAction: OnAction;
}

/** The applicants as a dense table (desktop and tablet): columns give way on narrow screens. */
export function ApplicantTable({ rows, now, canAct, onAction }: ListProps) {
  const { t } = useTranslation('portal');
  const ago = useArrivedAgo(now);
  return (
    <DenseTable label={t('table')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('columns.applicant')}</Table.Th>
          <Table.Th>{t('columns.state')}</Table.Th>
          <Table.Th {...columnPriority(3)}>{t('columns.arrived')}</Table.Th>
          <Table.Th {...columnPriority(2)}>{t('columns.due')}</Table.Th>
          <Table.Th>{t('columns.report')}</Table.Th>
          {canAct && (
            <Table.Th>
              <VisuallyHidden>{t('columns.actions')}</VisuallyHidden>
            </Table.Th>
          )}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.studyUid} data-study={row.studyUid}>
            <Table.Td>
              <ApplicantName row={row} />
            </Table.Td>
            <Table.Td>
              <StateBadge row={row} />
            </Table.Td>
            <Table.Td {...columnPriority(3)}>
              <Text size="sm">{ago(row)}</Text>
            </Table.Td>
            <Table.Td {...columnPriority(2)}>
              <DueTime row={row} now={now} />
            </Table.Td>
            <Table.Td>
              <ReportLink row={row} />
            </Table.Td>
            {canAct && (
              <Table.Td>
                <RowActions row={row} onAction={onAction} />
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </DenseTable>
  );
}

/** The applicants as cards, one under the other, for a phone held upright. */
export function ApplicantCards({ rows, now, canAct, onAction }: ListProps) {
  const { t } = useTranslation('portal');
  const ago = useArrivedAgo(now);
  return (
    <Stack gap="xs" role="list" aria-label={t('table')}>
      {rows.map((row) => (
        <Paper key={row.studyUid} withBorder p="sm" role="listitem" data-study={row.studyUid}>
          <Stack gap={6}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <ApplicantName row={row} />
              {canAct && <RowActions row={row} onAction={onAction} />}
            </Group>
            <Group gap="sm" justify="space-between">
              <StateBadge row={row} />
              <ReportLink row={row} />
            </Group>
            <Group gap="lg">
              <Text size="xs" c="dimmed">
                {t('columns.arrived')}: {ago(row)}
              </Text>
              <Group gap={4}>
                <Text size="xs" c="dimmed">
                  {t('columns.due')}:
                </Text>
                <DueTime row={row} now={now} />
              </Group>
            </Group>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
