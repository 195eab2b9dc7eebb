import { Anchor, Paper, SimpleGrid, Text } from '@mantine/core';
import type { KpiDashboard } from '@telerad/contracts';
import type { ReactNode } from 'react';
import { formatDateTime } from '../../app/format';
import type { Drill } from './api';

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10} %`);
const min = (v: number | null) => (v === null ? '—' : `${Math.round(v * 10) / 10} min`);

/** One headline figure; clickable when it has studies behind it. */
function Figure({
  label,
  value,
  sub,
  onOpen,
}: {
  label: string;
  value: ReactNode;
  sub?: ReactNode;
  onOpen?: () => void;
}) {
  return (
    <Paper withBorder p="sm" radius="md" role="group" aria-label={label}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {onOpen ? (
        <Anchor component="button" type="button" fz={24} fw={700} onClick={onOpen}>
          {value}
        </Anchor>
      ) : (
        <Text fz={24} fw={700}>
          {value}
        </Text>
      )}
      {sub && (
        <Text size="xs" c="dimmed">
          {sub}
        </Text>
      )}
    </Paper>
  );
}

/** The headline figures: turnaround, target, queue, findings and consultations. */
export function KpiFigures({ d, open }: { d: KpiDashboard; open: (drill: Drill) => void }) {
  const t = d.turnaround;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm" aria-label="Headline figures">
      <Figure
        label="Reads released"
        value={t.reads.toLocaleString()}
        sub={`${d.period.from} – ${d.period.to}`}
        onOpen={() => open({ title: 'Reads released in the period' })}
      />
      <Figure
        label="Median turnaround"
        value={min(t.raw.median)}
        sub={`p90 ${min(t.raw.p90)} · p95 ${min(t.raw.p95)}`}
      />
      <Figure
        label="In service hours"
        value={min(t.service.median)}
        sub={`p90 ${min(t.service.p90)} · p95 ${min(t.service.p95)}`}
      />
      <Figure
        label={`Within ${d.targetMinutes} min`}
        value={pct(t.raw.withinTarget)}
        sub={`${pct(t.service.withinTarget)} in service hours`}
        onOpen={() =>
          open({ minMinutes: d.targetMinutes, title: `Reads over ${d.targetMinutes} min` })
        }
      />
      <Figure
        label="Received and read"
        value={pct(d.queue.readRate)}
        sub={`${d.queue.read} of ${d.queue.received} studies`}
      />
      <Figure
        label="Waiting now"
        value={d.queue.backlog}
        sub={
          d.queue.oldestUnreadAt
            ? `oldest since ${formatDateTime(d.queue.oldestUnreadAt)}`
            : 'nothing waits'
        }
      />
      <Figure
        label="Abnormal"
        value={pct(d.findings.abnormalRate)}
        onOpen={() => open({ finding: 'abnormal', title: 'Abnormal reads' })}
      />
      <Figure
        label="TB-suggestive"
        value={pct(d.findings.tbRate)}
        onOpen={() => open({ finding: 'tb', title: 'TB-suggestive reads' })}
      />
      <Figure
        label="Consultations"
        value={d.consultations.count}
        sub={`median ${min(d.consultations.medianMinutes)} · p90 ${min(d.consultations.p90Minutes)}`}
        onOpen={() => open({ panel: 'consultations', title: 'Consultations settled' })}
      />
      <Figure
        label="RADPEER 3b"
        value={d.peerReview.scores.find((s) => s.score === '3b')?.count ?? 0}
        sub={`discrepancy cases opened: ${d.peerReview.discrepancyCases}`}
        onOpen={() => open({ panel: 'peerReview', score: '3b', title: 'Peer reviews scored 3b' })}
      />
    </SimpleGrid>
  );
}
