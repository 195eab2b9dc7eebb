import { Anchor, Group, Stack, Text } from '@mantine/core';
import { INCIDENT_TYPE_LABELS } from '@telerad/contracts';
import { Link } from 'react-router';
import { QueryState } from '../../../app/components/QueryState';
import { formatDateTime } from '../../../app/format';
import { IncidentStateBadge, SeverityBadge } from '../../incidents/badges';
import { useClinicIncidents } from '../api';

/** The incidents still open or under investigation that name this clinic, each a link. */
export function IncidentsSection({ clinicId }: { clinicId: string }) {
  const incidents = useClinicIncidents(clinicId);
  return (
    <QueryState query={incidents}>
      {({ incidents: list }) =>
        list.length === 0 ? (
          <Text size="sm" c="dimmed">
            No open incident names this clinic. If something is wrong (an outage, images lost on the
            way), report it from the Incidents page so QA can follow it.
          </Text>
        ) : (
          <Stack gap="sm">
            {list.map((i) => (
              <Group key={i.id} gap="sm" wrap="nowrap" align="flex-start">
                <SeverityBadge severity={i.severity} />
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Anchor component={Link} to={`/incidents/${i.id}`} size="sm" fw={600}>
                    {i.ref} · {i.title}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {INCIDENT_TYPE_LABELS[i.type]} · reported {formatDateTime(i.reportedAt)} by{' '}
                    {i.reportedBy} · {i.ownerName ? `owner ${i.ownerName}` : 'no owner yet'}
                  </Text>
                </Stack>
                <IncidentStateBadge state={i.state} />
              </Group>
            ))}
          </Stack>
        )
      }
    </QueryState>
  );
}
