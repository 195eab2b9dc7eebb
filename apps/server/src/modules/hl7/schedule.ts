import type { Hl7DateTime } from './fields';

/**
 * A scheduled date and time from an HL7 DTM on the clinic's wall clock: a value with a UTC
 * offset names an instant, shown in `timeZone`; one without is already the clinic's wall clock
 * (a front desk sends its own local time).
 */
export function scheduledInZone(
  dt: Hl7DateTime,
  timeZone: string,
): { date: string | null; time: string | null } {
  if (!dt.date || dt.offsetMinutes === null) return { date: dt.date, time: dt.time };
  const [h, mi] = (dt.time ?? '00:00').split(':').map(Number) as [number, number];
  const instant = Date.UTC(
    Number(dt.date.slice(0, 4)),
    Number(dt.date.slice(5, 7)) - 1,
    Number(dt.date.slice(8, 10)),
    h,
    mi - dt.offsetMinutes,
  );
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: dt.time ? `${parts.hour}:${parts.minute}` : null,
  };
}
