import { DEMO_CENTRES } from '../demo';
import type { ServiceSchedule } from './serviceHours';

/** Test data for the service-hours tests: instants, schedules and the demo centres. */
export const t = (iso: string) => new Date(iso);
export const iso = (d: Date | null) => d?.toISOString() ?? null;
export const everyDay = (open: string, close: string) =>
  [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, open, close }));
export const schedule = (
  timeZone: string,
  weeklyHours: ServiceSchedule['weeklyHours'],
  exceptions: ServiceSchedule['exceptions'] = [],
): ServiceSchedule => ({ timeZone, weeklyHours, exceptions });
export const closedOn = (date: string) => ({ date, label: 'Holiday', closed: true, intervals: [] });
export const hoursOn = (date: string, open: string, close: string) => ({
  date,
  label: 'Special hours',
  closed: false,
  intervals: [{ open, close }],
});

// Demo centres (data, not copies): Manila UTC+8 and Nairobi UTC+3, neither with DST.
export const [globalDemo, regionalDemo] = DEMO_CENTRES.map((c) =>
  schedule(
    c.timeZone,
    c.weeklyHours ?? [],
    (c.exceptions ?? []).map((e) => ({ ...e, intervals: e.intervals ?? [] })),
  ),
) as [ServiceSchedule, ServiceSchedule];
