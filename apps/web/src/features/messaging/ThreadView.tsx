import { Alert, Box, Center, Group, Loader, Paper, ScrollArea, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { Message } from '@telerad/contracts';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/apiError';
import { useDateFormat } from '../../i18n/useDateFormat';
import { useMe } from '../auth/session';
import { useMarkThreadRead, useThread } from './api';
import { Composer } from './Composer';
import { typingStore } from './live';
import { MessageAttachments } from './MessageAttachments';
import { hasUnseen, seenBy } from './receipts';

/** One message, on the right when it is the user's own. */
function MessageBubble({ m, mine, dark }: { m: Message; mine: boolean; dark: boolean }) {
  const { t } = useTranslation('messaging');
  const fmt = useDateFormat();
  const system = m.side === 'system';
  const bg = system
    ? 'var(--mantine-color-yellow-light)'
    : mine
      ? 'var(--mantine-color-blue-light)'
      : dark
        ? 'var(--mantine-color-dark-5)'
        : 'var(--mantine-color-gray-light)';
  return (
    <Group justify={mine ? 'flex-end' : 'flex-start'} wrap="nowrap" data-testid="message">
      <Paper px="sm" py={6} radius="md" maw="85%" bg={bg} data-side={m.side}>
        <Group gap={8} justify="space-between" wrap="nowrap">
          <Text size="xs" fw={700}>
            {system
              ? `${t('thread.notice')} · ${m.authorName}`
              : mine
                ? t('thread.you')
                : m.authorName}
          </Text>
          <Text size="xs" c="dimmed">
            {fmt.recentDateTime(m.createdAt)}
          </Text>
        </Group>
        {m.body && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {m.body}
          </Text>
        )}
        <MessageAttachments files={m.attachments} />
      </Paper>
    </Group>
  );
}

/**
 * A conversation: its messages (newest at the bottom), who has seen the user's last message,
 * who is typing, and the composer. Opening it, or a new message arriving while it is open and
 * the page visible, marks it read, which the others see live.
 */
export function ThreadView({
  threadId,
  dark = false,
  height = 420,
}: {
  threadId: string;
  dark?: boolean;
  /** The height of the message list (the composer comes below it). */
  height?: number | string;
}) {
  const { t } = useTranslation('messaging');
  const fmt = useDateFormat();
  const me = useMe();
  const thread = useThread(threadId);
  const markRead = useMarkThreadRead();
  const viewport = useRef<HTMLDivElement>(null);
  const typing = useSyncExternalStore(typingStore.subscribe, () =>
    typingStore.names(threadId, me.id).join('\u0000'),
  );
  const data = thread.data;
  const { mutate } = markRead;

  useEffect(() => {
    if (!data || document.visibilityState !== 'visible') return;
    if (hasUnseen(data.messages, data.reads, me.id)) mutate(threadId);
  }, [data, me.id, threadId, mutate]);

  useEffect(() => {
    const onVisible = () => {
      if (
        document.visibilityState === 'visible' &&
        data &&
        hasUnseen(data.messages, data.reads, me.id)
      )
        mutate(threadId);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [data, me.id, threadId, mutate]);

  const count = data?.messages.length ?? 0;
  useEffect(() => {
    viewport.current?.scrollTo({ top: viewport.current.scrollHeight });
  }, [count]);

  if (thread.isPending)
    return (
      <Center h={height}>
        <Loader size="sm" aria-label={t('thread.loading')} />
      </Center>
    );
  if (thread.isError || !data)
    return (
      <Alert color="red" icon={<IconInfoCircle size={16} />}>
        {errorMessage(thread.error)}
      </Alert>
    );

  const receipt = seenBy(data.messages, data.reads, me.id);
  const typists = typing ? typing.split('\u0000') : [];
  return (
    <Stack gap="xs" data-testid="thread" data-thread-id={threadId}>
      <ScrollArea h={height} viewportRef={viewport} type="auto" offsetScrollbars>
        <Stack gap={8} p={4}>
          {data.messages.length === 0 && (
            <Text size="sm" c="dimmed" ta="center" py="lg">
              {t('thread.empty')}
            </Text>
          )}
          {data.messages.map((m) => (
            <Box key={m.id}>
              <MessageBubble m={m} mine={m.authorId === me.id} dark={dark} />
              {receipt?.message.id === m.id && (
                <Text size="xs" c="dimmed" ta="right" mt={2} data-testid="read-receipt">
                  {t('thread.seen', {
                    names: receipt.readers
                      .map((r) => `${r.name} ${fmt.recentDateTime(r.readAt)}`)
                      .join(', '),
                  })}
                </Text>
              )}
            </Box>
          ))}
        </Stack>
      </ScrollArea>
      <Text size="xs" c="dimmed" h={16} aria-live="polite" data-testid="typing">
        {typists.length
          ? t('thread.typing', { count: typists.length, names: typists.join(', ') })
          : ''}
      </Text>
      <Composer threadId={threadId} dark={dark} />
    </Stack>
  );
}
