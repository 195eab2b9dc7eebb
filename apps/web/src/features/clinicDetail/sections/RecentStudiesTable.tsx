import { Anchor, Stack, Table, Text } from '@mantine/core';
import type { RecentStudy } from '@telerad/contracts';
import { Link } from 'react-router';
import { ReadingStatusBadge } from '../../../app/components/ReadingStatusBadge';
import { formatRecentDateTime } from '../../../app/format';
import { formatPersonName } from '../../archive/studyFormat';
import { doorLabel, senderLabel } from '../LastImageText';

/** The clinic's latest studies: when, by which door and from whom, and where each is now. */
export function RecentStudiesTable({ studies }: { studies: RecentStudy[] }) {
  return (
    <Table.ScrollContainer minWidth={680}>
      <Table aria-label="Last studies received" verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Received</Table.Th>
            <Table.Th>Door</Table.Th>
            <Table.Th>From</Table.Th>
            <Table.Th>Patient</Table.Th>
            <Table.Th ta="right">Images</Table.Th>
            <Table.Th>Reading</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {studies.map((s) => (
            <Table.Tr key={s.studyUid}>
              <Table.Td>
                <Text size="sm">{formatRecentDateTime(s.receivedAt)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {doorLabel(s.door)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text
                  size="sm"
                  ff={s.callingAe ? 'monospace' : undefined}
                  style={{ whiteSpace: 'nowrap' }}
                >
                  {senderLabel(s) || '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  <Anchor
                    component={Link}
                    to={`/studies/${encodeURIComponent(s.studyUid)}`}
                    size="sm"
                  >
                    {formatPersonName(s.patientName) || 'No name'}
                  </Anchor>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {s.patientId || 'No ID'}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm">{s.images}</Text>
              </Table.Td>
              <Table.Td>
                {s.readingStatus ? (
                  <ReadingStatusBadge status={s.readingStatus} />
                ) : (
                  <Text size="xs" c="dimmed">
                    Still arriving
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
