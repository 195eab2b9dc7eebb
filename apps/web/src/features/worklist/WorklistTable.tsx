import { Badge, Button, Group, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import {
  columnPriority,
  DenseTable,
  whenHidden,
  type ColumnPriority,
} from '../../app/components/DenseTable';
import { IconChevronDown } from '@tabler/icons-react';
import { PROGRAMME_LABELS, type WorklistTask } from '@telerad/contracts';
import type { ReactNode, RefObject } from 'react';
import { formatDateTime } from '../../app/format';
import { formatPersonName, sexAndAge, timeAgo } from '../archive/studyFormat';
import type { WorklistSort } from './filters';
import { SlaCountdown } from './SlaCountdown';
import { CadScoreBadge, PriorityBadge } from './taskBadges';
import { TaskStatusCell, withWords } from './TaskStatusCell';
import { useStatusAudience } from '../../app/components/ReadingStatusBadge';
import { useCan } from '../../app/useCan';
import { ReadNowButton, WaitingNote } from './WaitingNote';

const SELECTED_STYLE = {
  background: 'var(--mantine-primary-color-light)',
  boxShadow: 'inset 3px 0 0 var(--mantine-primary-color-filled)',
};

/** A column header that sorts the list by `sort` (each key has one natural direction). */
function SortHeader({
  sort,
  current,
  onSort,
  children,
  ta,
  priority,
}: {
  sort: WorklistSort;
  current: WorklistSort;
  onSort: (sort: WorklistSort) => void;
  children: ReactNode;
  ta?: 'right';
  /** How readily the column gives way on a narrow screen; none: it always stays. */
  priority?: ColumnPriority;
}) {
  const active = sort === current;
  return (
    <Table.Th
      ta={ta}
      aria-sort={active ? 'ascending' : undefined}
      {...(priority ? columnPriority(priority) : {})}
    >
      <UnstyledButton onClick={() => onSort(sort)} fz="sm" fw={700}>
        <Group gap={2} wrap="nowrap">
          {children}
          <IconChevronDown size={14} style={{ opacity: active ? 1 : 0.25 }} aria-hidden />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

/**
 * The dense worklist table. Rows are focusable (`j`/`k` move focus), Enter or a click opens the
 * task (claiming it for readers). The SLA column counts down every second on its own.
 */
export function WorklistTable({
  tasks,
  meId,
  clockOffsetMs,
  selectedId,
  onSelect,
  onOpen,
  onRelease,
  onReadNow,
  sort,
  onSort,
  now,
  tableRef,
}: {
  tasks: WorklistTask[];
  meId: string;
  clockOffsetMs: number;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onOpen: (task: WorklistTask) => void;
  /** Hands the reader's own claim back; absent for roles that cannot claim. */
  onRelease?: (task: WorklistTask) => void;
  /** Takes a waiting task early ("Read now…"); absent for roles that cannot. */
  onReadNow?: (task: WorklistTask) => void;
  sort: WorklistSort;
  onSort: (sort: WorklistSort) => void;
  /** The time "arrived … ago" is measured from (ms). */
  now: number;
  tableRef: RefObject<HTMLTableElement | null>;
}) {
  const header = { current: sort, onSort };
  const audience = useStatusAudience();
  const showCad = useCan('cad:read');
  return (
    <DenseTable label="Worklist" tableRef={tableRef}>
      <Table.Thead>
        <Table.Tr>
          <SortHeader sort="priority" {...header}>
            Priority
          </SortHeader>
          <SortHeader sort="due" {...header}>
            SLA
          </SortHeader>
          <SortHeader sort="patient" {...header}>
            Patient
          </SortHeader>
          <Table.Th {...columnPriority(3, 'patientId')}>Patient ID</Table.Th>
          <Table.Th {...columnPriority(4)}>Sex/Age</Table.Th>
          <SortHeader sort="clinic" {...header}>
            Clinic
          </SortHeader>
          <Table.Th {...columnPriority(4)}>Programme</Table.Th>
          {showCad && (
            <SortHeader sort="cad" priority={2} {...header}>
              CAD
            </SortHeader>
          )}
          <Table.Th ta="right" {...columnPriority(5)}>
            Img
          </Table.Th>
          <SortHeader sort="arrived" priority={3} {...header}>
            Arrived
          </SortHeader>
          <Table.Th>State</Table.Th>
          <Table.Th {...columnPriority(2)}>With</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {tasks.map((t) => {
          const name = formatPersonName(t.patientName);
          const selected = t.id === selectedId;
          const mine = t.assigneeId !== null && t.assigneeId === meId;
          return (
            <Table.Tr
              key={t.id}
              data-task-id={t.id}
              data-state={t.state}
              data-status={t.status}
              data-type={t.type}
              tabIndex={-1}
              aria-label={`${name}, patient ID ${t.patientId}, ${t.priority}, ${t.clinicCode}`}
              aria-current={selected ? 'true' : undefined}
              onFocus={() => onSelect(t.id)}
              onClick={() => onOpen(t)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && e.target === e.currentTarget) onOpen(t);
              }}
              style={{ cursor: 'pointer', outline: 'none', ...(selected ? SELECTED_STYLE : {}) }}
            >
              <Table.Td>
                <PriorityBadge priority={t.priority} reason={t.priorityReason} />
              </Table.Td>
              <Table.Td>
                <SlaCountdown task={t} clockOffsetMs={clockOffsetMs} />
              </Table.Td>
              <Table.Td>
                <Text
                  span
                  fw={600}
                  size="sm"
                  title={name}
                  style={{
                    display: 'block',
                    maxWidth: 190,
                    overflow: 'hidden',
                    textOverflow: 'ellipsis',
                  }}
                >
                  {name}
                </Text>
                <Text span size="xs" c="dimmed" ff="monospace" {...whenHidden('patientId')}>
                  {t.patientId || '—'}
                </Text>
              </Table.Td>
              <Table.Td ff="monospace">{t.patientId || '—'}</Table.Td>
              <Table.Td>{sexAndAge(t)}</Table.Td>
              <Table.Td>
                <Tooltip label={t.clinicName}>
                  <Group gap={6} wrap="nowrap">
                    <Badge variant="outline" color="gray" size="sm" radius="sm" miw="max-content">
                      {t.clinicCode}
                    </Badge>
                    <Text span size="xs" c="dimmed">
                      {t.country}
                    </Text>
                  </Group>
                </Tooltip>
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  {t.programmes.length === 0
                    ? '—'
                    : t.programmes.map((p) => (
                        <Tooltip
                          key={p}
                          label={PROGRAMME_LABELS[p as keyof typeof PROGRAMME_LABELS] ?? p}
                        >
                          <Badge
                            variant="light"
                            color="gray"
                            size="sm"
                            radius="sm"
                            miw="max-content"
                          >
                            {p}
                          </Badge>
                        </Tooltip>
                      ))}
                </Group>
              </Table.Td>
              {showCad && (
                <Table.Td>
                  <CadScoreBadge cad={t.cad} />
                </Table.Td>
              )}
              <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {t.numImages}
              </Table.Td>
              <Table.Td>
                <Tooltip label={formatDateTime(t.arrivedAt)}>
                  <Text span size="sm">
                    {timeAgo(t.arrivedAt, now)}
                  </Text>
                </Tooltip>
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <TaskStatusCell task={t} />
                  {onReadNow && <ReadNowButton task={t} onReadNow={() => onReadNow(t)} />}
                </Group>
                <WaitingNote task={t} now={now} />
              </Table.Td>
              <Table.Td>
                {mine ? (
                  <Group gap={6} wrap="nowrap">
                    <Text span size="sm" fw={600} c="teal">
                      You
                    </Text>
                    {onRelease && t.state === 'in_progress' && (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="gray"
                        onClick={(e) => {
                          e.stopPropagation();
                          onRelease(t);
                        }}
                      >
                        Release
                      </Button>
                    )}
                  </Group>
                ) : (
                  <Text span size="sm" c={withWords(t, audience) ? undefined : 'dimmed'}>
                    {withWords(t, audience) ?? '—'}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </DenseTable>
  );
}
