import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/**
 * The reading screen's header: the way back, who is being read, the task's state, and actions
 * on the read (a retake request, the study's conversation); beneath, what the clinic asked of the
 * reader (`request`), when it asked anything.
 */
export function ReadingHeader({
  backTo,
  backLabel,
  title,
  details,
  badge,
  actions,
  request,
}: {
  backTo: string;
  backLabel: string;
  title: ReactNode;
  details?: ReactNode;
  badge?: ReactNode;
  /** Buttons on the right, before the badge (a retake request, the study's conversation). */
  actions?: ReactNode;
  request?: ReactNode;
}) {
  return (
    <Stack gap={2} miw={0}>
      <Group justify="space-between" wrap="nowrap">
        <Group gap="md" wrap="nowrap" miw={0}>
          <Anchor component={Link} to={backTo} size="sm" c="gray.4">
            <Group gap={4} wrap="nowrap">
              <IconArrowLeft size={14} /> {backLabel}
            </Group>
          </Anchor>
          <Text fw={700} truncate="end">
            {title}
          </Text>
          {details && (
            <Text size="sm" c="dimmed" truncate="end">
              {details}
            </Text>
          )}
        </Group>
        <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
          {actions}
          {badge && <Badge variant="light">{badge}</Badge>}
        </Group>
      </Group>
      {request}
    </Stack>
  );
}
