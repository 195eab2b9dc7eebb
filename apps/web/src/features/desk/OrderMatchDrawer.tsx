import { Alert, Badge, Group, Radio, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconInfoCircle, IconSearch } from '@tabler/icons-react';
import type { DeskItem } from '@telerad/contracts';
import { useState } from 'react';
import { errorMessage } from '../../app/apiError';
import { FormDrawer } from '../../app/components/FormDrawer';
import { notifySuccess } from '../../app/notify';
import { formatPersonName } from '../archive/studyFormat';
import { useHandMatch, useOrderCandidates } from './api';

/**
 * Match an image without an order to one of its clinic's registered applicants. The candidates
 * are the clinic's scheduled orders near the image's date, likeliest first (a nearly typed ID,
 * the same name or birth date), or any day through the search. The choice is a radio group:
 * the arrow keys move through it and Enter matches. The image keeps the bytes the clinic sent
 * and takes the order's identity, programme, note and priority.
 */
export function OrderMatchDrawer({
  item,
  onClose,
}: {
  item: DeskItem | null;
  onClose: () => void;
}) {
  const [q, setQ] = useState('');
  const [orderId, setOrderId] = useState<string | null>(null);
  const studyUid = item?.studyUid ?? null;
  const candidates = useOrderCandidates(studyUid, q.trim());
  const match = useHandMatch();
  const items = candidates.data?.items ?? [];
  const chosen = orderId ?? items[0]?.id ?? null;
  const study = candidates.data?.study;

  const submit = () =>
    studyUid &&
    chosen &&
    match.mutate(
      { studyUid, body: { orderId: chosen } },
      {
        onSuccess: (r) => {
          notifySuccess(
            r.worklist === 'not_stable'
              ? `Matched to ${r.patientId}; it joins the worklist when all its images are in.`
              : `Matched to ${r.patientId}: now in the reading worklist.`,
            'Image matched',
          );
          onClose();
        },
      },
    );

  return (
    <FormDrawer
      opened={item !== null}
      onClose={onClose}
      title="Match the image to a registered applicant"
      onSubmit={submit}
      saving={match.isPending}
      error={match.error ? errorMessage(match.error) : null}
      submitLabel="Match"
      size="xl"
    >
      {item && (
        <>
          <Alert variant="light" color="blue" icon={<IconInfoCircle />}>
            <Text size="sm">
              {item.clinicName}. The image arrived as{' '}
              <Text span ff="monospace" fw={600}>
                {study?.patientId || item.patientId || 'no ID'}
              </Text>
              , {formatPersonName(study?.patientName ?? item.patientName) || 'no name'}
              {study?.birthDate ? `, born ${study.birthDate}` : ''}
              {study?.studyDate ? `, taken ${study.studyDate}` : ''}
              {study?.accessionNumber
                ? `, accession ${study.accessionNumber}`
                : ', no accession number'}
              . It keeps what the clinic sent; the worklist and report use the order’s identity.
            </Text>
          </Alert>
          <TextInput
            label="Search the clinic’s orders"
            description="An applicant ID, name or accession number, on any day"
            leftSection={<IconSearch size={16} />}
            value={q}
            onChange={(e) => {
              setQ(e.currentTarget.value);
              setOrderId(null);
            }}
            data-autofocus
          />
          {candidates.isSuccess && items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {q
                ? 'No scheduled order matches this search.'
                : 'The clinic has no scheduled order within a week of this image. Search for the applicant, or ask the clinic to register them.'}
            </Text>
          ) : (
            <Radio.Group
              value={chosen}
              onChange={setOrderId}
              label="Scheduled orders"
              aria-label="Scheduled orders"
            >
              <Table mt="xs" verticalSpacing={6} highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th aria-label="Choose" />
                    <Table.Th>Applicant ID</Table.Th>
                    <Table.Th>Name</Table.Th>
                    <Table.Th>Born</Table.Th>
                    <Table.Th>Scheduled</Table.Th>
                    <Table.Th>Accession</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((o) => (
                    <Table.Tr
                      key={o.id}
                      data-order-candidate={o.accessionNumber}
                      onClick={() => setOrderId(o.id)}
                      style={{ cursor: 'pointer' }}
                    >
                      <Table.Td>
                        <Radio value={o.id} aria-label={`${o.patientId} ${o.familyName}`} />
                      </Table.Td>
                      <Table.Td>
                        <Stack gap={2}>
                          <Text size="sm" ff="monospace" fw={600}>
                            {o.patientId}
                          </Text>
                          <Group gap={4}>
                            {o.reasons.map((r) => (
                              <Badge key={r} size="xs" variant="light" color="gray">
                                {r}
                              </Badge>
                            ))}
                          </Group>
                        </Stack>
                      </Table.Td>
                      <Table.Td>{formatPersonName(o.patientName)}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{o.birthDate}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {o.scheduledDate}
                        {o.scheduledTime ? ` ${o.scheduledTime}` : ''}
                      </Table.Td>
                      <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                        {o.accessionNumber}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Radio.Group>
          )}
        </>
      )}
    </FormDrawer>
  );
}
