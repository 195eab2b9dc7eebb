import { Button, Center, Paper, Stack, Text } from '@mantine/core';
import { IconListSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { EmptyTableState } from '../../app/components/EmptyTableState';
import { PageHeader } from '../../app/components/PageHeader';
import { QueryState } from '../../app/components/QueryState';
import { AuditFiltersForm } from './AuditFiltersForm';
import { AuditTable } from './AuditTable';
import { NO_FILTERS, useAuditEvents, type AuditFilters } from './api';

/** Auditor → Audit log: search who did what, when, from where and with what outcome. */
export function AuditPage() {
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const events = useAuditEvents(filters);
  const filtered = Object.values(filters).some(Boolean);

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every sign-in, change and access to patient data, newest first. Read-only."
      />
      <Stack gap="md">
        <AuditFiltersForm initial={filters} onSearch={setFilters} />
        <QueryState query={events}>
          {(data) => {
            const list = data.pages.flatMap((p) => p.events);
            if (list.length === 0) {
              return (
                <EmptyTableState
                  icon={<IconListSearch size={32} />}
                  title={filtered ? 'No events match these filters' : 'No audit events yet'}
                  description={
                    filtered
                      ? 'Widen the time range or clear a filter, then search again.'
                      : 'Events appear here as soon as people sign in and work.'
                  }
                />
              );
            }
            return (
              <Stack gap="sm">
                <Paper withBorder radius="md">
                  <AuditTable events={list} />
                </Paper>
                <Center>
                  {events.hasNextPage ? (
                    <Button
                      variant="default"
                      onClick={() => void events.fetchNextPage()}
                      loading={events.isFetchingNextPage}
                    >
                      Load more
                    </Button>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {list.length} event{list.length === 1 ? '' : 's'} — end of results
                    </Text>
                  )}
                </Center>
              </Stack>
            );
          }}
        </QueryState>
      </Stack>
    </>
  );
}
