import type { ReportCard } from '@telerad/contracts';
import type { ChartOption } from './EChart';

/**
 * The funnel plot of abnormal rates: every reader in the period as a grey dot (unnamed), this
 * reader as a red square, the pooled rate and its 95 % and 99.8 % limits as lines over volume
 * (the limits the server placed the reader with, Spiegelhalter 2005).
 */
export function funnelOption(card: ReportCard): ChartOption | null {
  const p0 = card.abnormal.pooledRate;
  if (p0 === null || card.peers.length === 0) return null;
  const maxN = Math.max(...card.peers.map((p) => p.n), card.abnormal.n);
  const limit = (key: 'lower95' | 'upper95' | 'lower998' | 'upper998') =>
    card.funnel.map((f) => [f.n, f[key]]);
  const line = (name: string, data: number[][], type: 'dashed' | 'dotted' | 'solid') => ({
    name,
    type: 'line',
    data,
    symbol: 'none',
    silent: true,
    lineStyle: { type, color: '#888', width: 1 },
    itemStyle: { color: '#888' },
  });
  return {
    grid: { left: 48, right: 16, top: 32, bottom: 40 },
    legend: { top: 0, data: ['Other readers', 'This reader', '95 % limits', '99.8 % limits'] },
    tooltip: {
      trigger: 'item',
      formatter: (p: { value: number[] }) =>
        `${p.value[0]} reads · ${(p.value[1]! * 100).toFixed(1)} % abnormal`,
    },
    xAxis: {
      type: 'value',
      name: 'Reads',
      nameLocation: 'middle',
      nameGap: 26,
      min: 0,
      max: Math.max(2, Math.ceil(maxN * 1.08)),
      minInterval: 1,
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: (v: { max: number }) => Math.min(1, Math.max(0.1, Math.ceil(v.max * 13) / 10)),
      axisLabel: { formatter: (v: number) => `${Math.round(v * 100)} %` },
    },
    series: [
      line('99.8 % limits', limit('upper998'), 'dotted'),
      line('99.8 % limits', limit('lower998'), 'dotted'),
      line('95 % limits', limit('upper95'), 'dashed'),
      line('95 % limits', limit('lower95'), 'dashed'),
      line(
        'All readers',
        [
          [0, p0],
          [maxN, p0],
        ],
        'solid',
      ),
      {
        name: 'Other readers',
        type: 'scatter',
        symbolSize: 8,
        itemStyle: { color: '#9aa5b1' },
        data: card.peers.map((p) => [p.n, p.rate]),
      },
      {
        name: 'This reader',
        type: 'scatter',
        symbol: 'rect',
        symbolSize: 12,
        itemStyle: { color: '#c0392b' },
        data: card.abnormal.rate === null ? [] : [[card.abnormal.n, card.abnormal.rate]],
      },
    ],
  };
}
