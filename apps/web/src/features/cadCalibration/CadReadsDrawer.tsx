import { Anchor, Drawer, Group, Pagination, Table, Text } from '@mantine/core';
import { IconListSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { EmptyTableState } from '../../app/components/EmptyTableState';
import { QueryState } from '../../app/components/QueryState';
import { formatDateTime } from '../../app/format';
import { useCadReads, type CadDrill, type CalibrationFilters } from './api';

const OUTCOME_COLOURS = { abnormal: 'red.8', normal: 'teal.8', unread: 'dimmed' } as const;

/** The studies behind the figure a user clicked, 50 a page, each opening its study page. */
export function CadReadsDrawer({
  filters,
  drill,
  onClose,
}: {
  filters: CalibrationFilters;
  drill: CadDrill | null;
  onClose: () => void;
}) {
  const [page, setPage] = useState(1);
  useEffect(() => setPage(1), [drill]);
  const reads = useCadReads(filters, drill, page);
  return (
    <Drawer
      opened={drill !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={drill?.title}
    >
      {drill && (
        <QueryState query={reads}>
          {(list) =>
            list.total === 0 ? (
              <EmptyTableState
                icon={<IconListSearch />}
                title="No studies behind this figure"
                description="Another point, cell or count lists its studies; widening the period counts more."
              />
            ) : (
              <>
                <Group justify="space-between" mb="xs">
                  <Text size="sm" c="dimmed">
                    {list.total} {list.total === 1 ? 'study' : 'studies'}
                    {list.total > list.pageSize &&
                      `, ${(page - 1) * list.pageSize + 1}–${Math.min(page * list.pageSize, list.total)} shown`}
                  </Text>
                  {list.total > list.pageSize && (
                    <Pagination
                      size="sm"
                      total={Math.ceil(list.total / list.pageSize)}
                      value={page}
                      onChange={setPage}
                      aria-label="Pages of studies"
                    />
                  )}
                </Group>
                <Table striped highlightOnHover aria-label="Studies behind the figure">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Scored</Table.Th>
                      <Table.Th>Patient ID</Table.Th>
                      <Table.Th>Clinic</Table.Th>
                      <Table.Th>Version</Table.Th>
                      <Table.Th>Score</Table.Th>
                      <Table.Th>Final read</Table.Th>
                      <Table.Th>Study</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {list.reads.map((r) => (
                      <Table.Tr key={`${r.studyId}-${r.version}`}>
                        <Table.Td>{formatDateTime(r.receivedAt)}</Table.Td>
                        <Table.Td>{r.patientId ?? '—'}</Table.Td>
                        <Table.Td>{r.clinicName}</Table.Td>
                        <Table.Td>{r.version}</Table.Td>
                        <Table.Td>{Math.round(r.score * 1000) / 1000}</Table.Td>
                        <Table.Td>
                          <Text size="sm" fw={600} c={OUTCOME_COLOURS[r.outcome]}>
                            {r.outcome}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Anchor
                            component={Link}
                            to={`/studies/${encodeURIComponent(r.studyUid)}`}
                          >
                            {r.accession ?? 'Open'}
                          </Anchor>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </>
            )
          }
        </QueryState>
      )}
    </Drawer>
  );
}
