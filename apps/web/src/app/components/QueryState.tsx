import { Alert, Button, Center, Loader } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../apiError';

/**
 * Renders a query's loading and error states, and `children` once data is there.
 * `data` is passed through so callers get the narrowed value.
 */
export function QueryState<T>({
  query,
  children,
}: {
  query: { data: T | undefined; error: unknown; isPending: boolean; refetch: () => unknown };
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('words.loading')} />
      </Center>
    );
  }
  if (query.error || query.data === undefined) {
    return (
      <Alert color="red" icon={<IconAlertTriangle />} title={t('words.loadFailed')} role="alert">
        {errorMessage(query.error)}
        <Button variant="subtle" size="xs" ml="sm" onClick={() => void query.refetch()}>
          {t('words.retry')}
        </Button>
      </Alert>
    );
  }
  return <>{children(query.data)}</>;
}
