import { Anchor, Paper, Table, Text } from '@mantine/core';
import { IconReportAnalytics } from '@tabler/icons-react';
import type { ReportCardList } from '@telerad/contracts';
import { useMemo } from 'react';
import { Link, Navigate } from 'react-router';
import { columnPriority, DenseTable } from '../../app/components/DenseTable';
import { EmptyTableState } from '../../app/components/EmptyTableState';
import { PageHeader } from '../../app/components/PageHeader';
import { QueryState } from '../../app/components/QueryState';
import { useCan } from '../../app/useCan';
import { useMe } from '../auth/session';
import { useReportCards } from './api';
import { EChart, type ChartOption } from './EChart';
import { minutes, pct, PositionBadge } from './figures';
import { PeriodPicker, usePeriod } from './period';

/** Reads per reader as bars, abnormal rate as dots against the pooled rate. */
function readersChart(list: ReportCardList): ChartOption {
  const rows = list.items.filter((i) => i.volume > 0);
  return {
    grid: { left: 48, right: 48, top: 32, bottom: 56 },
    legend: { top: 0, data: ['Reads', 'Abnormal rate'] },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'category',
      data: rows.map((r) => r.reader.name),
      axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 },
    },
    yAxis: [
      { type: 'value', name: 'Reads', minInterval: 1 },
      {
        type: 'value',
        name: 'Abnormal',
        axisLabel: { formatter: (v: number) => `${Math.round(v * 100)} %` },
        splitLine: { show: false },
      },
    ],
    series: [
      {
        name: 'Reads',
        type: 'bar',
        barMaxWidth: 56,
        data: rows.map((r) => r.volume),
        itemStyle: { color: '#4a78b5' },
      },
      {
        name: 'Abnormal rate',
        type: 'line',
        yAxisIndex: 1,
        symbolSize: 9,
        lineStyle: { opacity: 0 },
        itemStyle: { color: '#c0392b' },
        data: rows.map((r) => r.abnormalRate),
        markLine:
          list.pooledAbnormalRate === null
            ? undefined
            : {
                symbol: 'none',
                label: { formatter: 'All readers', position: 'insideEndTop' },
                lineStyle: { type: 'dashed', color: '#888' },
                data: [{ yAxis: list.pooledAbnormalRate }],
              },
      },
    ],
  };
}

/**
 * QA's list of every reader's report card over a period: reads, turnaround, peer-review and
 * consultation figures and the abnormal rate against all readers, each opening the card. A
 * radiologist, who sees only their own card, goes straight to it.
 */
export function ReportCardsPage() {
  const all = useCan('reportCards:all');
  const me = useMe();
  const [period, setPeriod] = usePeriod();
  const cards = useReportCards(period, all);
  const chart = useMemo(() => (cards.data ? readersChart(cards.data) : null), [cards.data]);
  const qs = `?from=${period.from}&to=${period.to}`;
  if (!all) return <Navigate to={`/report-cards/${me.id}${qs}`} replace />;
  return (
    <>
      <PageHeader
        title="Report cards"
        description="Each reader’s reads, turnaround, peer-review scores and rates against all readers over the period. Open a reader for their card and its PDF."
        actions={<PeriodPicker period={period} onChange={setPeriod} />}
      />
      <QueryState query={cards}>
        {(list) =>
          list.items.every((i) => i.volume === 0) ? (
            <EmptyTableState
              icon={<IconReportAnalytics size={32} />}
              title="No reads in this period"
              description="No radiologist signed and released a read between these dates. Pick a longer period, or check the worklist is being read."
            />
          ) : (
            <>
              <Paper withBorder p="sm" mb="md" radius="sm">
                <Text size="sm" fw={600} mb={4}>
                  Reads and abnormal rate per reader
                  {list.pooledAbnormalRate !== null &&
                    ` · all readers ${pct(list.pooledAbnormalRate)} abnormal`}
                </Text>
                {chart && (
                  <EChart option={chart} height={240} label="Reads and abnormal rate per reader" />
                )}
              </Paper>
              <DenseTable label="Report cards">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Reader</Table.Th>
                    <Table.Th>Reads</Table.Th>
                    <Table.Th>Turnaround median</Table.Th>
                    <Table.Th {...columnPriority(3)}>90th percentile</Table.Th>
                    <Table.Th {...columnPriority(2)}>Scored</Table.Th>
                    <Table.Th>Discrepancy rate</Table.Th>
                    <Table.Th {...columnPriority(2)}>Consultation rate</Table.Th>
                    <Table.Th>Abnormal rate</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.items.map((r) => (
                    <Table.Tr key={r.reader.id} data-reader-id={r.reader.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/report-cards/${r.reader.id}${qs}`} size="sm">
                          {r.reader.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{r.volume}</Table.Td>
                      <Table.Td>{minutes(r.turnaroundMedian)}</Table.Td>
                      <Table.Td>{minutes(r.turnaroundP90)}</Table.Td>
                      <Table.Td>{r.scored}</Table.Td>
                      <Table.Td>{pct(r.discrepancyRate)}</Table.Td>
                      <Table.Td>{pct(r.consultationRate)}</Table.Td>
                      <Table.Td>
                        {pct(r.abnormalRate)} <PositionBadge position={r.abnormalPosition} />
                      </Table.Td>
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
