import { ActionIcon, Badge, Button, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import {
  IconArrowUp,
  IconBellRinging,
  IconId,
  IconLink,
  IconMessage,
  IconPlayerPlay,
} from '@tabler/icons-react';
import type { DeskClinic, DeskItem } from '@telerad/contracts';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { columnPriority, DenseTable, whenHidden } from '../../app/components/DenseTable';
import { formatDateTime } from '../../app/format';
import { formatPersonName } from '../archive/studyFormat';
import { ClinicLink } from '../clinicDetail/ClinicLink';
import { formatCountdown, formatMinutes } from '../worklist/slaClock';
import { CallClinicButton } from './ClinicContacts';
import { DESK_KINDS } from './kinds';
import { messageLink, raisedPriority } from './links';

/** What a row's buttons do; the page owns the requests. */
export interface DeskActions {
  onIdentity(item: DeskItem): void;
  onRelease(item: DeskItem): void;
  onRaise(item: DeskItem): void;
  /** Matching an image without an order to a registered applicant. */
  onMatch(item: DeskItem): void;
  /** Chasing a retake; absent when the user may not chase. */
  onChase?: (item: DeskItem) => void;
  /** The key (`kind:id`) of the item whose action is running, if any. */
  busy: string | null;
}

/** The key of a desk item: unique across kinds. */
export const itemKey = (i: Pick<DeskItem, 'kind' | 'id'>) => `${i.kind}:${i.id}`;

/**
 * The desk's inbox, one row per waiting item, longest waiting first: its kind, how long it has
 * waited, its due time, the clinic and applicant, what it is, and the actions it allows in place.
 * The selected row (j / k) is highlighted and kept in view.
 */
export function DeskTable({
  items,
  clinics,
  now,
  selected,
  onSelect,
  actions,
}: {
  items: DeskItem[];
  clinics: ReadonlyMap<string, DeskClinic>;
  now: number;
  selected: number;
  onSelect: (index: number) => void;
  actions: DeskActions;
}) {
  const body = useRef<HTMLTableSectionElement>(null);
  useEffect(() => {
    body.current?.children[selected]?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  return (
    <DenseTable label="Desk">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Kind</Table.Th>
          <Table.Th>Waited</Table.Th>
          <Table.Th {...columnPriority(3, 'due')}>Due</Table.Th>
          <Table.Th {...columnPriority(2, 'clinic')}>Clinic</Table.Th>
          <Table.Th>Applicant</Table.Th>
          <Table.Th>What</Table.Th>
          <Table.Th aria-label="Actions" />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody ref={body}>
        {items.map((item, index) => {
          const key = itemKey(item);
          const look = DESK_KINDS[item.kind];
          const waited = (now - Date.parse(item.since)) / 60_000;
          const left = item.dueAt ? Date.parse(item.dueAt) - now : null;
          const clinic = clinics.get(item.clinicId);
          const raise = item.taskId ? raisedPriority(item.priority) : null;
          return (
            <Table.Tr
              key={key}
              data-desk-item={key}
              aria-selected={index === selected}
              onClick={() => onSelect(index)}
              bg={index === selected ? 'var(--mantine-primary-color-light)' : undefined}
            >
              <Table.Td>
                <Badge
                  color={look.color}
                  variant="light"
                  size="sm"
                  radius="sm"
                  style={{ width: 'max-content', maxWidth: 'none' }}
                >
                  {look.label}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Tooltip label={`Since ${formatDateTime(item.since)}`}>
                  <Text size="sm" fw={600} ff="monospace">
                    {formatMinutes(waited)}
                  </Text>
                </Tooltip>
                {left !== null && (
                  <Text
                    size="xs"
                    ff="monospace"
                    c={left < 0 ? 'red' : 'orange'}
                    {...whenHidden('due')}
                  >
                    due {formatCountdown(left)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {left === null ? (
                  <Text size="sm" c="dimmed">
                    —
                  </Text>
                ) : (
                  <Tooltip label={`Due ${formatDateTime(item.dueAt)}`}>
                    <Text size="sm" ff="monospace" c={left < 0 ? 'red' : 'orange'} fw={600}>
                      {formatCountdown(left)}
                    </Text>
                  </Tooltip>
                )}
              </Table.Td>
              <Table.Td>
                <ClinicLink clinicId={item.clinicId}>{clinic?.code ?? item.clinicName}</ClinicLink>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'normal', minWidth: 140 }}>
                <Stack gap={0}>
                  <Text size="sm" fw={500}>
                    {formatPersonName(item.patientName) || 'No name'}
                  </Text>
                  <Text size="xs" c={item.patientId ? 'dimmed' : 'red'} ff="monospace">
                    {item.patientId ?? 'No ID'}
                  </Text>
                  <Text size="xs" c="dimmed" {...whenHidden('clinic')}>
                    {clinic?.code ?? item.clinicName}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'normal', minWidth: 180 }}>
                <Stack gap={0}>
                  {item.link ? (
                    <Text size="sm" component={Link} to={item.link} c="inherit" td="none">
                      {item.title}
                    </Text>
                  ) : (
                    <Text size="sm">{item.title}</Text>
                  )}
                  {item.detail && (
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {item.detail}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap" justify="flex-end">
                  {item.held === 'identity' && item.studyUid && (
                    <Button
                      size="compact-xs"
                      color="red"
                      leftSection={<IconId size={14} />}
                      onClick={() => actions.onIdentity(item)}
                    >
                      Enter ID
                    </Button>
                  )}
                  {item.held === 'flags' && (
                    <Button
                      size="compact-xs"
                      variant="light"
                      leftSection={<IconPlayerPlay size={14} />}
                      loading={actions.busy === key}
                      onClick={() => actions.onRelease(item)}
                    >
                      Release
                    </Button>
                  )}
                  {item.kind === 'unmatched_image' && item.studyUid && (
                    <Button
                      size="compact-xs"
                      color={item.held === 'order' ? 'indigo' : undefined}
                      variant={item.held === 'order' ? 'filled' : 'light'}
                      leftSection={<IconLink size={14} />}
                      onClick={() => actions.onMatch(item)}
                    >
                      Match to order
                    </Button>
                  )}
                  {raise && (
                    <Button
                      size="compact-xs"
                      variant="light"
                      color="orange"
                      leftSection={<IconArrowUp size={14} />}
                      loading={actions.busy === key}
                      onClick={() => actions.onRaise(item)}
                    >
                      {raise === 'urgent' ? 'Urgent' : 'Stat'}
                    </Button>
                  )}
                  {item.kind === 'retake' && actions.onChase && (
                    <Button
                      size="compact-xs"
                      variant="light"
                      color="grape"
                      leftSection={<IconBellRinging size={14} />}
                      loading={actions.busy === key}
                      onClick={() => actions.onChase?.(item)}
                    >
                      Chase
                    </Button>
                  )}
                  <Tooltip label={`Message ${item.clinicName}`}>
                    <ActionIcon
                      variant="subtle"
                      component={Link}
                      to={messageLink(item)}
                      aria-label={`Message ${item.clinicName}`}
                    >
                      <IconMessage size={16} />
                    </ActionIcon>
                  </Tooltip>
                  <CallClinicButton clinic={clinic} />
                </Group>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </DenseTable>
  );
}
