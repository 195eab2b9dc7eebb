import { Badge, Table, Text } from '@mantine/core';
import { clinicOpened, type ReportRecord, type ReportState } from '@telerad/contracts';
import { columnPriority, DenseTable } from '../../app/components/DenseTable';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../../i18n/useDateFormat';
import { formatPersonName } from '../archive/studyFormat';
import { viewOf } from './ReportViewCard';

/** How each report state reads in lists (its words: `states.<state>` in the `reports` catalogue). */
export const STATE_LABELS: Record<ReportState, { label: string; color: string }> = {
  draft: { label: 'Draft', color: 'gray' },
  pending_consultation: { label: 'Held for consultation', color: 'yellow' },
  final: { label: 'Released', color: 'teal' },
  retake_requested: { label: 'Retake requested', color: 'orange' },
};

const SELECTED = {
  background: 'var(--mantine-primary-color-light)',
  boxShadow: 'inset 3px 0 0 var(--mantine-primary-color-filled)',
};

/**
 * Reports as a dense list: patient, study, result, state and signature; a row opens it. Staff see
 * "Not opened" on a released report the clinic has not opened yet.
 */
export function ReportsTable({
  reports,
  selectedId,
  onSelect,
}: {
  reports: readonly ReportRecord[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const { t } = useTranslation('reports');
  const format = useDateFormat();
  return (
    <DenseTable label={t('table.label')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('table.patient')}</Table.Th>
          <Table.Th>{t('table.study')}</Table.Th>
          <Table.Th>{t('table.result')}</Table.Th>
          <Table.Th {...columnPriority(2)}>{t('table.signed')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {reports.map((r) => {
          const view = viewOf(r.content);
          const state = STATE_LABELS[r.state];
          return (
            <Table.Tr
              key={r.id}
              tabIndex={0}
              aria-selected={r.id === selectedId}
              data-report-id={r.id}
              style={{ cursor: 'pointer', ...(r.id === selectedId ? SELECTED : {}) }}
              onClick={() => onSelect(r.id)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  onSelect(r.id);
                }
              }}
            >
              <Table.Td>
                <Text size="sm" fw={500}>
                  {formatPersonName(r.patientName)}
                </Text>
                <Text size="xs" c="dimmed">
                  {r.patientId}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{format.calendarDate(r.studyDate)}</Text>
                <Text size="xs" c="dimmed">
                  {r.clinicCode}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={view?.tbSuggestive ? 'red' : undefined}>
                  {view?.result ?? '—'}
                </Text>
                <Badge size="xs" variant="light" color={state.color} radius="sm">
                  {t(`states.${r.state}`)}
                  {r.currentVersion > 1 ? ` · v${r.currentVersion}` : ''}
                </Badge>
                {r.clinicReceipt && !clinicOpened(r.clinicReceipt) && (
                  <Text size="xs" fw={600} c="var(--mantine-color-orange-text)">
                    {t('table.notOpened')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{format.dateTime(r.signedAt)}</Text>
                <Text size="xs" c="dimmed">
                  {r.signerName ?? ''}
                </Text>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </DenseTable>
  );
}
