import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Indicator,
  List,
  Popover,
  ScrollArea,
  Stack,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import {
  IconAlarm,
  IconBell,
  IconCameraRotate,
  IconClockExclamation,
  IconFileCheck,
  IconMessage,
  IconMessageQuestion,
  IconSendOff,
  IconUserCheck,
} from '@tabler/icons-react';
import { kindsForRoles, type Notification } from '@telerad/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { notifyError } from '../../app/notify';
import { useCan } from '../../app/useCan';
import { useLiveQueryRefresh } from '../../app/useLiveQueryRefresh';
import { usePopover } from '../../app/usePopover';
import { useDateFormat } from '../../i18n/useDateFormat';
import { useMe } from '../auth/session';
import { NOTIFICATIONS_KEY, useMarkRead, useNotifications } from './api';
import { isNotificationMessage } from './live';

/** How each kind looks in the list; a kind not listed shows as a plain bell. */
const KIND_LOOK: Record<string, { icon: typeof IconBell; color: string }> = {
  'task.overdue': { icon: IconClockExclamation, color: 'red' },
  'task.due_soon': { icon: IconAlarm, color: 'yellow' },
  'consultation.queued': { icon: IconMessageQuestion, color: 'violet' },
  'consultation.assigned': { icon: IconUserCheck, color: 'violet' },
  'report.released': { icon: IconFileCheck, color: 'teal' },
  'retake.requested': { icon: IconCameraRotate, color: 'orange' },
  'extra_view.requested': { icon: IconCameraRotate, color: 'orange' },
  'retake.reminder': { icon: IconCameraRotate, color: 'orange' },
  'delivery.failed': { icon: IconSendOff, color: 'red' },
  'message.from_centre': { icon: IconMessage, color: 'blue' },
  'message.from_clinic': { icon: IconMessage, color: 'blue' },
};

/** A kind's entry in the `common` catalogue (`notificationKinds.<kind>`: dots become `_`). */
export function kindKey(kind: string): string {
  return kind.replace(/\./g, '_');
}

function NotificationItem({
  n,
  to,
  onOpen,
}: {
  n: Notification;
  to: string | null;
  onOpen: (n: Notification) => void;
}) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const unread = n.readAt === null;
  const look = KIND_LOOK[n.kind] ?? { icon: IconBell, color: 'gray' };
  const Icon = look.icon;
  const content = (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      <Icon size={18} color={`var(--mantine-color-${look.color}-6)`} aria-hidden />
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
          {format.dateTime(n.createdAt)}
        </Text>
      </Stack>
      {unread && <Badge size="xs" color="blue" variant="filled" circle aria-hidden />}
    </Group>
  );
  const common = {
    onClick: () => onOpen(n),
    p: 'xs',
    style: { borderRadius: 'var(--mantine-radius-sm)', display: 'block' },
    'aria-label': unread ? t('bell.unreadItem', { title: n.title }) : n.title,
    'data-unread': unread || undefined,
  };
  // A notification that leads somewhere is a link (it opens in a new tab with a middle click).
  return to ? (
    <UnstyledButton component={Link} to={to} {...common}>
      {content}
    </UnstyledButton>
  ) : (
    <UnstyledButton {...common}>{content}</UnstyledButton>
  );
}

/** What the empty bell says: the kinds this user will be told of, in their words. */
function EmptyBell() {
  const me = useMe();
  const { t } = useTranslation();
  const kinds = kindsForRoles(me.roles);
  return (
    <Stack gap={4} px="xs" pb="xs">
      <Text size="sm" fw={500}>
        {t('bell.nothingYet')}
      </Text>
      {kinds.length > 0 && (
        <>
          <Text size="sm" c="dimmed">
            {t('bell.youWillBeTold')}
          </Text>
          <List size="sm" c="dimmed" spacing={2}>
            {kinds.map((k) => (
              <List.Item key={k}>{t(`notificationKinds.${kindKey(k)}.description`)}</List.Item>
            ))}
          </List>
          <Text size="xs" c="dimmed">
            {t('bell.chooseBefore')}{' '}
            <Anchor component={Link} to="/profile" size="xs">
              {t('bell.chooseLink')}
            </Anchor>
            {t('bell.chooseAfter')}
          </Text>
        </>
      )}
    </Stack>
  );
}

/**
 * The header bell: unread count, and the newest notifications (consultations, released reports,
 * retakes, failed deliveries, tasks due soon or overdue). Opening one marks it read and follows
 * its link. New ones arrive live.
 */
export function NotificationBell() {
  // The live channel (/api/realtime) needs worklist:read.
  const live = useCan('worklist:read');
  const connected =
    useLiveQueryRefresh({
      queryKey: NOTIFICATIONS_KEY,
      onMessage: isNotificationMessage,
      enabled: live,
    }) === 'live';
  const list = useNotifications(connected);
  const markRead = useMarkRead();
  const { t } = useTranslation();
  const popover = usePopover();
  const unread = list.data?.unread ?? 0;
  const items = list.data?.notifications ?? [];

  // Where a notification leads: its own link; an older task alert without one, the worklist.
  const target = (n: Notification) => n.link ?? (n.taskId && live ? '/worklist' : null);
  const open = (n: Notification) => {
    if (n.readAt === null) markRead.mutate(n.id, { onError: (e) => notifyError(e) });
    popover.close();
  };
  const markAll = () => {
    for (const n of items) if (n.readAt === null) markRead.mutate(n.id);
  };

  const label = unread ? t('bell.label', { count: unread }) : t('bell.title');
  return (
    <Popover {...popover.props} position="bottom-end" width={360} shadow="md">
      <Popover.Target>
        <Tooltip label={label} disabled={popover.opened}>
          <Indicator
            label={unread > 99 ? '99+' : unread}
            size={18}
            color="red"
            disabled={unread === 0}
            offset={4}
          >
            <ActionIcon variant="default" size="lg" aria-label={label} onClick={popover.toggle}>
              <IconBell size={18} />
            </ActionIcon>
          </Indicator>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown p="xs">
        <Group justify="space-between" px="xs" pb="xs">
          <Text fw={600} size="sm">
            {t('bell.title')}
          </Text>
          {unread > 0 && (
            <Button variant="subtle" size="compact-xs" onClick={markAll}>
              {t('bell.markAll')}
            </Button>
          )}
        </Group>
        {list.isError ? (
          <Text size="sm" c="red" px="xs" pb="xs">
            {t('bell.loadFailed')}
          </Text>
        ) : items.length === 0 ? (
          <EmptyBell />
        ) : (
          <ScrollArea.Autosize mah={420}>
            <Stack gap={2} role="list" aria-label={t('bell.title')}>
              {items.map((n) => (
                <div role="listitem" key={n.id}>
                  <NotificationItem n={n} to={target(n)} onOpen={open} />
                </div>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
