import { Anchor, Drawer, Table, Text } from '@mantine/core';
import { IconListSearch } from '@tabler/icons-react';
import { Link } from 'react-router';
import { EmptyTableState } from '../../app/components/EmptyTableState';
import { QueryState } from '../../app/components/QueryState';
import { formatDateTime } from '../../app/format';
import { useKpiStudies, type Drill, type FilterState } from './api';

/** The studies behind the figure a user clicked, each opening its study page. */
export function DrillDrawer({
  filters,
  drill,
  onClose,
}: {
  filters: FilterState;
  drill: Drill | null;
  onClose: () => void;
}) {
  const studies = useKpiStudies(filters, drill);
  return (
    <Drawer
      opened={drill !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={drill?.title}
    >
      {drill && (
        <QueryState query={studies}>
          {(list) =>
            list.total === 0 ? (
              <EmptyTableState
                icon={<IconListSearch />}
                title="No studies behind this figure"
                description="Another bar, cell or point lists its studies; widening the period counts more."
              />
            ) : (
              <>
                <Text size="sm" c="dimmed" mb="xs">
                  {list.total > list.studies.length
                    ? `The newest ${list.studies.length} of ${list.total} studies`
                    : `${list.total} ${list.total === 1 ? 'study' : 'studies'}`}
                </Text>
                <Table striped highlightOnHover aria-label="Studies behind the figure">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>When</Table.Th>
                      <Table.Th>Patient ID</Table.Th>
                      <Table.Th>Clinic</Table.Th>
                      <Table.Th>Radiologist</Table.Th>
                      <Table.Th>Minutes</Table.Th>
                      <Table.Th>What</Table.Th>
                      <Table.Th>Study</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {list.studies.map((s) => (
                      <Table.Tr key={`${s.studyId}-${s.at}`}>
                        <Table.Td>{formatDateTime(s.at)}</Table.Td>
                        <Table.Td>{s.patientId ?? '—'}</Table.Td>
                        <Table.Td>{s.clinicName}</Table.Td>
                        <Table.Td>{s.readerName ?? '—'}</Table.Td>
                        <Table.Td>{s.turnaroundMinutes ?? '—'}</Table.Td>
                        <Table.Td>{s.detail ?? '—'}</Table.Td>
                        <Table.Td>
                          <Anchor
                            component={Link}
                            to={`/studies/${encodeURIComponent(s.studyUid)}`}
                          >
                            {s.accession ?? 'Open'}
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
