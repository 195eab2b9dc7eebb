import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { QueryState } from '../../../app/components/QueryState';
import { formatRecentDateTime } from '../../../app/format';
import { formatPersonName } from '../../archive/studyFormat';
import { useClinicChannel, useThreads } from '../../messaging/api';

/** Threads listed on a clinic's page; the rest are on the Messages page. */
const SHOWN = 8;

/** A link to the clinic's channel in Messages (the channel is made on first use). */
function WriteToClinic({ clinicId }: { clinicId: string }) {
  const channel = useClinicChannel(clinicId);
  if (!channel.data) return null;
  return (
    <Anchor component={Link} to={`/messages?thread=${channel.data.id}`} size="sm">
      Write to the clinic in its channel
    </Anchor>
  );
}

/** The clinic's channel and its studies' threads, newest first, each opening in Messages. */
export function MessagesSection({ clinicId }: { clinicId: string }) {
  // Not live here: the Messages page is; this list refreshes every minute.
  const threads = useThreads({ clinicId }, false);
  return (
    <QueryState query={threads}>
      {({ threads: list }) => {
        const talked = list.filter((t) => t.lastMessageAt !== null).slice(0, SHOWN);
        if (talked.length === 0)
          return (
            <Text size="sm" c="dimmed">
              No messages with this clinic yet. <WriteToClinic clinicId={clinicId} />
            </Text>
          );
        return (
          <Stack gap="xs">
            {talked.map((t) => (
              <Group key={t.id} gap="sm" wrap="nowrap" align="flex-start">
                <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
                  <Anchor component={Link} to={`/messages?thread=${t.id}`} size="sm" fw={600}>
                    {t.kind === 'channel'
                      ? 'Clinic channel'
                      : `${formatPersonName(t.patientName)} · ${t.patientId ?? 'no ID'}`}
                  </Anchor>
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {formatRecentDateTime(t.lastMessageAt!)} · {t.lastAuthor ?? 'someone'}:{' '}
                    {t.lastMessage}
                  </Text>
                </Stack>
                {t.unread > 0 && (
                  <Badge color="red" variant="filled" size="sm">
                    {t.unread} unread
                  </Badge>
                )}
              </Group>
            ))}
          </Stack>
        );
      }}
    </QueryState>
  );
}
