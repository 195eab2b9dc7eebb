import { useComputedColorScheme } from '@mantine/core';
import { BarChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([
  BarChart,
  HeatmapChart,
  LineChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

/** The option of a chart (ECharts' own type). */
export type ChartOption = echarts.EChartsCoreOption;

/** What a click on a bar, cell or point names: its series and data index, and its data. */
export interface ChartClick {
  seriesIndex: number;
  dataIndex: number;
  data: unknown;
}

/**
 * One ECharts chart that fills its box, follows the colour scheme, resizes with its container and
 * reports clicks (every figure opens the studies behind it). `label` names it for screen readers.
 */
export function Chart({
  option,
  onClick,
  height = 260,
  label,
}: {
  option: ChartOption;
  onClick?: (c: ChartClick) => void;
  height?: number;
  label: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clicked = useRef(onClick);
  clicked.current = onClick;
  const scheme = useComputedColorScheme('light');

  useEffect(() => {
    const el = box.current!;
    const c = echarts.init(el, scheme === 'dark' ? 'dark' : undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) =>
      clicked.current?.({
        seriesIndex: p.seriesIndex ?? 0,
        dataIndex: p.dataIndex,
        data: p.data,
      }),
    );
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [scheme]);

  useEffect(() => {
    chart.current?.setOption({ backgroundColor: 'transparent', ...option }, true);
  }, [option, scheme]);

  return (
    <div
      ref={box}
      role="img"
      aria-label={label}
      style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined }}
    />
  );
}
