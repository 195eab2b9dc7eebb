import { Badge, Group, Paper, Progress, Table, Text } from '@mantine/core';
import { IconRocket } from '@tabler/icons-react';
import { ONBOARDING_PHASE_TITLES } from '@telerad/contracts';
import { Link } from 'react-router';
import { columnPriority, DenseTable } from '../../app/components/DenseTable';
import { EmptyTableState } from '../../app/components/EmptyTableState';
import { QueryState } from '../../app/components/QueryState';
import { STATUS_STYLE } from '../admin/clinics/status';
import { useOnboardingList } from './api';

/** The clinics in onboarding or pilot: phase, a progress bar, and the next step due. */
export function OnboardingList() {
  const list = useOnboardingList();
  return (
    <QueryState query={list}>
      {({ items }) =>
        items.length === 0 ? (
          <EmptyTableState
            icon={<IconRocket size={32} />}
            title="No clinic is being onboarded"
            description="A clinic appears here from its creation (Administration → Clinics) until it goes live."
          />
        ) : (
          <Paper withBorder radius="md">
            <DenseTable label="Clinics being onboarded">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Clinic</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th {...columnPriority(3)}>Now at</Table.Th>
                  <Table.Th>Progress</Table.Th>
                  <Table.Th {...columnPriority(2)}>Next due</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((c) => (
                  <Table.Tr key={c.clinicId} data-clinic={c.clinicCode}>
                    <Table.Td>
                      <Link to={`/support/onboarding/${c.clinicId}`}>
                        <Text span fw={600} size="sm">
                          {c.clinicCode}
                        </Text>{' '}
                        <Text span size="sm">
                          {c.clinicName}
                        </Text>
                      </Link>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_STYLE[c.status].color} variant="light">
                        {STATUS_STYLE[c.status].label}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {c.phase ? ONBOARDING_PHASE_TITLES[c.phase] : 'Ready to move on'}
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Progress
                          value={(100 * c.complete) / c.total}
                          w={120}
                          aria-label={`${c.complete} of ${c.total} steps done`}
                        />
                        <Text size="xs" c="dimmed">
                          {c.complete}/{c.total}
                        </Text>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      {c.nextDueOn ? (
                        <Text
                          size="sm"
                          c={c.overdue ? 'red' : undefined}
                          fw={c.overdue ? 600 : 400}
                        >
                          {c.nextDueOn}
                          {c.overdue ? ' (overdue)' : ''}
                        </Text>
                      ) : (
                        <Text size="sm" c="dimmed">
                          No date set
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </DenseTable>
          </Paper>
        )
      }
    </QueryState>
  );
}
