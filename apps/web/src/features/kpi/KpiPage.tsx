import { Button, Paper, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconChartBar, IconDownload } from '@tabler/icons-react';
import { RADPEER_SCORES, type KpiDashboard } from '@telerad/contracts';
import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { EmptyTableState } from '../../app/components/EmptyTableState';
import { PageHeader } from '../../app/components/PageHeader';
import { QueryState } from '../../app/components/QueryState';
import { exportHref, defaultFilters, useKpi, type Drill, type FilterState } from './api';
import { Chart, type ChartClick } from './Chart';
import { DrillDrawer } from './DrillDrawer';
import { KpiFiltersBar } from './KpiFiltersBar';
import { KpiFigures } from './KpiFigures';
import {
  binLabel,
  countsOption,
  funnelOption,
  heatmapOption,
  histogramOption,
  perDayOption,
  qcOption,
  unitsOption,
  WEEKDAYS,
} from './options';

/** One titled panel of the dashboard. */
function Panel({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title}>
      <Title order={4}>{title}</Title>
      {hint && (
        <Text size="xs" c="dimmed" mb="xs">
          {hint}
        </Text>
      )}
      {children}
    </Paper>
  );
}

const SCORE_COLOURS: Record<string, string> = {
  '1': '#2f9e44',
  '2a': '#74b816',
  '2b': '#f59f00',
  '3a': '#f76707',
  '3b': '#e03131',
};
const SEVERITY_COLOURS: Record<string, string> = {
  low: '#74b816',
  medium: '#f59f00',
  high: '#f76707',
  critical: '#e03131',
};

/** The charts of a period with reads, each bar, cell and point opening its studies. */
function Panels({ d, open }: { d: KpiDashboard; open: (drill: Drill) => void }) {
  const navigate = useNavigate();
  const [funnelOf, setFunnelOf] = useState<'clinic' | 'reader'>('clinic');
  const [finding, setFinding] = useState<'abnormal' | 'tb'>('abnormal');
  const units = funnelOf === 'clinic' ? d.volumes.perClinic : d.volumes.perReader;
  const scores = RADPEER_SCORES.map(
    (s) => d.peerReview.scores.find((x) => x.score === s)?.count ?? 0,
  );
  const unitClick =
    (by: 'clinic' | 'reader', extra: Partial<Drill> = {}) =>
    (c: ChartClick) => {
      const u = (by === 'clinic' ? d.volumes.perClinic : d.volumes.perReader).find(
        (x) => x.id === (c.data as { id?: string }).id,
      );
      if (u)
        open({
          ...extra,
          [by === 'clinic' ? 'clinicId' : 'readerId']: u.id,
          title: `${u.name}: ${extra.finding === 'tb' ? 'TB-suggestive reads' : extra.finding ? 'abnormal reads' : 'reads'}`,
        });
    };
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
      <Panel
        title="Turnaround"
        hint="Reads by minutes from arrival to release (up to and including each bar's upper bound). Click a bar for its studies."
      >
        <Chart
          label="Turnaround histogram"
          option={histogramOption(d)}
          onClick={(c) => {
            const b = d.turnaround.histogram[c.dataIndex]!;
            open({
              basis: c.seriesIndex === 1 ? 'service' : 'raw',
              minMinutes: b.fromMinutes,
              ...(b.toMinutes === null ? {} : { maxMinutes: b.toMinutes }),
              title: `Turnaround ${binLabel(b)} min (${c.seriesIndex === 1 ? 'service hours' : 'wall clock'})`,
            });
          }}
        />
      </Panel>
      <Panel
        title="Turnaround by arrival"
        hint="Mean minutes to release by the weekday and hour the study arrived, in the centre's time."
      >
        <Chart
          label="Turnaround heatmap by weekday and hour"
          option={heatmapOption(d)}
          height={280}
          onClick={(c) => {
            const [hour, w] = c.data as [number, number];
            open({
              weekday: w + 1,
              hour,
              title: `Arrived ${WEEKDAYS[w]} ${hour}:00–${hour + 1}:00`,
            });
          }}
        />
      </Panel>
      <Panel title="Reads per day">
        <Chart
          label="Reads per day"
          option={perDayOption(d)}
          onClick={(c) => {
            const day = d.volumes.perDay[c.dataIndex]!.day;
            open({ day, title: `Reads released ${day}` });
          }}
        />
      </Panel>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Panel title="Per clinic">
          <Chart
            label="Reads per clinic"
            option={unitsOption(d.volumes.perClinic)}
            onClick={unitClick('clinic')}
          />
        </Panel>
        <Panel title="Per radiologist">
          <Chart
            label="Reads per radiologist"
            option={unitsOption(d.volumes.perReader)}
            onClick={unitClick('reader')}
          />
        </Panel>
      </SimpleGrid>
      <Panel
        title="Findings: funnel plot"
        hint="Each point's rate against the limits around the overall rate; outside the solid lines is an outlier."
      >
        <Stack gap="xs">
          <SimpleGrid cols={2} spacing="xs">
            <SegmentedControl
              size="xs"
              value={finding}
              onChange={(v) => setFinding(v as 'abnormal' | 'tb')}
              data={[
                { value: 'abnormal', label: 'Abnormal' },
                { value: 'tb', label: 'TB-suggestive' },
              ]}
            />
            <SegmentedControl
              size="xs"
              value={funnelOf}
              onChange={(v) => setFunnelOf(v as 'clinic' | 'reader')}
              data={[
                { value: 'clinic', label: 'Clinics' },
                { value: 'reader', label: 'Radiologists' },
              ]}
            />
          </SimpleGrid>
          <Chart
            label="Funnel plot of findings rates"
            option={funnelOption(
              units,
              finding === 'abnormal' ? d.findings.abnormalFunnel : d.findings.tbFunnel,
              finding === 'abnormal' ? d.findings.abnormalRate : d.findings.tbRate,
              finding,
            )}
            onClick={unitClick(funnelOf, { finding })}
          />
        </Stack>
      </Panel>
      <Panel
        title="Retakes by reason"
        hint={`Requests per reason. Studies received in the period: ${d.retakeDenominator}.`}
      >
        {d.retakes.length === 0 ? (
          <Text size="sm" c="dimmed">
            No retake or extra view was asked in this period.
          </Text>
        ) : (
          <Chart
            label="Retake requests by reason"
            option={countsOption(
              d.retakes.map((r) => (r.kind === 'extra_view' ? `${r.reason} (view)` : r.reason)),
              d.retakes.map((r) => r.requests),
              'Requests',
            )}
            onClick={(c) => {
              const r = d.retakes[c.dataIndex]!;
              open({ panel: 'retakes', reason: r.reason, title: `Retakes: ${r.reason}` });
            }}
          />
        )}
      </Panel>
      <Panel
        title="Peer review"
        hint={`RADPEER scores given in the period. Discrepancy cases opened: ${d.peerReview.discrepancyCases}.`}
      >
        <Chart
          label="RADPEER score distribution"
          option={countsOption(
            RADPEER_SCORES.map((s) => `RADPEER ${s}`),
            scores,
            'Reviews',
            RADPEER_SCORES.map((s) => SCORE_COLOURS[s]!),
          )}
          onClick={(c) => {
            const score = RADPEER_SCORES[c.dataIndex]!;
            open({ panel: 'peerReview', score, title: `Peer reviews scored ${score}` });
          }}
        />
      </Panel>
      <Panel
        title="Incidents by severity"
        hint="Reported in the period; click a bar for the incident list."
      >
        {d.incidents.length === 0 ? (
          <Text size="sm" c="dimmed">
            No incident was reported in this period.
          </Text>
        ) : (
          <Chart
            label="Incidents by severity"
            option={countsOption(
              d.incidents.map((i) => i.severity),
              d.incidents.map((i) => i.count),
              'Incidents',
              d.incidents.map((i) => SEVERITY_COLOURS[i.severity] ?? '#868e96'),
            )}
            onClick={() => void navigate('/incidents')}
          />
        )}
      </Panel>
      <Panel
        title="QC re-reads"
        hint="Agreement of the centre's blind re-reads with clinic reads, per week; click for the QC page."
      >
        {d.qc.length === 0 ? (
          <Text size="sm" c="dimmed">
            No clinic read was re-read in this period. Sampling rules on the Quality feedback page
            decide which are.
          </Text>
        ) : (
          <Chart label="QC kappa trend" option={qcOption(d)} onClick={() => void navigate('/qc')} />
        )}
      </Panel>
    </SimpleGrid>
  );
}

