import { EmptyState } from '@mantine/core';
import type { ReactNode } from 'react';

/** The empty state of a list: what is missing and what to do next. */
export function EmptyTableState({
  icon,
  title,
  description,
  action,
}: {
  icon: ReactNode;
  title: string;
  description: string;
  action?: ReactNode;
}) {
  return (
    <EmptyState my="xl" icon={icon} variant="light" title={title} description={description}>
      {action && <EmptyState.Actions>{action}</EmptyState.Actions>}
    </EmptyState>
  );
}
