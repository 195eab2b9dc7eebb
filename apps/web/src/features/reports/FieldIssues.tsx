import { Stack, Text } from '@mantine/core';
import type { ReportIssue } from '@telerad/contracts';

/** Messages of one field: errors in red, warnings in amber. */
export function FieldIssues({ issues }: { issues: readonly ReportIssue[] }) {
  if (!issues.length) return null;
  return (
    <Stack gap={0}>
      {issues.map((i, n) => (
        <Text
          key={n}
          size="xs"
          c={i.severity === 'error' ? 'red.5' : 'yellow.5'}
          role={i.severity === 'error' ? 'alert' : undefined}
        >
          {i.message}
        </Text>
      ))}
    </Stack>
  );
}
