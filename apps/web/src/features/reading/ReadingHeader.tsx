import { Anchor, Badge, Group, Text } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** The reading screen's header: the way back, who is being read, and the task's state. */
export function ReadingHeader({
  backTo,
  backLabel,
  title,
  details,
  badge,
}: {
  backTo: string;
  backLabel: string;
  title: ReactNode;
  details?: ReactNode;
  badge?: ReactNode;
}) {
  return (
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
      {badge && <Badge variant="light">{badge}</Badge>}
    </Group>
  );
}
