import { Box, useComputedColorScheme } from '@mantine/core';
import type { CapacityCell } from '@telerad/contracts';
import { HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));

/** The tooltip of one hour: what is expected, what is needed, what is rostered. */
function describe(c: CapacityCell, slaMinutes: number): string {
  const when = `${DAYS[c.day - 1]} ${HOURS[c.hour]}:00`;
  const lines = [
    `<b>${when}</b>${c.open ? '' : ' · closed'}`,
    `${c.arrivals.toFixed(1)} studies expected`,
    c.recommended === null
      ? 'No number of readers meets the target'
      : `${c.recommended} reader${c.recommended === 1 ? '' : 's'} needed`,
    `${c.actual} on the roster`,
  ];
  if (c.level !== null)
    lines.push(`${(c.level * 100).toFixed(1)} % read within ${slaMinutes} min with the roster`);
  if (c.atRisk) lines.push('<b style="color:#e03131">At risk</b>');
  return lines.join('<br/>');
}

/**
 * A week of one centre as a heatmap, hour across and weekday down, in the centre's own time:
 * each cell's colour is the readers needed, its label "needed / rostered", and the hours at risk
 * are outlined in red.
 */
export function CapacityHeatmap({
  cells,
  slaMinutes,
  label,
}: {
  cells: readonly CapacityCell[];
  slaMinutes: number;
  label: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const dark = useComputedColorScheme('light') === 'dark';
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, dark ? 'dark' : undefined, { renderer: 'canvas' });
    const max = Math.max(1, ...cells.map((c) => c.recommended ?? 0));
    chart.setOption({
      backgroundColor: 'transparent',
      animation: false,
      tooltip: {
        position: 'top',
        formatter: (p: { dataIndex: number }) => describe(cells[p.dataIndex]!, slaMinutes),
      },
      grid: { left: 44, right: 12, top: 8, bottom: 64 },
      xAxis: { type: 'category', data: HOURS, splitArea: { show: true }, name: 'Hour' },
      yAxis: { type: 'category', data: DAYS, inverse: true, splitArea: { show: true } },
      visualMap: {
        min: 0,
        max,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        text: ['more readers needed', 'none '],
        inRange: { color: ['#f1f3f5', '#a5d8ff', '#1c7ed6', '#0b3d91'] },
        dimension: 2,
      },
      series: [
        {
          name: 'Readers needed',
          type: 'heatmap',
          data: cells.map((c) => ({
            value: [c.hour, c.day - 1, c.recommended ?? max],
            label: {
              show: c.arrivals > 0 || c.actual > 0,
              formatter: `${c.recommended ?? '∞'}/${c.actual}`,
              fontSize: 10,
              color: (c.recommended ?? max) > max / 2 ? '#fff' : '#212529',
            },
            itemStyle: c.atRisk
              ? { borderColor: '#e03131', borderWidth: 2 }
              : c.open
                ? { borderColor: '#ffffff', borderWidth: 1 }
                : { borderColor: '#ffffff', borderWidth: 1, opacity: 0.45 },
          })),
          emphasis: { itemStyle: { shadowBlur: 6, shadowColor: 'rgba(0,0,0,0.3)' } },
        },
      ],
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [cells, slaMinutes, dark]);
  return <Box ref={ref} h={340} w="100%" role="img" aria-label={label} />;
}
