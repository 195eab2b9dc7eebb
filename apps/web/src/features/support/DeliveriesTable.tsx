import { Badge, Button, Code, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { deliveryChannelName, type Delivery, type DeliveryState } from '@telerad/contracts';
import { Fragment, useState } from 'react';
import { columnPriority, DenseTable } from '../../app/components/DenseTable';
import { formatDateTime, formatRecentDateTime } from '../../app/format';
import { formatPersonName } from '../archive/studyFormat';
import { ClinicLink } from '../clinicDetail/ClinicLink';
import { receiptSummary } from '../reports/clinicReceipt';

/** Colours of delivery states. */
export const STATE_COLOR: Record<DeliveryState, string> = {
  failed: 'red',
  pending: 'yellow',
  delivered: 'teal',
};

/**
 * Under the portal channel: whether the clinic opened the report, when first and by whom, or
 * "Not yet opened" in warning colour once it is on the portal. Other channels end at their
 * delivery and show their target instead.
 */
function OpenedByClinic({ d }: { d: Delivery }) {
  if (!d.clinicReceipt || d.state !== 'delivered')
    return (
      <Text size="xs" c="dimmed">
        On the portal once delivered
      </Text>
    );
  const s = receiptSummary(d.clinicReceipt);
  const first = [d.clinicReceipt.viewed, d.clinicReceipt.downloaded]
    .filter((e) => e !== null)
    .sort((a, b) => a.firstAt.localeCompare(b.firstAt))[0];
  if (!first)
    return (
      <Text size="xs" fw={600} c="var(--mantine-color-orange-text)">
        Not yet opened
        {d.deliveredAt && (
          <Text span size="xs" fw={400}>
            {' '}
            · since {formatRecentDateTime(d.deliveredAt)}
          </Text>
        )}
      </Text>
    );
  return (
    <Tooltip
      label={`${s.text}\n${s.detail ?? ''}`}
      multiline
      w={360}
      style={{ whiteSpace: 'pre-line' }}
    >
      <Text size="xs" c="var(--mantine-color-teal-text)">
        {d.clinicReceipt.viewed ? 'Viewed' : 'Downloaded'} {formatRecentDateTime(first.firstAt)} ·{' '}
        {first.firstBy}
      </Text>
    </Tooltip>
  );
}

/**
 * Deliveries with their attempts and last error; a row expands to its recent attempts. Failed
 * and waiting deliveries have a retry button. Portal rows say whether the clinic opened them.
 */
export function DeliveriesTable({
  items,
  onRetry,
  retrying,
  showClinic = true,
}: {
  items: Delivery[];
  onRetry: (d: Delivery) => void;
  retrying: string | null;
  /** False on one clinic's own page, where every row is that clinic's. */
  showClinic?: boolean;
}) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <DenseTable label="Report deliveries">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>State</Table.Th>
          {showClinic && <Table.Th>Clinic</Table.Th>}
          <Table.Th>Patient</Table.Th>
          <Table.Th {...columnPriority(2)}>Channel</Table.Th>
          <Table.Th {...columnPriority(4)}>Attempts</Table.Th>
          <Table.Th {...columnPriority(2)}>Last error</Table.Th>
          <Table.Th {...columnPriority(3)}>Updated</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((d) => (
          <Fragment key={d.id}>
            <Table.Tr
              onClick={() => setOpen(open === d.id ? null : d.id)}
              style={{ cursor: 'pointer' }}
              tabIndex={0}
              onKeyDown={(k) => k.key === 'Enter' && setOpen(open === d.id ? null : d.id)}
              aria-expanded={open === d.id}
            >
              <Table.Td>
                <Badge
                  color={STATE_COLOR[d.state]}
                  variant="light"
                  size="sm"
                  radius="sm"
                  miw="max-content"
                >
                  {d.state}
                </Badge>
              </Table.Td>
              {showClinic && (
                <Table.Td>
                  <ClinicLink clinicId={d.clinicId}>{d.clinicCode}</ClinicLink>
                </Table.Td>
              )}
              <Table.Td>
                <Text size="sm">{formatPersonName(d.patientName)}</Text>
                <Text size="xs" c="dimmed">
                  {d.patientId ?? d.reportId.slice(0, 8)} · version {d.version}
                </Text>
              </Table.Td>
              <Table.Td maw={260} style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
                <Text size="sm">{deliveryChannelName(d)}</Text>
                {d.channel === 'pdf' ? (
                  <OpenedByClinic d={d} />
                ) : d.channel === 'hl7' ? null : (
                  <Text ff="monospace" fz="xs" c="dimmed" truncate="end">
                    {d.target}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {d.attempts} / {d.maxAttempts}
                {d.state === 'pending' && d.nextAttemptAt && (
                  <Text span size="xs" c="dimmed">
                    {' '}
                    next {formatDateTime(d.nextAttemptAt)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td maw={320}>
                {d.lastError ? (
                  <Tooltip label={d.lastError} multiline w={400}>
                    <Text size="xs" c="red" truncate="end">
                      {d.lastError}
                    </Text>
                  </Tooltip>
                ) : (
                  <Text size="xs" c="dimmed">
                    —
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{formatDateTime(d.updatedAt)}</Table.Td>
              <Table.Td>
                {d.state !== 'delivered' && (
                  <Button
                    size="compact-xs"
                    variant="light"
                    leftSection={<IconRefresh size={12} />}
                    loading={retrying === d.id}
                    onClick={(e) => {
                      e.stopPropagation();
                      onRetry(d);
                    }}
                    onKeyDown={(e) => e.stopPropagation()}
                    aria-label={`Retry delivery to ${d.targetLabel ?? d.target}`}
                  >
                    Retry
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
            {open === d.id && (
              <Table.Tr>
                <Table.Td colSpan={showClinic ? 8 : 7}>
                  <Stack gap={2} py={4}>
                    {d.studyUid && (
                      <Text size="xs">
                        Study <Code>{d.studyUid}</Code>
                      </Text>
                    )}
                    {d.recentAttempts.length === 0 && (
                      <Text size="xs" c="dimmed">
                        Not attempted yet.
                      </Text>
                    )}
                    {d.recentAttempts.map((a, i) => (
                      <Text key={i} size="xs" style={{ whiteSpace: 'normal' }}>
                        {formatDateTime(a.at)} —{' '}
                        <Text span c={a.outcome === 'delivered' ? 'teal' : 'red'} size="xs">
                          {a.outcome}
                        </Text>{' '}
                        ({a.durationMs} ms){a.error ? `: ${a.error}` : ''}
                      </Text>
                    ))}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            )}
          </Fragment>
        ))}
      </Table.Tbody>
    </DenseTable>
  );
}