/**
 * The KPI dashboard (QA, consultants, administrators): turnaround, volumes, queue, findings,
 * retakes, peer review, consultations and incidents for a period and any centre, clinic,
 * radiologist and programme; every figure opens the studies behind it; CSV export.
 */
export function KpiPage() {
  const [filters, setFilters] = useState<FilterState>(defaultFilters);
  const [drill, setDrill] = useState<Drill | null>(null);
  const kpi = useKpi(filters);
  return (
    <>
      <PageHeader
        title="KPI dashboard"
        description="How fast and how well the centre reads: click any bar, cell or point for the studies behind it."
        actions={
          <>
            {(['csv', 'pdf'] as const).map((kind) => (
              <Button
                key={kind}
                component="a"
                href={exportHref(kind, filters)}
                download
                variant="default"
                leftSection={<IconDownload size={16} />}
              >
                {kind === 'csv' ? 'Export CSV' : 'Export PDF'}
              </Button>
            ))}
          </>
        }
      />
      <KpiFiltersBar value={filters} onChange={setFilters} />
      <QueryState query={kpi}>
        {(d) =>
          d.turnaround.reads === 0 && d.queue.received === 0 && d.queue.backlog === 0 ? (
            <EmptyTableState
              icon={<IconChartBar />}
              title={`Nothing read between ${d.period.from} and ${d.period.to}`}
              description="Figures appear here as soon as radiologists release reports. Widen the period or clear the filters to see earlier reads."
              action={
                <Button variant="light" onClick={() => setFilters(defaultFilters())}>
                  Clear filters
                </Button>
              }
            />
          ) : (
            <Stack gap="md">
              <KpiFigures d={d} open={setDrill} />
              <Panels d={d} open={setDrill} />
            </Stack>
          )
        }
      </QueryState>
      <DrillDrawer filters={filters} drill={drill} onClose={() => setDrill(null)} />
    </>
  );
}
