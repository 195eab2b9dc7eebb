import { Paper, SegmentedControl, Stack } from '@mantine/core';
import { IconTruckDelivery } from '@tabler/icons-react';
import type { DeliveryState } from '@telerad/contracts';
import { useState } from 'react';
import { EmptyTableState } from '../../app/components/EmptyTableState';
import { PageHeader } from '../../app/components/PageHeader';
import { QueryState } from '../../app/components/QueryState';
import { notifyError, notifySuccess } from '../../app/notify';
import { DeliveriesTable } from './DeliveriesTable';
import { useDeliveries, useRetryDelivery } from './api';

type Filter = DeliveryState | 'all';

/**
 * Support → Deliveries: every released report's delivery to its clinic (portal PDF, DICOM to
 * the clinic PACS, webhook), failed first, with attempts, last error and a retry button.
 */
export function DeliveriesPage() {
  const [filter, setFilter] = useState<Filter>('all');
  const deliveries = useDeliveries(filter === 'all' ? null : filter);
  const retry = useRetryDelivery();
  const counts = deliveries.data?.counts;

  return (
    <>
      <PageHeader
        title="Report deliveries"
        description="Released reports on their way to the clinics: failed first. Retry after fixing the clinic's PACS address or webhook."
      />
      <Stack gap="md">
        <SegmentedControl
          w="fit-content"
          value={filter}
          onChange={(v) => setFilter(v as Filter)}
          data={[
            { value: 'all', label: 'All' },
            { value: 'failed', label: `Failed${counts ? ` (${counts.failed})` : ''}` },
            { value: 'pending', label: `Retrying${counts ? ` (${counts.pending})` : ''}` },
            { value: 'delivered', label: `Delivered${counts ? ` (${counts.delivered})` : ''}` },
          ]}
          aria-label="Delivery state"
        />
        <QueryState query={deliveries}>
          {(page) =>
            page.items.length === 0 ? (
              <EmptyTableState
                icon={<IconTruckDelivery size={32} />}
                title={
                  filter === 'all'
                    ? 'No deliveries yet'
                    : `No ${filter === 'pending' ? 'retrying' : filter} deliveries`
                }
                description={
                  filter === 'failed'
                    ? 'Nothing is stuck: every report reached its clinic or is still being retried.'
                    : 'Deliveries appear here when a signed report is released to its clinic. Register a clinic PACS (AE with host and port) or webhook under Clinics to add channels.'
                }
              />
            ) : (
              <Paper withBorder radius="md">
                <DeliveriesTable
                  items={page.items}
                  retrying={retry.isPending ? (retry.variables ?? null) : null}
                  onRetry={(d) =>
                    retry.mutate(d.id, {
                      onSuccess: (after) =>
                        after.state === 'delivered'
                          ? notifySuccess(`Delivered to ${after.target}.`, 'Delivery retried')
                          : notifyError(
                              new Error(`Still failing: ${after.lastError ?? 'no answer'}`),
                              'Delivery retried',
                            ),
                      onError: (e) => notifyError(e, 'Retry failed'),
                    })
                  }
                />
              </Paper>
            )
          }
        </QueryState>
      </Stack>
    </>
  );
}
