import { Anchor, Badge, Group, Table, Text, Tooltip } from '@mantine/core';
import { columnPriority, DenseTable, whenHidden } from '../../app/components/DenseTable';
import type { StudySummary } from '@telerad/contracts';
import type { RefObject } from 'react';
import { Link } from 'react-router';
import { useCan } from '../../app/useCan';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../../i18n/useDateFormat';
import { StudyStatusBadge } from './StudyStatusBadge';
import { studyPath } from './studyLinks';
import { formatBytes, formatPersonName, formatStudyDateTime, sexAndAge } from './studyFormat';

const SELECTED_STYLE = {
  background: 'var(--mantine-primary-color-light)',
  boxShadow: 'inset 3px 0 0 var(--mantine-primary-color-filled)',
};

/**
 * The dense table of the study browser. Rows are focusable (`j`/`k` move focus through them),
 * Enter or a click opens the study; the patient name is also a plain link (new tab, copy).
 * Image types and series counts are for the centre's staff; clinic staff see the image count.
 */
export function StudiesTable({
  studies,
  selectedUid,
  onSelect,
  onOpen,
  now,
  tableRef,
  linkState,
}: {
  studies: StudySummary[];
  selectedUid: string | null;
  onSelect: (studyUid: string) => void;
  onOpen: (studyUid: string) => void;
  /** The time "received … ago" is measured from (ms), ticking on the page. */
  now: number;
  tableRef: RefObject<HTMLTableElement | null>;
  /** Router state passed when a study is opened (the list to come back to). */
  linkState: unknown;
}) {
  const technical = useCan('archive:technical');
  const { t } = useTranslation('clinic');
  const format = useDateFormat();
  return (
    <DenseTable label={t('studies.table.label')} tableRef={tableRef}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('studies.table.patient')}</Table.Th>
          <Table.Th {...columnPriority(3, 'patientId')}>{t('studies.table.patientId')}</Table.Th>
          <Table.Th {...columnPriority(4)}>{t('studies.table.sexAge')}</Table.Th>
          <Table.Th {...columnPriority(2)}>{t('studies.table.date')}</Table.Th>
          <Table.Th {...columnPriority(4)}>{t('studies.table.accession')}</Table.Th>
          <Table.Th>{t('studies.table.clinic')}</Table.Th>
          {technical && (
            <Table.Th {...columnPriority(5)}>{t('studies.table.staff.modality')}</Table.Th>
          )}
          <Table.Th ta="right" {...columnPriority(5)}>
            {technical ? t('studies.table.staff.seriesImages') : t('studies.table.images')}
          </Table.Th>
          <Table.Th {...columnPriority(3)}>{t('studies.table.received')}</Table.Th>
          <Table.Th>{t('studies.table.status')}</Table.Th>
          <Table.Th ta="right" {...columnPriority(5)}>
            {t('studies.table.size')}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {studies.map((s) => {
          const name = formatPersonName(s.patientName);
          const selected = s.studyUid === selectedUid;
          return (
            <Table.Tr
              key={s.studyUid}
              data-study-uid={s.studyUid}
              tabIndex={-1}
              aria-label={t('studies.table.row', {
                name,
                id: s.patientId,
                date: format.calendarDate(s.studyDate),
              })}
              aria-current={selected ? 'true' : undefined}
              onFocus={() => onSelect(s.studyUid)}
              onClick={() => onOpen(s.studyUid)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && e.target === e.currentTarget) onOpen(s.studyUid);
              }}
              style={{ cursor: 'pointer', outline: 'none', ...(selected ? SELECTED_STYLE : {}) }}
            >
              <Table.Td>
                <Anchor
                  component={Link}
                  to={studyPath(s.studyUid)}
                  state={linkState}
                  title={name}
                  fw={600}
                  c="inherit"
                  size="sm"
                  onClick={(e) => e.stopPropagation()}
                  style={{
                    display: 'block',
                    maxWidth: 170,
                    overflow: 'hidden',
                    textOverflow: 'ellipsis',
                  }}
                >
                  {name}
                </Anchor>
                <Text span size="xs" c="dimmed" ff="monospace" {...whenHidden('patientId')}>
                  {s.patientId || '—'}
                </Text>
              </Table.Td>
              <Table.Td ff="monospace">{s.patientId || '—'}</Table.Td>
              <Table.Td>{sexAndAge(s)}</Table.Td>
              <Table.Td>
                <Tooltip label={formatStudyDateTime(s.studyDate, s.studyTime)} openDelay={500}>
                  <Text span size="sm">
                    {format.calendarDate(s.studyDate)}
                  </Text>
                </Tooltip>
              </Table.Td>
              <Table.Td ff="monospace">{s.accessionNumber || '—'}</Table.Td>
              <Table.Td>
                <Tooltip label={s.clinicName}>
                  <Badge variant="outline" color="gray" size="sm" radius="sm" miw="max-content">
                    {s.clinicCode}
                  </Badge>
                </Tooltip>
              </Table.Td>
              {technical && (
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    {s.modalities.length === 0
                      ? '—'
                      : s.modalities.map((m) => (
                          <Badge key={m} variant="light" size="sm" radius="sm" miw="max-content">
                            {m}
                          </Badge>
                        ))}
                  </Group>
                </Table.Td>
              )}
              <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {technical ? `${s.numSeries} / ${s.numInstances}` : s.numInstances}
              </Table.Td>
              <Table.Td>
                <Tooltip label={format.dateTime(s.lastReceivedAt)}>
                  <Text span size="sm">
                    {format.ago(s.lastReceivedAt, now)}
                  </Text>
                </Tooltip>
              </Table.Td>
              <Table.Td>
                <StudyStatusBadge study={s} />
              </Table.Td>
              <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {formatBytes(s.sizeBytes)}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </DenseTable>
  );
}
