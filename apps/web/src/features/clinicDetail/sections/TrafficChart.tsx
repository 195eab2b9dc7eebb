import { INGEST_DOORS, type TrafficDay } from '@telerad/contracts';
import { useMemo } from 'react';
import { EChart } from '../../reportCards/EChart';
import { doorLabel } from '../LastImageText';

/** One colour per door, the same on every clinic's chart. */
const DOOR_COLOURS: Record<string, string> = {
  dimse: '#1c7ed6',
  stow: '#7048e8',
  upload: '#f08c00',
  gateway: '#2f9e44',
};

/** Day labels as support reads them: "Mon 30/11". */
function dayLabel(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  return d.toLocaleDateString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'numeric',
    timeZone: 'UTC',
  });
}

/**
 * Studies received per day of the clinic's calendar, stacked by door. Its own chunk: ECharts
 * loads after the clinic's header, so the header shows first on a slow link.
 */
export default function TrafficChart({ days }: { days: TrafficDay[] }) {
  const option = useMemo(() => {
    const seen = new Set(days.flatMap((d) => Object.keys(d.counts)));
    const doors = [
      ...INGEST_DOORS.filter((d) => seen.has(d)),
      ...[...seen].filter((d) => !(INGEST_DOORS as readonly string[]).includes(d)),
    ];
    return {
      animation: false,
      grid: { left: 36, right: 12, top: 36, bottom: 28 },
      legend: { top: 0, data: doors.map(doorLabel) },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: days.map((d) => dayLabel(d.day)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: doors.map((door) => ({
        name: doorLabel(door),
        type: 'bar',
        stack: 'studies',
        itemStyle: { color: DOOR_COLOURS[door] ?? '#868e96' },
        data: days.map((d) => d.counts[door] ?? 0),
      })),
    };
  }, [days]);
  return (
    <EChart
      option={option}
      height={240}
      label="Studies received per day over the last 14 days, by door"
    />
  );
}
