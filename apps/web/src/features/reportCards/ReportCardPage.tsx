import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconArrowLeft, IconFileTypePdf } from '@tabler/icons-react';
import { RADPEER_LABELS, RADPEER_SCORES, type ReportCard } from '@telerad/contracts';
import { useMemo, useRef } from 'react';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../app/components/PageHeader';
import { QueryState } from '../../app/components/QueryState';
import { useCan } from '../../app/useCan';
import { scoreColor } from '../peerReview/radpeer';
import { reportCardPdfUrl, useReportCard } from './api';
import { EChart, type ChartOption } from './EChart';
import { funnelOption } from './funnelChart';
import { minutes, pct, PositionBadge } from './figures';
import { PeriodPicker, usePeriod } from './period';

const COLOURS: Record<string, string> = { teal: '#12b886', yellow: '#f0b400', red: '#e03131' };

/** One figure with its label and a line of context. */
function Figure({ label, value, hint }: { label: string; value: string; hint?: React.ReactNode }) {
  return (
    <Paper withBorder p="xs" radius="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} data-figure={label}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed" component="div">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

function weeklyOption(card: ReportCard): ChartOption {
  return {
    grid: { left: 36, right: 12, top: 12, bottom: 28 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: card.weekly.map((w) => w.week.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: 'Reads',
        type: 'bar',
        data: card.weekly.map((w) => w.reads),
        itemStyle: { color: '#4a78b5' },
      },
    ],
  };
}

function radpeerOption(card: ReportCard): ChartOption {
  return {
    grid: { left: 36, right: 12, top: 12, bottom: 28 },
    tooltip: {
      trigger: 'item',
      formatter: (p: { name: string; value: number }) =>
        `${RADPEER_LABELS[p.name as '1']}: ${p.value}`,
    },
    xAxis: { type: 'category', data: RADPEER_SCORES.map((s) => s) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        data: RADPEER_SCORES.map((s) => ({
          value: card.peerReview.distribution[s],
          name: s,
          itemStyle: { color: COLOURS[scoreColor(s)] },
        })),
      },
    ],
  };
}

/** A chart in its frame, with its title. */
function ChartPaper({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="sm" radius="sm">
      <Text size="sm" fw={600} mb={4}>
        {title}
      </Text>
      {children}
    </Paper>
  );
}

function CardBody({ card }: { card: ReportCard }) {
  const weekly = useMemo(() => weeklyOption(card), [card]);
  const radpeer = useMemo(() => radpeerOption(card), [card]);
  const funnel = useMemo(() => funnelOption(card), [card]);
  const t = card.turnaround;
  const pr = card.peerReview;
  if (card.volume === 0 && pr.scored === 0 && card.qc.reread === 0)
    return (
      <Paper withBorder p="lg" radius="sm">
        <Text fw={600}>No reads in this period</Text>
        <Text size="sm" c="dimmed">
          {card.reader.name} signed no read that reached a clinic between {card.period.from} and{' '}
          {card.period.to}, none of their reads was peer reviewed and they re-read no clinic read.
          Pick a longer period above.
        </Text>
      </Paper>
    );
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
        <Figure label="Reads" value={String(card.volume)} hint="signed and sent to the clinic" />
        <Figure
          label="Turnaround median"
          value={minutes(t.median)}
          hint={`90th percentile ${minutes(t.p90)}`}
        />
        <Figure
          label="In service hours"
          value={minutes(t.serviceMedian)}
          hint={`median · 90th percentile ${minutes(t.serviceP90)}`}
        />
        <Figure
          label={`Within ${t.targetMinutes} minutes`}
          value={pct(t.withinTarget)}
          hint="of reads with a recorded turnaround"
        />
        <Figure
          label="Peer reviewed"
          value={String(pr.scored)}
          hint={`discrepancy ${pct(pr.discrepancyRate)} · significant ${pct(pr.significantRate)}`}
        />
        <Figure
          label="Consultation rate"
          value={pct(card.consultation.rate)}
          hint={
            <>
              all readers {pct(card.consultation.pooledRate)}{' '}
              <PositionBadge position={card.consultation.position} />
            </>
          }
        />
        <Figure
          label="Abnormal rate"
          value={pct(card.abnormal.rate)}
          hint={
            <>
              all readers {pct(card.abnormal.pooledRate)}{' '}
              <PositionBadge position={card.abnormal.position} />
            </>
          }
        />
        <Figure
          label="QC discordance"
          value={pct(card.qc.discordanceRate)}
          hint={`${card.qc.reread} clinic reads re-read · ${card.qc.major} major · all re-readers ${pct(card.qc.pooledDiscordanceRate)}`}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <ChartPaper title="Reads per week">
          <EChart option={weekly} height={200} label="Reads per week" />
        </ChartPaper>
        <ChartPaper title="Peer-review scores (RADPEER)">
          {pr.scored ? (
            <EChart option={radpeer} height={200} label="RADPEER score distribution" />
          ) : (
            <Text size="sm" c="dimmed">
              None of these reads was peer reviewed in the period.
            </Text>
          )}
        </ChartPaper>
      </SimpleGrid>
      {funnel && (
        <ChartPaper title="Abnormal rate against all readers (funnel plot)">
          <EChart option={funnel} height={300} label="Funnel plot of abnormal rates" />
          <Text size="xs" c="dimmed">
            Each grey dot is another reader in the period (unnamed). Outside the dotted 99.8 %
            limits is worth a look; between the dashed 95 % and the dotted lines, worth watching.
          </Text>
        </ChartPaper>
      )}
    </Stack>
  );
}

/**
 * One reader's report card over a period, for the periodic review: their figures, the weekly
 * volume, RADPEER scores and the funnel plot of abnormal rates, and the PDF (Alt+D). A
 * radiologist reaches only their own; QA comes from the list.
 */
export function ReportCardPage() {
  const { readerId = '' } = useParams();
  const all = useCan('reportCards:all');
  const [period, setPeriod] = usePeriod();
  const card = useReportCard(readerId, period);
  const pdf = useRef<HTMLAnchorElement>(null);
  useHotkeys([['alt+D', () => pdf.current?.click()]]);
  const qs = `?from=${period.from}&to=${period.to}`;
  return (
    <>
      {all && (
        <Anchor component={Link} to={`/report-cards${qs}`} size="sm">
          <Group gap={4} component="span">
            <IconArrowLeft size={14} /> All report cards
          </Group>
        </Anchor>
      )}
      <PageHeader
        title={card.data ? `Report card — ${card.data.reader.name}` : 'Report card'}
        description="Reads, turnaround, peer-review scores and rates against all readers over the period. Only the reader, QA, consultants and administrators see it."
        actions={
          <>
            <PeriodPicker period={period} onChange={setPeriod} />
            <Button
              component="a"
              ref={pdf}
              href={reportCardPdfUrl(readerId, period)}
              download
              size="xs"
              leftSection={<IconFileTypePdf size={16} />}
              title="Download the card as PDF (Alt+D)"
            >
              Download PDF
            </Button>
          </>
        }
      />
      <QueryState query={card}>{(c) => <CardBody card={c} />}</QueryState>
    </>
  );
}
