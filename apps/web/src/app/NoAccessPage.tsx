import { Button, EmptyState } from '@mantine/core';
import { IconLock, IconMoodEmpty } from '@tabler/icons-react';
import { Link } from 'react-router';

/** Shown when a signed-in user opens a page their roles do not allow. */
export function NoAccessPage() {
  return (
    <EmptyState
      mt="xl"
      icon={<IconLock size={32} />}
      variant="light"
      title="This page is not part of your role"
      description="Ask an administrator if you need access."
    >
      <EmptyState.Actions>
        <Button component={Link} to="/">
          Go home
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}

/** Shown for an address that matches no page. */
export function NotFoundPage() {
  return (
    <EmptyState
      mt="xl"
      icon={<IconMoodEmpty size={32} />}
      variant="light"
      title="Page not found"
      description="The address may be mistyped, or the page has moved."
    >
      <EmptyState.Actions>
        <Button component={Link} to="/">
          Go home
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
