import { Badge, SegmentedControl, Table, Text } from '@mantine/core';
import { IconChecks } from '@tabler/icons-react';
import { useState } from 'react';
import { columnPriority, DenseTable } from '../../app/components/DenseTable';
import { EmptyTableState } from '../../app/components/EmptyTableState';
import { PageHeader } from '../../app/components/PageHeader';
import { QueryState } from '../../app/components/QueryState';
import { formatDateTime } from '../../app/format';
import { useCan } from '../../app/useCan';
import { formatPersonName } from '../archive/studyFormat';
import { useDiscrepancies } from './api';
import { DiscrepancyDrawer } from './DiscrepancyDrawer';
import { ScoreBadge } from './radpeer';

/**
 * Consultants → Discrepancies: reads a peer reviewer scored 3 or "b". The consultant opens one,
 * gives the reader feedback and, when the report must change, releases an addendum to the clinic.
 */
export function DiscrepanciesPage() {
  const [state, setState] = useState<'open' | 'closed'>('open');
  const cases = useDiscrepancies(state);
  const canResolve = useCan('peerReview:discrepancies:resolve');
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <>
      <PageHeader
        title="Discrepancies"
        description="Peer reviews scored 3 or “b”: give the reader feedback, and add an addendum when the report must change."
        actions={
          <SegmentedControl
            aria-label="Which cases"
            value={state}
            onChange={(v) => setState(v as 'open' | 'closed')}
            data={[
              { value: 'open', label: 'Open' },
              { value: 'closed', label: 'Settled' },
            ]}
          />
        }
      />
      <QueryState query={cases}>
        {({ items }) =>
          items.length === 0 ? (
            <EmptyTableState
              icon={<IconChecks size={32} />}
              title={state === 'open' ? 'No open discrepancies' : 'Nothing settled yet'}
              description={
                state === 'open'
                  ? 'Nothing to settle. A case opens here when a peer reviewer scores a read 3, 2b or 3b.'
                  : 'Settled cases appear here with their feedback and addendum.'
              }
            />
          ) : (
            <DenseTable label="Discrepancy cases">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Score</Table.Th>
                  <Table.Th>Patient</Table.Th>
                  <Table.Th {...columnPriority(3)}>Clinic</Table.Th>
                  <Table.Th>Reader</Table.Th>
                  <Table.Th>Reviewer’s comment</Table.Th>
                  <Table.Th {...columnPriority(2)}>Opened</Table.Th>
                  {state === 'closed' && <Table.Th>Outcome</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((c) => (
                  <Table.Tr
                    key={c.id}
                    data-case-id={c.id}
                    tabIndex={0}
                    style={{ cursor: 'pointer' }}
                    onClick={() => setOpenId(c.id)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') setOpenId(c.id);
                    }}
                  >
                    <Table.Td>
                      <ScoreBadge score={c.score} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {formatPersonName(c.patientName)}
                      </Text>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {c.patientId}
                      </Text>
                    </Table.Td>
                    <Table.Td>{c.clinicName}</Table.Td>
                    <Table.Td>{c.readerName ?? '—'}</Table.Td>
                    <Table.Td style={{ minWidth: 200, maxWidth: 360, whiteSpace: 'normal' }}>
                      <Text size="sm" lineClamp={2}>
                        {c.comment ?? '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>{formatDateTime(c.openedAt)}</Table.Td>
                    {state === 'closed' && (
                      <Table.Td>
                        <Badge variant="light" color={c.addendumVersion ? 'orange' : 'teal'}>
                          {c.addendumVersion ? 'Addendum released' : 'Feedback only'}
                        </Badge>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </DenseTable>
          )
        }
      </QueryState>
      <DiscrepancyDrawer id={openId} canResolve={canResolve} onClose={() => setOpenId(null)} />
    </>
  );
}
