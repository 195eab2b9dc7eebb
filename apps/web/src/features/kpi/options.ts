import type { KpiDashboard, KpiUnit } from '@telerad/contracts';
import type { ChartOption } from './Chart';

/** ISO weekdays 1 … 7 as the heatmap's rows. */
export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

const grid = { left: 48, right: 16, top: 32, bottom: 40, containLabel: true };
const pct = (v: number) => `${Math.round(v * 1000) / 10} %`;

/** A histogram bar's label: "10–15" (over 10, up to 15 minutes), "> 1440". */
export const binLabel = (b: KpiDashboard['turnaround']['histogram'][number]) =>
  b.toMinutes === null ? `> ${b.fromMinutes}` : `${b.fromMinutes}–${b.toMinutes}`;

/** Turnaround histogram: raw and in service hours side by side. */
export function histogramOption(d: KpiDashboard): ChartOption {
  const bins = d.turnaround.histogram;
  return {
    grid,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    xAxis: {
      type: 'category',
      data: bins.map(binLabel),
      name: 'minutes',
      nameLocation: 'middle',
      nameGap: 28,
    },
    yAxis: { type: 'value', name: 'reads', minInterval: 1 },
    series: [
      { name: 'Wall clock', type: 'bar', data: bins.map((b) => b.raw) },
      { name: 'Service hours', type: 'bar', data: bins.map((b) => b.service) },
    ],
  };
}

/** Mean turnaround by the hour and weekday reads arrived (the centre's time). */
export function heatmapOption(d: KpiDashboard): ChartOption {
  const cells = d.turnaround.heatmap;
  const max = Math.max(1, ...cells.map((c) => c.meanMinutes ?? 0));
  return {
    grid: { ...grid, left: 40, bottom: 70 },
    tooltip: {
      formatter: (p: { data: [number, number, number | null, number] }) =>
        `${WEEKDAYS[p.data[1]]} ${p.data[0]}:00 — ${p.data[3]} reads, mean ${p.data[2] ?? '–'} min`,
    },
    xAxis: {
      type: 'category',
      data: Array.from({ length: 24 }, (_, h) => String(h)),
      splitArea: { show: true },
    },
    yAxis: { type: 'category', data: WEEKDAYS, inverse: true, splitArea: { show: true } },
    visualMap: {
      min: 0,
      max: Math.ceil(max),
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      text: ['slower', 'faster'],
      inRange: { color: ['#e6f4ea', '#fcd581', '#e8590c'] },
    },
    series: [
      {
        name: 'Mean turnaround',
        type: 'heatmap',
        data: cells.map((c) => [
          c.hour,
          c.weekday - 1,
          c.meanMinutes === null ? null : Math.round(c.meanMinutes),
          c.reads,
        ]),
        label: { show: false },
      },
    ],
  };
}

/** Reads per day. */
export function perDayOption(d: KpiDashboard): ChartOption {
  return {
    grid,
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: d.volumes.perDay.map((v) => v.day.slice(5)) },
    yAxis: { type: 'value', name: 'reads', minInterval: 1 },
    series: [{ name: 'Reads', type: 'bar', data: d.volumes.perDay.map((v) => v.reads) }],
  };
}

/** Reads per clinic or radiologist, largest first, as horizontal bars. */
export function unitsOption(units: readonly KpiUnit[]): ChartOption {
  const top = units.slice(0, 15).reverse();
  return {
    grid: { ...grid, left: 8 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      data: top.map((u) => u.name),
      axisLabel: { width: 120, overflow: 'truncate' },
    },
    series: [{ name: 'Reads', type: 'bar', data: top.map((u) => ({ value: u.reads, id: u.id })) }],
  };
}

const ZONE_COLOURS: Record<KpiUnit['abnormalZone'], string> = {
  within: '#2f9e44',
  above95: '#f59f00',
  below95: '#f59f00',
  above998: '#e03131',
  below998: '#e03131',
};

