import { Button, Group, TextInput } from '@mantine/core';
import type { ReportCardPeriod } from '@telerad/contracts';
import { useSearchParams } from 'react-router';

const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The last `days` days up to today (UTC), as the server counts whole days. */
export function lastDays(days: number, now = new Date()): ReportCardPeriod {
  return { from: isoDay(new Date(now.getTime() - (days - 1) * DAY)), to: isoDay(now) };
}

const PRESETS = [
  { days: 30, label: 'Last 30 days' },
  { days: 90, label: 'Last 90 days' },
  { days: 365, label: 'Last 12 months' },
];

/**
 * The period in the page's address (`?from=&to=`), so a card opened from the list, a reload or
 * a shared link keeps it; the last 90 days when none is given.
 */
export function usePeriod(): [ReportCardPeriod, (p: ReportCardPeriod) => void] {
  const [params, setParams] = useSearchParams();
  const fallback = lastDays(90);
  const period = { from: params.get('from') ?? fallback.from, to: params.get('to') ?? fallback.to };
  return [period, (p) => setParams({ from: p.from, to: p.to }, { replace: true })];
}

/** The period's start and end dates and the usual review periods as one click each. */
export function PeriodPicker({
  period,
  onChange,
}: {
  period: ReportCardPeriod;
  onChange: (p: ReportCardPeriod) => void;
}) {
  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <TextInput
        type="date"
        label="From"
        size="xs"
        value={period.from}
        max={period.to}
        onChange={(e) =>
          e.currentTarget.value && onChange({ ...period, from: e.currentTarget.value })
        }
      />
      <TextInput
        type="date"
        label="To"
        size="xs"
        value={period.to}
        min={period.from}
        onChange={(e) =>
          e.currentTarget.value && onChange({ ...period, to: e.currentTarget.value })
        }
      />
      {PRESETS.map((p) => {
        const preset = lastDays(p.days);
        const active = preset.from === period.from && preset.to === period.to;
        return (
          <Button
            key={p.days}
            size="xs"
            variant={active ? 'filled' : 'default'}
            onClick={() => onChange(preset)}
          >
            {p.label}
          </Button>
        );
      })}
    </Group>
  );
}
