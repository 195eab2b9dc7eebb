import { Alert, Group, Paper, SimpleGrid, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { INBOUND_DOORS } from '@telerad/contracts';
import { QueryState } from '../../app/components/QueryState';
import { formatDateTime } from '../../app/format';
import { useClinicHistory } from './api';
import { HistoryChart } from './HistoryChart';
import { RefusalsFeed } from './RefusalsFeed';
import { ago, ALERT_LABELS, DOOR_LABELS } from './words';
import { WorkingHoursCard } from './WorkingHoursCard';

/**
 * What a clinic sends the centre, for its page: open alerts, the last study received by each
 * door, the week's images and refusals per hour, and its recent refusals with their reasons.
 */
export function ClinicInboundSection({ clinicId }: { clinicId: string }) {
  const history = useClinicHistory(clinicId);
  return (
    <Stack gap="md">
      <Title order={3}>Images received</Title>
      <WorkingHoursCard clinicId={clinicId} />
      <QueryState query={history}>
        {(h) => (
          <Stack gap="md">
            {h.alerts.map((a) => (
              <Alert
                key={a.kind}
                color="red"
                icon={<IconAlertTriangle />}
                title={ALERT_LABELS[a.kind]}
              >
                {a.detail} — raised {ago(a.raisedAt)}.
              </Alert>
            ))}
            <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
              {INBOUND_DOORS.map((door) => {
                const last = h.lastByDoor.find((d) => d.door === door);
                return (
                  <Paper key={door} withBorder p="sm" data-testid={`last-${door}`}>
                    <Text size="xs" c="dimmed">
                      {DOOR_LABELS[door]}
                    </Text>
                    {last ? (
                      <Tooltip label={`Study ${last.studyUid}`}>
                        <Stack gap={0}>
                          <Text fw={600}>{ago(last.receivedAt)}</Text>
                          <Text size="xs" c="dimmed">
                            {formatDateTime(last.receivedAt)}
                            {last.callingAe ? ` · AE ${last.callingAe}` : ''}
                          </Text>
                        </Stack>
                      </Tooltip>
                    ) : (
                      <Text size="sm" c="dimmed">
                        Nothing received
                      </Text>
                    )}
                  </Paper>
                );
              })}
            </SimpleGrid>
            {h.buckets.some((b) => b.images || b.refusals || b.queueDepth) ? (
              <HistoryChart buckets={h.buckets} />
            ) : (
              <Group>
                <Text size="sm" c="dimmed">
                  No images or refusals in the last 7 days. If the clinic should be sending, check
                  its AE title and allowed networks above, or ask it to send a test image.
                </Text>
              </Group>
            )}
          </Stack>
        )}
      </QueryState>
      <Title order={4}>Recent refusals</Title>
      <RefusalsFeed clinicId={clinicId} />
    </Stack>
  );
}
