import { Paper, Skeleton, Stack } from '@mantine/core';

/** Placeholder rows while the worklist first loads, shaped like the table. */
export function WorklistSkeleton({ rows = 10 }: { rows?: number }) {
  return (
    <Paper withBorder radius="md" p="sm" aria-busy="true" aria-label="Loading worklist">
      <Stack gap={10}>
        <Skeleton height={14} width="45%" />
        {Array.from({ length: rows }, (_, i) => (
          <Skeleton key={i} height={22} />
        ))}
      </Stack>
    </Paper>
  );
}