/**
 * The funnel plot: each clinic or radiologist at its volume and rate, against the 95 % and
 * 99.8 % limits around the overall rate. A point outside the outer limits is an outlier.
 */
export function funnelOption(
  units: readonly KpiUnit[],
  funnel: KpiDashboard['findings']['abnormalFunnel'],
  rate: number | null,
  finding: 'abnormal' | 'tb',
): ChartOption {
  const count = (u: KpiUnit) => (finding === 'abnormal' ? u.abnormal : u.tbSuggestive);
  const zone = (u: KpiUnit) => (finding === 'abnormal' ? u.abnormalZone : u.tbZone);
  const line = (
    name: string,
    key: 'lower95' | 'upper95' | 'lower998' | 'upper998',
    dashed: boolean,
  ) => ({
    name,
    type: 'line',
    showSymbol: false,
    silent: true,
    lineStyle: {
      type: dashed ? 'dashed' : 'solid',
      width: 1,
      color: dashed ? '#868e96' : '#495057',
    },
    data: funnel.map((p) => [p.n, p[key]]),
  });
  return {
    grid,
    tooltip: {
      formatter: (p: { seriesName: string; data: { name?: string; value: [number, number] } }) =>
        p.data.name
          ? `${p.data.name}: ${pct(p.data.value[1])} of ${p.data.value[0]} reads`
          : p.seriesName,
    },
    legend: { top: 0, data: ['95 % limits', '99.8 % limits'] },
    xAxis: { type: 'value', name: 'reads', nameLocation: 'middle', nameGap: 28, minInterval: 1 },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => pct(v) } },
    series: [
      {
        name: finding === 'abnormal' ? 'Abnormal rate' : 'TB-suggestive rate',
        type: 'scatter',
        symbolSize: 12,
        data: units
          .filter((u) => u.reads > 0)
          .map((u) => ({
            name: u.name,
            id: u.id,
            value: [u.reads, count(u) / u.reads],
            itemStyle: { color: ZONE_COLOURS[zone(u)] },
          })),
        markLine:
          rate === null
            ? undefined
            : {
                silent: true,
                symbol: 'none',
                data: [{ yAxis: rate, name: 'overall' }],
                label: { formatter: pct(rate) },
              },
      },
      line('95 % limits', 'lower95', true),
      { ...line('95 % limits', 'upper95', true) },
      line('99.8 % limits', 'lower998', false),
      { ...line('99.8 % limits', 'upper998', false) },
    ],
  };
}

/** A simple bar chart of labelled counts (retake reasons, RADPEER scores, incident severities). */
export function countsOption(
  labels: string[],
  values: number[],
  name: string,
  colours?: string[],
): ChartOption {
  return {
    grid,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'category',
      data: labels,
      axisLabel: { interval: 0, rotate: labels.length > 6 ? 30 : 0 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name,
        type: 'bar',
        data: values.map((v, i) => (colours ? { value: v, itemStyle: { color: colours[i] } } : v)),
      },
    ],
  };
}

/** QC per week: Cohen's kappa as a line (left axis), discordant re-reads as bars (right axis). */
export function qcOption(d: KpiDashboard): ChartOption {
  return {
    grid: { ...grid, right: 40 },
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    xAxis: { type: 'category', data: d.qc.map((w) => w.week.slice(5)) },
    yAxis: [
      { type: 'value', name: 'kappa', min: -1, max: 1 },
      { type: 'value', name: 're-reads', minInterval: 1 },
    ],
    series: [
      {
        name: "Cohen's kappa",
        type: 'line',
        data: d.qc.map((w) => (w.kappa === null ? null : Math.round(w.kappa * 100) / 100)),
      },
      { name: 'Discordant', type: 'bar', yAxisIndex: 1, data: d.qc.map((w) => w.discordant) },
      { name: 'Major', type: 'bar', yAxisIndex: 1, data: d.qc.map((w) => w.major) },
    ],
  };
}
