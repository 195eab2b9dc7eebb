import {
  ActionIcon,
  Anchor,
  Box,
  Group,
  Stack,
  Table,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconChartBar, IconSelector } from '@tabler/icons-react';
import type { NetworkClinic } from '@telerad/contracts';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { columnPriority, DenseTable, type ColumnPriority } from '../../app/components/DenseTable';
import { formatDateTime } from '../../app/format';
import { ALERT_LABELS, ago, DOOR_LABELS, duration, linkState, speed, STATE } from './words';

type SortKey =
  'state' | 'clinic' | 'lastImage' | 'heartbeat' | 'queue' | 'lag' | 'errors' | 'speed';

const STATE_ORDER = { alert: 0, never: 1, ok: 2, closed: 3 } as const;
const time = (iso: string | null | undefined) => (iso ? Date.parse(iso) : -Infinity);

/** The value a column sorts by (nulls last whichever the direction, by sorting them as extremes). */
function sortValue(c: NetworkClinic, k: SortKey): number | string {
  switch (k) {
    case 'state':
      return STATE_ORDER[linkState(c)];
    case 'clinic':
      return c.code;
    case 'lastImage':
      return time(c.lastReceivedAt);
    case 'heartbeat':
      return time(c.gateway?.lastHeartbeatAt);
    case 'queue':
      return c.gateway?.queueDepth ?? -1;
    case 'lag':
      return c.transferLagSeconds ?? -1;
    case 'errors':
      return c.errorsLastHour;
    case 'speed':
      return c.gateway?.linkKbps ?? -1;
  }
}

function SortHeader({
  k,
  label,
  sort,
  onSort,
  priority,
}: {
  k: SortKey;
  label: string;
  sort: { key: SortKey; desc: boolean };
  onSort: (k: SortKey) => void;
  priority?: ColumnPriority;
}) {
  const Icon = sort.key !== k ? IconSelector : sort.desc ? IconArrowDown : IconArrowUp;
  return (
    <Table.Th
      {...(priority ? columnPriority(priority) : {})}
      aria-sort={sort.key === k ? (sort.desc ? 'descending' : 'ascending') : 'none'}
    >
      <UnstyledButton onClick={() => onSort(k)} fw={600} fz="sm">
        <Group gap={2} wrap="nowrap">
          {label}
          <Icon size={14} aria-hidden />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

/**
 * One row per clinic: state, last image (with the door it came by), last heartbeat, queue,
 * transfer lag, errors in the last hour, link speed. Sortable by every column; alerts first by
 * default. The clinic's name opens its page.
 */
export function NetworkTable({
  clinics,
  onHistory,
}: {
  clinics: NetworkClinic[];
  /** Opens a clinic's inbound history beside the table. */
  onHistory: (c: NetworkClinic) => void;
}) {
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'state', desc: false });
  const rows = useMemo(() => {
    const dir = sort.desc ? -1 : 1;
    return [...clinics].sort((a, b) => {
      const x = sortValue(a, sort.key);
      const y = sortValue(b, sort.key);
      const d = x < y ? -1 : x > y ? 1 : 0;
      return d * dir || a.code.localeCompare(b.code);
    });
  }, [clinics, sort]);
  const onSort = (key: SortKey) =>
    setSort((s) => ({ key, desc: s.key === key ? !s.desc : key !== 'state' && key !== 'clinic' }));
  const head = { sort, onSort };
  return (
    <DenseTable label="Clinic links">
      <Table.Thead>
        <Table.Tr>
          <SortHeader k="state" label="State" {...head} />
          <SortHeader k="clinic" label="Clinic" {...head} />
          <SortHeader k="lastImage" label="Last image" {...head} />
          <SortHeader k="heartbeat" label="Heartbeat" {...head} priority={4} />
          <SortHeader k="queue" label="Queue" {...head} priority={3} />
          <SortHeader k="lag" label="Lag" {...head} priority={3} />
          <SortHeader k="errors" label="Errors 1 h" {...head} priority={2} />
          <SortHeader k="speed" label="Link" {...head} priority={5} />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((c) => {
          const state = linkState(c);
          const door = c.lastByDoor[0];
          return (
            <Table.Tr key={c.id} data-testid="network-row" data-clinic={c.code}>
              <Table.Td>
                <Stack gap={2}>
                  <Group gap={6} wrap="nowrap">
                    <Box
                      w={10}
                      h={10}
                      bg={`${STATE[state].color}.6`}
                      style={{ borderRadius: '50%', flexShrink: 0 }}
                      aria-hidden
                    />
                    <Text size="sm" fw={600}>
                      {STATE[state].label}
                    </Text>
                  </Group>
                  {c.alerts.map((a) => (
                    <Tooltip key={a.kind} label={a.detail} multiline w={300}>
                      <Text size="xs" c="red" fw={600} data-testid="network-alert">
                        {ALERT_LABELS[a.kind]} · {ago(a.raisedAt)}
                      </Text>
                    </Tooltip>
                  ))}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Anchor component={Link} to={`/support/clinics/${c.id}`} fw={600}>
                    {c.code}
                  </Anchor>
                  <Tooltip label="Images and refusals, last 7 days">
                    <ActionIcon
                      variant="subtle"
                      size="sm"
                      aria-label={`History of ${c.code}`}
                      onClick={() => onHistory(c)}
                    >
                      <IconChartBar size={14} />
                    </ActionIcon>
                  </Tooltip>
                </Group>
                <Text size="xs" c="dimmed">
                  {c.name} · {c.country} · {c.status}
                </Text>
              </Table.Td>
              <Table.Td>
                <Tooltip label={formatDateTime(c.lastReceivedAt)} disabled={!c.lastReceivedAt}>
                  <Text size="sm">{ago(c.lastReceivedAt)}</Text>
                </Tooltip>
                {door && (
                  <Text size="xs" c="dimmed">
                    by {DOOR_LABELS[door.door]}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {c.gateway ? (
                  <Text size="sm">{ago(c.gateway.lastHeartbeatAt)}</Text>
                ) : (
                  <Text size="xs" c="dimmed">
                    No gateway
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{c.gateway?.queueDepth ?? '—'}</Table.Td>
              <Table.Td>{duration(c.transferLagSeconds)}</Table.Td>
              <Table.Td>
                <Text
                  size="sm"
                  c={c.errorsLastHour ? 'red' : undefined}
                  fw={c.errorsLastHour ? 600 : 400}
                >
                  {c.errorsLastHour}
                </Text>
              </Table.Td>
              <Table.Td>{speed(c.gateway?.linkKbps)}</Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </DenseTable>
  );
}
