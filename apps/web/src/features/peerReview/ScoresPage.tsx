import {
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Table,
  Text,
} from '@mantine/core';
import { IconReportAnalytics, IconScale } from '@tabler/icons-react';
import { RADPEER_LABELS, RADPEER_SCORES, type PeerScoreList } from '@telerad/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { columnPriority, DenseTable } from '../../app/components/DenseTable';
import { EmptyTableState } from '../../app/components/EmptyTableState';
import { PageHeader } from '../../app/components/PageHeader';
import { QueryState } from '../../app/components/QueryState';
import { formatDateTime } from '../../app/format';
import { useCan } from '../../app/useCan';
import { formatPersonName } from '../archive/studyFormat';
import { useMe } from '../auth/session';
import { useScores } from './api';
import { REASON_WORDS, ScoreBadge, scoreColor } from './radpeer';

/** The count of each score over the listed reviews. */
function Distribution({ list }: { list: PeerScoreList }) {
  const total = RADPEER_SCORES.reduce((n, s) => n + list.distribution[s], 0);
  return (
    <SimpleGrid cols={{ base: 3, sm: 5 }} spacing="xs" mb="sm" aria-label="Score distribution">
      {RADPEER_SCORES.map((s) => (
        <Paper key={s} withBorder p="xs" radius="sm" title={RADPEER_LABELS[s]}>
          <Text size="xs" c="dimmed">
            RADPEER {s}
          </Text>
          <Group gap={6} align="baseline">
            <Text size="xl" fw={700} c={list.distribution[s] ? scoreColor(s) : undefined}>
              {list.distribution[s]}
            </Text>
            <Text size="xs" c="dimmed">
              {total ? `${Math.round((list.distribution[s] / total) * 100)} %` : ''}
            </Text>
          </Group>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

/**
 * Peer-review scores. A radiologist sees the scores of their own reads and the consultant's
 * feedback, never who reviewed them; QA sees every reader's, named, and can narrow to their own.
 */
export function ScoresPage() {
  const all = useCan('peerReview:scores:all');
  const [whose, setWhose] = useState<'all' | 'mine'>(all ? 'all' : 'mine');
  const mine = !all || whose === 'mine';
  const scores = useScores(mine);
  const me = useMe();
  const hasCard = useCan('reportCards:read');
  return (
    <>
      <PageHeader
        title={mine ? 'My peer-review scores' : 'Peer-review scores'}
        description={
          mine
            ? 'How other radiologists scored your reads (RADPEER), with any consultant feedback. Only you and QA see these.'
            : 'Every reader’s RADPEER scores. Confidential: each radiologist sees only their own.'
        }
        actions={
          <>
            {hasCard && (
              <Button
                component={Link}
                to={`/report-cards/${me.id}`}
                size="xs"
                variant="default"
                leftSection={<IconReportAnalytics size={16} />}
              >
                My report card
              </Button>
            )}
            {all && (
              <SegmentedControl
                aria-label="Whose scores"
                value={whose}
                onChange={(v) => setWhose(v as 'all' | 'mine')}
                data={[
                  { value: 'all', label: 'All readers' },
                  { value: 'mine', label: 'My reads' },
                ]}
              />
            )}
          </>
        }
      />
      <QueryState query={scores}>
        {(list) =>
          list.items.length === 0 ? (
            <EmptyTableState
              icon={<IconScale size={32} />}
              title="No scores yet"
              description={
                mine
                  ? 'None of your reads has been scored yet. Reads are sampled for review when you sign them; scores appear here once another radiologist has reviewed one.'
                  : 'No review is scored yet. Check that a peer-review programme is active, and that reviewers take peer-review tasks from the worklist.'
              }
            />
          ) : (
            <>
              <Distribution list={list} />
              <DenseTable label="Peer-review scores">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Score</Table.Th>
                    <Table.Th>Patient</Table.Th>
                    <Table.Th {...columnPriority(3)}>Clinic</Table.Th>
                    {!mine && <Table.Th>Reader</Table.Th>}
                    {!mine && <Table.Th {...columnPriority(2)}>Reviewer</Table.Th>}
                    <Table.Th>Comment and feedback</Table.Th>
                    <Table.Th {...columnPriority(4)}>Chosen as</Table.Th>
                    <Table.Th {...columnPriority(2)}>Scored</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.items.map((s) => (
                    <Table.Tr key={s.id} data-review-id={s.id} data-report-id={s.reportId}>
                      <Table.Td>
                        <ScoreBadge score={s.score} />
                      </Table.Td>
                      <Table.Td>{formatPersonName(s.patientName)}</Table.Td>
                      <Table.Td>{s.clinicName}</Table.Td>
                      {!mine && <Table.Td>{s.readerName ?? '—'}</Table.Td>}
                      {!mine && <Table.Td>{s.reviewerName ?? '—'}</Table.Td>}
                      <Table.Td style={{ minWidth: 260, whiteSpace: 'normal' }}>
                        <Text size="sm" lineClamp={3}>
                          {s.comment ?? 'No comment (concur).'}
                        </Text>
                        {s.discrepancy &&
                          (s.discrepancy.feedback ? (
                            <Text size="sm" c="teal" lineClamp={3} mt={2}>
                              Feedback: {s.discrepancy.feedback}
                            </Text>
                          ) : (
                            <Badge variant="light" color="orange" size="sm" mt={2}>
                              With a consultant
                            </Badge>
                          ))}
                      </Table.Td>
                      <Table.Td>
                        {REASON_WORDS[s.reason]}
                        {s.blind ? ' · blind' : ''}
                      </Table.Td>
                      <Table.Td>{formatDateTime(s.scoredAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </DenseTable>
            </>
          )
        }
      </QueryState>
    </>
  );
}
