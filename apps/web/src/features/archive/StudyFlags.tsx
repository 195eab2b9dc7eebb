import { Alert, Anchor, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { AttentionFlag } from '@telerad/contracts';
import { Link } from 'react-router';
import { useCan } from '../../app/useCan';
import { ReasonBadge } from '../attention/ReasonBadge';
import { REASONS, reasonDetail, sortedReasons } from '../attention/reasons';

/**
 * Why the study was flagged when it arrived (no Patient ID, incomplete header, no image, new
 * versions): it was stored as sent, and these are what a person should know before using it.
 */
export function StudyFlags({ flags }: { flags: AttentionFlag[] }) {
  const canAct = useCan('attention:read');
  if (flags.length === 0) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconAlertTriangle />}
      title="Flagged when it arrived"
      mb="md"
    >
      <Stack gap={4}>
        {sortedReasons(flags).map((f) => (
          <Group key={`${f.code}:${f.detail}`} gap={6} wrap="nowrap" align="flex-start">
            <ReasonBadge code={f.code} />
            <Text size="sm">
              {[reasonDetail(f), REASONS[f.code].help].filter(Boolean).join(' — ')}
            </Text>
          </Group>
        ))}
        {canAct && (
          <Anchor component={Link} to="/attention" size="sm">
            Open Needs attention
          </Anchor>
        )}
      </Stack>
    </Alert>
  );
}
