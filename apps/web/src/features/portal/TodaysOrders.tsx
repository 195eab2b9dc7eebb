import { Badge, Button, Group, Modal, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { PROGRAMME_LABELS, type Order } from '@telerad/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../app/notify';
import { QueryState } from '../../app/components/QueryState';
import { useCancelOrder, useTodaysOrders } from './ordersApi';
import { orderName } from './RegisterForm';

/** The applicants registered today at the clinic, newest first, each with a way to cancel. */
export function TodaysOrders({ clinicId }: { clinicId: string }) {
  const { t } = useTranslation('register');
  const orders = useTodaysOrders(clinicId);
  const [cancelling, setCancelling] = useState<Order | null>(null);
  return (
    <Stack gap="xs">
      <Title order={4}>{t('today.title')}</Title>
      <QueryState query={orders}>
        {(list) =>
          list.items.length === 0 ? (
            <Text c="dimmed">{t('today.empty')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing="sm" aria-label={t('today.title')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('today.columns.applicant')}</Table.Th>
                    <Table.Th>{t('today.columns.birth')}</Table.Th>
                    <Table.Th>{t('today.columns.number')}</Table.Th>
                    <Table.Th>{t('today.columns.programme')}</Table.Th>
                    <Table.Th>{t('today.columns.state')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.items.map((o) => (
                    <Table.Tr key={o.id}>
                      <Table.Td>
                        <Text fw={500}>{orderName(o)}</Text>
                        <Text size="sm" c="dimmed">
                          {o.patientId}
                        </Text>
                      </Table.Td>
                      <Table.Td>{o.birthDate}</Table.Td>
                      <Table.Td>{o.accessionNumber}</Table.Td>
                      <Table.Td>{PROGRAMME_LABELS[o.programme]}</Table.Td>
                      <Table.Td>
                        {o.status === 'cancelled' ? (
                          <Badge color="gray" title={o.cancelReason ?? ''}>
                            {t('today.cancelled')}
                          </Badge>
                        ) : o.status === 'matched' ? (
                          <Badge color="green" title={o.matchedAt ?? ''}>
                            {t('today.matched')}
                          </Badge>
                        ) : (
                          <Button
                            size="sm"
                            variant="subtle"
                            color="red"
                            onClick={() => setCancelling(o)}
                          >
                            {t('today.cancel')}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
      <CancelDialog order={cancelling} onClose={() => setCancelling(null)} />
    </Stack>
  );
}

function CancelDialog({ order, onClose }: { order: Order | null; onClose: () => void }) {
  const { t } = useTranslation('register');
  const [reason, setReason] = useState('');
  const cancel = useCancelOrder();
  const close = () => {
    setReason('');
    onClose();
  };
  return (
    <Modal
      opened={order !== null}
      onClose={close}
      title={order ? t('today.cancelTitle', { name: orderName(order) }) : ''}
    >
      <Stack>
        <Textarea
          label={t('today.reason')}
          placeholder={t('today.reasonPlaceholder')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          required
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('today.keep')}
          </Button>
          <Button
            color="red"
            disabled={reason.trim() === ''}
            loading={cancel.isPending}
            onClick={() =>
              cancel.mutate(
                { id: order!.id, reason },
                { onSuccess: close, onError: (e) => notifyError(e) },
              )
            }
          >
            {t('today.confirmCancel')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
