import { Badge, Group, NavLink, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { IconMessages, IconSearch, IconUser } from '@tabler/icons-react';
import type { ThreadSummary } from '@telerad/contracts';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../../i18n/useDateFormat';
import { formatPersonName } from '../archive/studyFormat';

/** The title of a thread in lists and headers: the clinic's channel, or the applicant. */
export function threadTitle(th: ThreadSummary, t: TFunction<'messaging'>): string {
  if (th.kind === 'channel') return t('list.channel', { clinic: th.clinicName });
  const name = th.patientName ? formatPersonName(th.patientName) : null;
  return [name, th.patientId].filter(Boolean).join(' · ') || th.clinicName;
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
  const { t } = useTranslation('messaging');
  const fmt = useDateFormat();
  return (
    <Stack gap="xs">
      <TextInput
        leftSection={<IconSearch size={16} />}
        placeholder={t('list.search')}
        aria-label={t('list.search')}
        value={search}
        onChange={(e) => onSearch(e.currentTarget.value)}
      />
      <ScrollArea h={height} type="auto">
        {threads.length === 0 && (
          <Text size="sm" c="dimmed" p="sm">
            {t('list.empty')}
          </Text>
        )}
        {threads.map((th) => (
          <NavLink
            key={th.id}
            active={th.id === selected}
            onClick={() => onSelect(th.id)}
            data-testid="thread-item"
            data-unread={th.unread}
            leftSection={
              th.kind === 'channel' ? <IconMessages size={18} /> : <IconUser size={18} />
            }
            label={
              <Group justify="space-between" wrap="nowrap" gap={6}>
                <Text size="sm" fw={th.unread ? 700 : 500} truncate="end">
                  {threadTitle(th, t)}
                </Text>
                {th.lastMessageAt && (
                  <Text size="xs" c="dimmed" style={{ flex: 'none' }}>
                    {fmt.recentDateTime(th.lastMessageAt)}
                  </Text>
                )}
              </Group>
            }
            description={
              <Group justify="space-between" wrap="nowrap" gap={6}>
                <Text size="xs" c="dimmed" truncate="end">
                  {th.lastMessage
                    ? `${th.lastAuthor ?? ''}: ${th.lastMessage}`
                    : th.kind === 'channel'
                      ? t('list.channelHint')
                      : t('list.noMessages')}
                </Text>
                {th.unread > 0 && (
                  <Badge size="sm" circle aria-label={t('list.unread', { count: th.unread })}>
                    {th.unread}
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
