import { ActionIcon, Anchor, Button, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconId, IconPencil } from '@tabler/icons-react';
import type { AttentionItem } from '@telerad/contracts';
import { Link } from 'react-router';
import { columnPriority, DenseTable } from '../../app/components/DenseTable';
import { formatDateTime } from '../../app/format';
import { studyPath } from '../archive/studyLinks';
import { formatCalendarDate, formatPersonName } from '../archive/studyFormat';
import { ReasonBadge } from './ReasonBadge';
import { REASONS, reasonDetail, sortedReasons } from './reasons';

/**
 * Flagged studies, one row each: the clinic, the applicant (with the one action a study without
 * an ID needs, in place), the reasons with what exactly, the study, and "reviewed".
 */
export function AttentionTable({
  items,
  onIdentity,
  onReviewed,
  reviewing,
}: {
  items: AttentionItem[];
  onIdentity: (item: AttentionItem) => void;
  onReviewed: (item: AttentionItem) => void;
  reviewing: string | null;
}) {
  return (
    <DenseTable label="Studies that need attention">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Clinic</Table.Th>
          <Table.Th>Applicant</Table.Th>
          <Table.Th>Why</Table.Th>
          <Table.Th {...columnPriority(2)}>Study</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((s) => (
          <Table.Tr key={s.studyUid}>
            <Table.Td>
              <Tooltip label={s.clinicName}>
                <Text size="sm" fw={600}>
                  {s.clinicCode}
                </Text>
              </Tooltip>
            </Table.Td>
            <Table.Td>
              {s.awaitingIdentity ? (
                <Button
                  size="xs"
                  color="red"
                  leftSection={<IconId size={14} />}
                  onClick={() => onIdentity(s)}
                >
                  Enter ID
                </Button>
              ) : (
                <Group gap={4} wrap="nowrap">
                  <Stack gap={0}>
                    <Text size="sm">
                      {formatPersonName(s.patientName) || '—'} · {s.patientId}
                    </Text>
                    {s.identityCorrected && (
                      <Text size="xs" c="dimmed">
                        Entered; sent as “{s.receivedPatientId || 'no ID'}”
                      </Text>
                    )}
                  </Stack>
                  <Tooltip label="Correct the ID or name">
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      size="sm"
                      aria-label={`Correct the identity of ${s.patientId}`}
                      onClick={() => onIdentity(s)}
                    >
                      <IconPencil size={14} />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              )}
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'normal', minWidth: 220 }}>
              <Stack gap={4}>
                {sortedReasons(s.flags).map((f) => (
                  <Group key={`${f.code}:${f.detail}`} gap={6} wrap="nowrap" align="flex-start">
                    <Tooltip
                      label={`${REASONS[f.code].help}${f.detail ? ` (${f.detail})` : ''}`}
                      multiline
                      w={320}
                    >
                      <ReasonBadge code={f.code} />
                    </Tooltip>
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {reasonDetail(f)}
                    </Text>
                  </Group>
                ))}
              </Stack>
            </Table.Td>
            <Table.Td>
              <Anchor component={Link} to={studyPath(s.studyUid)} size="sm">
                {formatCalendarDate(s.studyDate) || 'No date'} · {s.modalities.join(', ') || '—'}
              </Anchor>
              <Text size="xs" c="dimmed">
                {s.numInstances} {s.numInstances === 1 ? 'image' : 'images'} · received{' '}
                {formatDateTime(s.lastReceivedAt)}
              </Text>
            </Table.Td>
            <Table.Td>
              {!s.awaitingIdentity && (
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconCheck size={14} />}
                  loading={reviewing === s.studyUid}
                  onClick={() => onReviewed(s)}
                >
                  Reviewed
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </DenseTable>
  );
}
