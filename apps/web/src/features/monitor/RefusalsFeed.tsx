import { Badge, Group, Select, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { REFUSAL_DOORS, type NetworkClinic, type RefusalDoor } from '@telerad/contracts';
import { useState } from 'react';
import { columnPriority, DenseTable } from '../../app/components/DenseTable';
import { EmptyTableState } from '../../app/components/EmptyTableState';
import { QueryState } from '../../app/components/QueryState';
import { formatDateTime } from '../../app/format';
import { useRefusals, type RefusalFilter } from './api';
import { ago, DOOR_LABELS } from './words';

/**
 * Refused associations and objects, newest first: when, clinic, door, the reason code and the
 * message the sender got, calling AE, remote address, and how many times within that minute.
 * Filters by clinic (unless fixed), door, reason and remote address.
 */
export function RefusalsFeed({
  clinicId,
  clinics,
}: {
  /** Fixed to one clinic (its page), or chosen from `clinics` (the support feed). */
  clinicId?: string;
  clinics?: NetworkClinic[];
}) {
  const [filter, setFilter] = useState<RefusalFilter>({});
  const refusals = useRefusals({ ...filter, ...(clinicId ? { clinicId } : {}) });
  const set = (k: keyof RefusalFilter, v: string | null) =>
    setFilter((f) => ({ ...f, [k]: v?.trim() || undefined }));
  return (
    <>
      <Group gap="sm" mb="sm" wrap="wrap">
        {!clinicId && clinics && (
          <Select
            label="Clinic"
            placeholder="All clinics"
            clearable
            searchable
            w={200}
            data={clinics.map((c) => ({ value: c.id, label: `${c.code} · ${c.name}` }))}
            value={filter.clinicId ?? null}
            onChange={(v) => set('clinicId', v)}
          />
        )}
        <Select
          label="Door"
          placeholder="All doors"
          clearable
          w={190}
          data={REFUSAL_DOORS.map((d) => ({ value: d, label: DOOR_LABELS[d] }))}
          value={filter.door ?? null}
          onChange={(v) => set('door', v as RefusalDoor | null)}
        />
        <TextInput
          label="Reason code"
          placeholder="e.g. CLINIC_SUSPENDED"
          w={240}
          onChange={(e) => set('code', e.currentTarget.value.toUpperCase())}
        />
        <TextInput
          label="Remote address"
          placeholder="e.g. 203.0.113.7"
          w={170}
          onChange={(e) => set('remoteAddress', e.currentTarget.value)}
        />
      </Group>
      <QueryState query={refusals}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyTableState
              icon={<IconShieldCheck />}
              title="No refusals"
              description={
                Object.values(filter).some(Boolean)
                  ? 'Nothing matches these filters. Clear them to see every refusal.'
                  : 'Every association and object that reached the centre was accepted. Refusals (unknown AE titles, addresses outside the allowed networks, a suspended clinic, a study of another clinic) appear here as they happen.'
              }
            />
          ) : (
            <DenseTable label="Refusals">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>When</Table.Th>
                  {!clinicId && <Table.Th>Clinic</Table.Th>}
                  <Table.Th {...columnPriority(3)}>Door</Table.Th>
                  <Table.Th>Reason</Table.Th>
                  <Table.Th {...columnPriority(2)}>Calling AE</Table.Th>
                  <Table.Th {...columnPriority(2)}>Remote address</Table.Th>
                  <Table.Th {...columnPriority(4)}>Times</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.items.map((r) => (
                  <Table.Tr key={r.id} data-testid="refusal-row">
                    <Table.Td>
                      <Tooltip label={formatDateTime(r.lastAt)}>
                        <Text size="sm">{ago(r.lastAt)}</Text>
                      </Tooltip>
                    </Table.Td>
                    {!clinicId && (
                      <Table.Td>
                        {r.clinicCode ?? (
                          <Text c="dimmed" size="sm">
                            unknown
                          </Text>
                        )}
                      </Table.Td>
                    )}
                    <Table.Td>
                      {DOOR_LABELS[r.door]}
                      <Text size="xs" c="dimmed">
                        {r.kind === 'association' ? 'association' : 'object'}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'normal', maxWidth: 420 }}>
                      <Badge variant="light" color="red" size="sm">
                        {r.code}
                      </Badge>
                      <Text size="xs">{r.message}</Text>
                    </Table.Td>
                    <Table.Td>{r.callingAe || '—'}</Table.Td>
                    <Table.Td>{r.remoteAddress || '—'}</Table.Td>
                    <Table.Td>{r.count}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </DenseTable>
          )
        }
      </QueryState>
    </>
  );
}
