import type { HistoryBucket } from '@telerad/contracts';
import { useMemo } from 'react';
import { EChart, type ChartOption } from '../reportCards/EChart';

/**
 * A clinic's week hour by hour: images received and refusals as bars, and its gateway's queue
 * as a line when it reports one.
 */
export function HistoryChart({ buckets }: { buckets: HistoryBucket[] }) {
  const option = useMemo<ChartOption>(() => {
    const hasGateway = buckets.some((b) => b.queueDepth !== null);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: hasGateway ? 40 : 16, top: 32, bottom: 28 },
      xAxis: {
        type: 'time',
      },
      yAxis: [
        { type: 'value', name: 'per hour', minInterval: 1 },
        ...(hasGateway ? [{ type: 'value', name: 'queue', minInterval: 1 }] : []),
      ],
      series: [
        {
          name: 'Images',
          type: 'bar',
          stack: 'arrivals',
          barMinWidth: 3,
          itemStyle: { color: '#1c7ed6' },
          data: buckets.map((b) => [b.at, b.images]),
        },
        {
          name: 'Refusals',
          type: 'bar',
          stack: 'arrivals',
          barMinWidth: 3,
          itemStyle: { color: '#e03131' },
          data: buckets.map((b) => [b.at, b.refusals]),
        },
        ...(hasGateway
          ? [
              {
                name: 'Gateway queue',
                type: 'line',
                yAxisIndex: 1,
                showSymbol: false,
                itemStyle: { color: '#f59f00' },
                data: buckets.map((b) => [b.at, b.queueDepth]),
              },
            ]
          : []),
      ],
    };
  }, [buckets]);
  return <EChart option={option} height={220} label="Images and refusals per hour, last 7 days" />;
}
