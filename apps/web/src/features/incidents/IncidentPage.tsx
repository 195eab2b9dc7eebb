import { Anchor, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { INCIDENT_TYPE_LABELS } from '@telerad/contracts';
import { Link, useParams } from 'react-router';
import { QueryState } from '../../app/components/QueryState';
import { formatDateTime } from '../../app/format';
import { useCan } from '../../app/useCan';
import { useIncident } from './api';
import { IncidentStateBadge, SeverityBadge } from './badges';
import { IncidentActions } from './IncidentActions';
import { IncidentTimeline } from './IncidentTimeline';
import { IncidentWork } from './IncidentWork';

/** One incident: what happened and what it touched, the investigation, actions and timeline. */
export function IncidentPage() {
  const { incidentId = '' } = useParams();
  const incident = useIncident(incidentId);
  const manage = useCan('incidents:manage');
  return (
    <QueryState query={incident}>
      {({ incident: i }) => (
        <Stack gap="md">
          <Anchor component={Link} to="/incidents" size="sm">
            <Group gap={4}>
              <IconArrowLeft size={14} /> Incidents
            </Group>
          </Anchor>
          <Group justify="space-between" align="flex-end">
            <Stack gap={2}>
              <Title order={2}>
                {i.ref} · {i.title}
              </Title>
              <Text c="dimmed" size="sm">
                {INCIDENT_TYPE_LABELS[i.type]} · reported by {i.reportedBy},{' '}
                {formatDateTime(i.reportedAt)}
              </Text>
            </Stack>
            <Group gap="xs">
              <SeverityBadge severity={i.severity} />
              <IncidentStateBadge state={i.state} />
            </Group>
          </Group>
          <Grid gap="md">
            <Grid.Col span={{ base: 12, md: 7 }}>
              <Stack gap="md">
                <Paper withBorder radius="md" p="md">
                  <Stack gap="xs">
                    <Title order={5}>What happened</Title>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {i.description || 'No description was given.'}
                    </Text>
                    <Title order={5} mt="xs">
                      Affected
                    </Title>
                    {i.links.length === 0 ? (
                      <Text size="sm" c="dimmed">
                        No study or clinic linked: the centre&rsquo;s own systems.
                      </Text>
                    ) : (
                      i.links.map((l) => (
                        <Text size="sm" key={`${l.clinicId}-${l.studyUid ?? ''}`}>
                          {l.clinicName}
                          {l.studyUid && (
                            <>
                              {' · '}
                              <Anchor
                                component={Link}
                                to={`/studies/${encodeURIComponent(l.studyUid)}`}
                                inherit
                              >
                                {l.patientName ?? 'Study'}
                              </Anchor>
                            </>
                          )}
                        </Text>
                      ))
                    )}
                    <Title order={5} mt="xs">
                      Root cause
                    </Title>
                    <Text
                      size="sm"
                      c={i.rootCause ? undefined : 'dimmed'}
                      style={{ whiteSpace: 'pre-wrap' }}
                    >
                      {i.rootCause ?? 'Not established yet.'}
                    </Text>
                    {i.lesson && (
                      <>
                        <Title order={5} mt="xs">
                          Lesson learned
                        </Title>
                        <Text size="sm" fw={600}>
                          {i.lesson.title}
                        </Text>
                        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                          {i.lesson.body}
                        </Text>
                      </>
                    )}
                  </Stack>
                </Paper>
                <IncidentActions incident={i} manage={manage} />
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <Stack gap="md">
                {manage && i.state !== 'closed' && <IncidentWork incident={i} />}
                <IncidentTimeline incident={i} />
              </Stack>
            </Grid.Col>
          </Grid>
        </Stack>
      )}
    </QueryState>
  );
}
