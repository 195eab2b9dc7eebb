import { Anchor, Group, Paper, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { IconBook, IconShieldCheck } from '@tabler/icons-react';
import {
  INCIDENT_STATE_LABELS,
  INCIDENT_STATES,
  INCIDENT_TYPE_LABELS,
  type IncidentState,
} from '@telerad/contracts';
import { Fragment, useState } from 'react';
import { Link } from 'react-router';
import { EmptyTableState } from '../../app/components/EmptyTableState';
import { PageHeader } from '../../app/components/PageHeader';
import { QueryState } from '../../app/components/QueryState';
import { formatDateTime } from '../../app/format';
import { ClinicLink } from '../clinicDetail/ClinicLink';
import { useIncidents } from './api';
import { IncidentStateBadge, SeverityBadge } from './badges';
import { ReportIncidentButton } from './ReportIncidentButton';

type Filter = IncidentState | 'all';

/** Incidents: open ones first, filterable by state; anyone on staff may report one from here. */
export function IncidentsPage() {
  const [filter, setFilter] = useState<Filter>('all');
  const incidents = useIncidents({ state: filter === 'all' ? null : filter });
  return (
    <>
      <PageHeader
        title="Incidents"
        description="Outages, lost transmissions, reporting errors and other things that went wrong: who owns each, and where its investigation stands."
        actions={
          <>
            <Anchor component={Link} to="/lessons" size="sm">
              <Group gap={4}>
                <IconBook size={16} /> Lessons learned
              </Group>
            </Anchor>
            <ReportIncidentButton size="sm" />
          </>
        }
      />
      <Stack gap="md">
        <SegmentedControl
          w="fit-content"
          value={filter}
          onChange={(v) => setFilter(v as Filter)}
          data={[
            { value: 'all', label: 'All' },
            ...INCIDENT_STATES.map((s) => ({ value: s, label: INCIDENT_STATE_LABELS[s] })),
          ]}
          aria-label="State"
        />
        <QueryState query={incidents}>
          {({ incidents: rows }) =>
            rows.length === 0 ? (
              <EmptyTableState
                icon={<IconShieldCheck size={32} />}
                title={
                  filter === 'all'
                    ? 'No incidents reported'
                    : `No ${INCIDENT_STATE_LABELS[filter as IncidentState].toLowerCase()} incidents`
                }
                description="When something goes wrong (an outage, images lost on the way, a report sent with an error), report it with “Report incident” here or on the study’s page."
              />
            ) : (
              <Paper withBorder radius="md">
                <Table.ScrollContainer minWidth={720}>
                  <Table highlightOnHover verticalSpacing="sm">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Incident</Table.Th>
                        <Table.Th>Kind</Table.Th>
                        <Table.Th>Severity</Table.Th>
                        <Table.Th>State</Table.Th>
                        <Table.Th>Owner</Table.Th>
                        <Table.Th>Reported</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {rows.map((i) => (
                        <Table.Tr key={i.id}>
                          <Table.Td>
                            <Anchor component={Link} to={`/incidents/${i.id}`} fw={600} size="sm">
                              {i.ref} · {i.title}
                            </Anchor>
                            {i.clinics.length > 0 && (
                              <Text size="xs" c="dimmed">
                                {i.clinics.map((c, n) => (
                                  <Fragment key={c.id}>
                                    {n > 0 && ', '}
                                    <ClinicLink clinicId={c.id} size="xs">
                                      {c.name}
                                    </ClinicLink>
                                  </Fragment>
                                ))}
                              </Text>
                            )}
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{INCIDENT_TYPE_LABELS[i.type]}</Text>
                          </Table.Td>
                          <Table.Td>
                            <SeverityBadge severity={i.severity} />
                          </Table.Td>
                          <Table.Td>
                            <IncidentStateBadge state={i.state} />
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm" c={i.ownerName ? undefined : 'dimmed'}>
                              {i.ownerName ?? 'Nobody yet'}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{formatDateTime(i.reportedAt)}</Text>
                            <Text size="xs" c="dimmed">
                              by {i.reportedBy}
                            </Text>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </Paper>
            )
          }
        </QueryState>
      </Stack>
    </>
  );
}
