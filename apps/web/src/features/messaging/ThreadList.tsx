import { Badge, Group, NavLink, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { IconMessages, IconSearch, IconUser } from '@tabler/icons-react';
import type { ThreadSummary } from '@telerad/contracts';
import { formatPersonName } from '../archive/studyFormat';
import { shortTime } from './receipts';

const TEXT = {
  search: 'Search by applicant name, ID or clinic',
  channel: (clinic: string) => `${clinic} — clinic channel`,
  channelHint: 'Everything that is not about one applicant',
  noMessages: 'No messages yet',
  empty:
    'No conversations match. Clear the search, or open an applicant’s study to write about them.',
  unread: (n: number) => `${n} unread`,
};

/** The title of a thread in lists and headers: the clinic's channel, or the applicant. */
export function threadTitle(t: ThreadSummary): string {
  if (t.kind === 'channel') return TEXT.channel(t.clinicName);
  const name = t.patientName ? formatPersonName(t.patientName) : null;
  return [name, t.patientId].filter(Boolean).join(' · ') || t.clinicName;
}

/** The conversations, newest first, each with its unread count. */
export function ThreadList({
  threads,
  selected,
  onSelect,
  search,
  onSearch,
  height,
}: {
  threads: ThreadSummary[];
  selected: string | null;
  onSelect: (id: string) => void;
  search: string;
  onSearch: (q: string) => void;
  height: number | string;
}) {
  return (
    <Stack gap="xs">
      <TextInput
        leftSection={<IconSearch size={16} />}
        placeholder={TEXT.search}
        aria-label={TEXT.search}
        value={search}
        onChange={(e) => onSearch(e.currentTarget.value)}
      />
      <ScrollArea h={height} type="auto">
        {threads.length === 0 && (
          <Text size="sm" c="dimmed" p="sm">
            {TEXT.empty}
          </Text>
        )}
        {threads.map((t) => (
          <NavLink
            key={t.id}
            active={t.id === selected}
            onClick={() => onSelect(t.id)}
            data-testid="thread-item"
            data-unread={t.unread}
            leftSection={t.kind === 'channel' ? <IconMessages size={18} /> : <IconUser size={18} />}
            label={
              <Group justify="space-between" wrap="nowrap" gap={6}>
                <Text size="sm" fw={t.unread ? 700 : 500} truncate="end">
                  {threadTitle(t)}
                </Text>
                {t.lastMessageAt && (
                  <Text size="xs" c="dimmed" style={{ flex: 'none' }}>
                    {shortTime(t.lastMessageAt)}
                  </Text>
                )}
              </Group>
            }
            description={
              <Group justify="space-between" wrap="nowrap" gap={6}>
                <Text size="xs" c="dimmed" truncate="end">
                  {t.lastMessage
                    ? `${t.lastAuthor ?? ''}: ${t.lastMessage}`
                    : t.kind === 'channel'
                      ? TEXT.channelHint
                      : TEXT.noMessages}
                </Text>
                {t.unread > 0 && (
                  <Badge size="sm" circle aria-label={TEXT.unread(t.unread)}>
                    {t.unread}
                  </Badge>
                )}
              </Group>
            }
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
          />
        ))}
      </ScrollArea>
    </Stack>
  );
}
