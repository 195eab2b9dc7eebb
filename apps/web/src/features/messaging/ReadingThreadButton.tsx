import { Badge, Button, Drawer, Kbd, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconMessages } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useLiveQueryRefresh } from '../../app/useLiveQueryRefresh';
import { MESSAGING_KEY, useStudyThread } from './api';
import { applyMessagingMessage } from './live';
import { StudyThread } from './StudyThread';

const TEXT = {
  button: 'Messages',
  title: 'Conversation with the clinic',
  hint: 'The clinic and its assistant see this conversation. Alt+M opens and closes it.',
  unread: (n: number) => `${n} unread`,
};

/** Alt+M (by key position, any layout): clear of the viewer's letters and the report's keys. */
export const isMessagesKey = (e: {
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}) => e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.code === 'KeyM';

/**
 * The reading screen's way to the study's conversation: a header button with the unread count
 * that opens it in a drawer over the report panel (Alt+M), live while the screen is open.
 */
export function ReadingThreadButton({ studyUid }: { studyUid: string }) {
  const [opened, { toggle, close }] = useDisclosure(false);
  useLiveQueryRefresh({ queryKey: MESSAGING_KEY, onMessage: applyMessagingMessage });
  const unread = useStudyThread(studyUid).data?.unread ?? 0;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isMessagesKey(e)) return;
      e.preventDefault();
      toggle();
    };
    // Capture: it works from inside the conversation's text box too, which keeps other keys.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [toggle]);

  return (
    <>
      <Button
        size="compact-sm"
        variant={unread > 0 ? 'filled' : 'default'}
        leftSection={<IconMessages size={16} />}
        rightSection={
          unread > 0 ? (
            <Badge size="xs" color="red" aria-label={TEXT.unread(unread)}>
              {unread}
            </Badge>
          ) : (
            <Kbd size="xs">Alt+M</Kbd>
          )
        }
        onClick={toggle}
        aria-expanded={opened}
        aria-keyshortcuts="Alt+M"
      >
        {TEXT.button}
      </Button>
      <Drawer
        opened={opened}
        onClose={close}
        position="right"
        size={440}
        title={TEXT.title}
        overlayProps={{ backgroundOpacity: 0.2 }}
      >
        <Text size="xs" c="dimmed" mb="xs">
          {TEXT.hint}
        </Text>
        <StudyThread studyUid={studyUid} height="calc(100vh - 300px)" />
      </Drawer>
    </>
  );
}
