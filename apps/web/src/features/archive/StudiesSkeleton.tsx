import { Paper, Skeleton, Stack } from '@mantine/core';

/** Placeholder rows while the first page of studies loads, shaped like the table. */
export function StudiesSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <Paper withBorder radius="md" p="sm" aria-busy="true" aria-label="Loading studies">
      <Stack gap={10}>
        <Skeleton height={14} width="40%" />
        {Array.from({ length: rows }, (_, i) => (
          <Skeleton key={i} height={22} />
        ))}
      </Stack>
    </Paper>
  );
}
