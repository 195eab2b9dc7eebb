import { Anchor, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import { QueryState } from '../../../app/components/QueryState';
import { DeliveriesTable } from '../../support/DeliveriesTable';
import { useDeliveries } from '../../support/api';
import { useRetryWithNotice } from '../../support/useRetryWithNotice';

/** Deliveries listed on a clinic's page; the rest are on Support → Deliveries. */
const SHOWN = 20;

/** This clinic's latest report deliveries, failed first, with retry: support's table. */
export function DeliveriesSection({ clinicId }: { clinicId: string }) {
  const deliveries = useDeliveries(null, { id: clinicId, limit: SHOWN });
  const retry = useRetryWithNotice();
  return (
    <QueryState query={deliveries}>
      {(page) =>
        page.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            No report of this clinic has been released yet. Deliveries appear here when a signed
            report leaves for the clinic (portal, DICOM to its PACS, webhook, HL7 to its system).
          </Text>
        ) : (
          <>
            <Group gap="md" mb="xs">
              <Text
                size="sm"
                c={page.counts.failed ? 'red' : 'dimmed'}
                fw={page.counts.failed ? 600 : 400}
              >
                {page.counts.failed} failed
              </Text>
              <Text size="sm" c="dimmed">
                {page.counts.pending} retrying · {page.counts.delivered} delivered ·{' '}
                {page.counts.portal.notOpened} not yet opened on the portal
              </Text>
              {page.total > page.items.length && (
                <Anchor component={Link} to="/support/deliveries" size="sm">
                  All {page.total} deliveries
                </Anchor>
              )}
            </Group>
            <DeliveriesTable items={page.items} showClinic={false} {...retry} />
          </>
        )
      }
    </QueryState>
  );
}
