import { Badge, Paper, Table, Text, Tooltip } from '@mantine/core';
import type { StudyDetail } from '@telerad/contracts';
import { formatDateTime } from '../../app/format';

type IngestEvent = StudyDetail['history'][number];

/** Colours and words of ingest outcomes. */
const OUTCOME_STYLE: Record<IngestEvent['outcome'], { color: string; label: string }> = {
  stored: { color: 'green', label: 'Stored' },
  duplicate: { color: 'gray', label: 'Duplicate' },
  new_version: { color: 'yellow', label: 'New version' },
  refused: { color: 'red', label: 'Refused' },
};

/** How an object came in (DESIGN.md §2, "Ingest, one path"). */
const DOOR_LABELS: Record<string, string> = {
  dimse: 'DICOM (C-STORE)',
  stow: 'DICOMweb (STOW-RS)',
  gateway: 'Clinic gateway',
  upload: 'Browser upload',
};

/** The Origin history tab: every arrival of an object of the study and what became of it. */
export function OriginHistory({ history }: { history: StudyDetail['history'] }) {
  if (history.length === 0) {
    return (
      <Text c="dimmed" size="sm" py="lg" ta="center">
        No arrival has been recorded for this study.
      </Text>
    );
  }
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={900}>
        <Table aria-label="Origin history" verticalSpacing={6} fz="sm">
          <Table.Thead style={{ whiteSpace: 'nowrap' }}>
            <Table.Tr>
              <Table.Th>Time</Table.Th>
              <Table.Th>Door</Table.Th>
              <Table.Th>Sent by</Table.Th>
              <Table.Th>Address</Table.Th>
              <Table.Th>Outcome</Table.Th>
              <Table.Th>Reason</Table.Th>
              <Table.Th>SOP Instance UID</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {history.map((h) => {
              const style = OUTCOME_STYLE[h.outcome] ?? { color: 'gray', label: h.outcome };
              return (
                <Table.Tr key={h.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(h.at)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {DOOR_LABELS[h.door] ?? h.door}
                  </Table.Td>
                  <Table.Td>
                    {h.callingAe && (
                      <Text span ff="monospace" size="sm">
                        {h.callingAe}
                      </Text>
                    )}
                    {h.callingAe && h.username ? ' · ' : null}
                    {h.username}
                    {!h.callingAe && !h.username && '—'}
                  </Table.Td>
                  <Table.Td ff="monospace">{h.remoteAddress ?? '—'}</Table.Td>
                  <Table.Td>
                    <Badge color={style.color} variant="light" size="sm" miw="max-content">
                      {style.label}
                    </Badge>
                  </Table.Td>
                  <Table.Td maw={320}>
                    <Text size="sm" c={h.reason ? undefined : 'dimmed'}>
                      {h.reason ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td maw={220}>
                    {h.sopUid ? (
                      <Tooltip label={h.sopUid}>
                        <Text size="xs" ff="monospace" truncate>
                          {h.sopUid}
                        </Text>
                      </Tooltip>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
