import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { IconAlarm, IconBell, IconClockExclamation } from '@tabler/icons-react';
import type { Notification } from '@telerad/contracts';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { formatDateTime } from '../../app/format';
import { notifyError } from '../../app/notify';
import { useCan } from '../../app/useCan';
import { useMarkRead, useNotifications } from './api';
import { useLiveNotifications } from './useLiveNotifications';

function NotificationItem({ n, onOpen }: { n: Notification; onOpen: (n: Notification) => void }) {
  const unread = n.readAt === null;
  const Icon = n.kind === 'task.overdue' ? IconClockExclamation : IconAlarm;
  return (
    <UnstyledButton
      onClick={() => onOpen(n)}
      p="xs"
      style={{ borderRadius: 'var(--mantine-radius-sm)' }}
      aria-label={`${unread ? 'Unread: ' : ''}${n.title}`}
      data-unread={unread || undefined}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Icon
          size={18}
          color={
            n.kind === 'task.overdue'
              ? 'var(--mantine-color-red-6)'
              : 'var(--mantine-color-yellow-6)'
          }
        />
        <Stack gap={2} style={{ flex: 1 }}>
          <Text size="sm" fw={unread ? 700 : 400}>
            {n.title}
          </Text>
          {n.body && (
            <Text size="xs" c="dimmed" lineClamp={2}>
              {n.body}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {formatDateTime(n.createdAt)}
          </Text>
        </Stack>
        {unread && <Badge size="xs" color="blue" variant="filled" circle aria-hidden />}
      </Group>
    </UnstyledButton>
  );
}

/**
 * The header bell: unread count, and the newest notifications (escalations: tasks due soon or
 * overdue). Opening one marks it read and goes to the worklist. New ones arrive live.
 */
export function NotificationBell() {
  // The live channel (/api/realtime) needs worklist:read.
  const live = useCan('worklist:read');
  const connected = useLiveNotifications(live);
  const list = useNotifications(connected);
  const markRead = useMarkRead();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const unread = list.data?.unread ?? 0;
  const items = list.data?.notifications ?? [];

  const open = (n: Notification) => {
    if (n.readAt === null) markRead.mutate(n.id, { onError: (e) => notifyError(e) });
    setOpened(false);
    if (n.taskId && live) void navigate('/worklist');
  };
  const markAll = () => {
    for (const n of items) if (n.readAt === null) markRead.mutate(n.id);
  };

  const label = unread ? `Notifications, ${unread} unread` : 'Notifications';
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={360} shadow="md">
      <Popover.Target>
        <Tooltip label={label} disabled={opened}>
          <Indicator
            label={unread > 99 ? '99+' : unread}
            size={18}
            color="red"
            disabled={unread === 0}
            offset={4}
          >
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={label}
              onClick={() => setOpened((o) => !o)}
            >
              <IconBell size={18} />
            </ActionIcon>
          </Indicator>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown p="xs">
        <Group justify="space-between" px="xs" pb="xs">
          <Text fw={600} size="sm">
            Notifications
          </Text>
          {unread > 0 && (
            <Button variant="subtle" size="compact-xs" onClick={markAll}>
              Mark all read
            </Button>
          )}
        </Group>
        {list.isError ? (
          <Text size="sm" c="red" px="xs" pb="xs">
            Could not load notifications. They will be retried shortly.
          </Text>
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed" px="xs" pb="xs">
            Nothing yet. Alerts about tasks nearing or past their due time appear here.
          </Text>
        ) : (
          <ScrollArea.Autosize mah={420}>
            <Stack gap={2} role="list" aria-label="Notifications">
              {items.map((n) => (
                <div role="listitem" key={n.id}>
                  <NotificationItem n={n} onOpen={open} />
                </div>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
