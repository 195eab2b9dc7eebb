import { Chip, Group, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconTruckDelivery } from '@tabler/icons-react';
import type { DeliveryState } from '@telerad/contracts';
import { useState } from 'react';
import { EmptyTableState } from '../../app/components/EmptyTableState';
import { PageHeader } from '../../app/components/PageHeader';
import { QueryState } from '../../app/components/QueryState';
import { DeliveriesTable } from './DeliveriesTable';
import { useDeliveries } from './api';
import { useRetryWithNotice } from './useRetryWithNotice';

type Filter = DeliveryState | 'not_opened' | 'all';

/** The empty list's words, by filter: what it means and what to do. */
const EMPTY: Record<Filter, { title: string; description: string }> = {
  all: {
    title: 'No deliveries yet',
    description:
      'Deliveries appear here when a signed report is released to its clinic. Register a clinic PACS (AE with host and port) or webhook under Clinics, or an HL7 destination on its clinic page, to add channels.',
  },
  failed: {
    title: 'No failed deliveries',
    description: 'Nothing is stuck: every report reached its clinic or is still being retried.',
  },
  pending: {
    title: 'No retrying deliveries',
    description: 'Every delivery has either arrived or failed; failed ones are under Failed.',
  },
  delivered: {
    title: 'No delivered reports yet',
    description: 'Reports appear here once a channel has taken them.',
  },
  not_opened: {
    title: 'Every released report has been opened',
    description:
      'The clinics have viewed or downloaded every report on the portal. A report shows here from its release until someone at the clinic opens it.',
  },
};

/**
 * Support → Deliveries: every released report's delivery to its clinic (the portal, DICOM to the
 * clinic PACS, webhook), failed first, with attempts, last error and a retry button. The portal
 * is a channel like the others, and it counts as communicated only once the clinic opened it:
 * "Not yet opened" lists the reports to chase, longest waiting first.
 */
export function DeliveriesPage() {
  const [filter, setFilter] = useState<Filter>('all');
  const deliveries = useDeliveries(filter === 'all' ? null : filter);
  const retry = useRetryWithNotice();
  const counts = deliveries.data?.counts;
  const n = (x: number | undefined) => (x === undefined ? '' : ` (${x})`);

  return (
    <>
      <PageHeader
        title="Report deliveries"
        description="Released reports on their way to the clinics: failed first. Retry after fixing the clinic's PACS address or webhook; chase the clinic about reports it has not opened."
      />
      <Stack gap="md">
        <Group gap="md" wrap="wrap">
          <SegmentedControl
            value={filter === 'not_opened' ? '' : filter}
            onChange={(v) => setFilter(v as Filter)}
            data={[
              { value: 'all', label: 'All' },
              { value: 'failed', label: `Failed${n(counts?.failed)}` },
              { value: 'pending', label: `Retrying${n(counts?.pending)}` },
              { value: 'delivered', label: `Delivered${n(counts?.delivered)}` },
            ]}
            aria-label="Delivery state"
          />
          <Chip
            checked={filter === 'not_opened'}
            onChange={(on) => setFilter(on ? 'not_opened' : 'all')}
            color="orange"
            variant="light"
          >
            Not yet opened by the clinic{n(counts?.portal.notOpened)}
          </Chip>
          {counts && (
            <Text size="sm" c="dimmed" data-testid="portal-counts">
              Portal: {counts.portal.delivered} delivered · {counts.portal.opened} opened ·{' '}
              <Text
                span
                size="sm"
                c={counts.portal.notOpened ? 'var(--mantine-color-orange-text)' : undefined}
                fw={counts.portal.notOpened ? 600 : undefined}
              >
                {counts.portal.notOpened} not yet opened
              </Text>
            </Text>
          )}
        </Group>
        <QueryState query={deliveries}>
          {(page) =>
            page.items.length === 0 ? (
              <EmptyTableState
                icon={<IconTruckDelivery size={32} />}
                title={EMPTY[filter].title}
                description={EMPTY[filter].description}
              />
            ) : (
              <Paper withBorder radius="md">
                <DeliveriesTable items={page.items} {...retry} />
              </Paper>
            )
          }
        </QueryState>
      </Stack>
    </>
  );
}
