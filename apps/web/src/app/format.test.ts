import { describe, expect, it } from 'vitest';
import { dateFormat } from './format';

/** ICU's spacing (narrow and no-break spaces) differs between versions: compare plain spaces. */
const plain = (s: string) => s.replace(/\s/g, ' ');

describe('dateFormat', () => {
  const at = '2026-12-06T23:30:00Z';

  it('shows a moment in the clinic’s time zone and the reader’s language', () => {
    // 23:30 UTC is already the next morning in Manila (UTC+8).
    const fr = dateFormat({ locale: 'fr', timeZone: 'Asia/Manila' });
    expect(plain(fr.dateTime(at))).toBe('7 déc. 2026, 07:30');
    expect(plain(fr.date(at))).toBe('7 déc. 2026');
    const es = dateFormat({ locale: 'es', timeZone: 'America/Lima' });
    expect(plain(es.dateTime(at))).toBe('6 dic 2026, 18:30');
    const en = dateFormat({ locale: 'en', timeZone: 'UTC' });
    expect(plain(en.time(at))).toBe('11:30 PM');
  });

  it('says "today" by the clinic’s calendar, not the browser’s', () => {
    const manila = dateFormat({ locale: 'en', timeZone: 'Asia/Manila' });
    // At 00:30 UTC on the 7th it is 08:30 on the 7th in Manila: 23:30 UTC on the 6th is today.
    expect(plain(manila.recentDateTime(at, new Date('2026-12-07T00:30:00Z')))).toBe('7:30 AM');
    // At 15:00 UTC on the 6th it is 23:00 on the 6th in Manila: 07:30 on the 7th is tomorrow.
    expect(plain(manila.recentDateTime(at, new Date('2026-12-06T15:00:00Z')))).toBe(
      'Dec 7, 2026, 7:30 AM',
    );
  });

  it('shows a calendar date as that day wherever the clinic is', () => {
    expect(
      plain(dateFormat({ locale: 'fr', timeZone: 'America/Lima' }).calendarDate('20241208')),
    ).toBe('8 déc. 2024');
    expect(dateFormat({ locale: 'es' }).calendarDate('2024-12-08')).toBe('8 dic 2024');
    expect(dateFormat({ locale: 'es' }).calendarDate(null)).toBe('—');
  });

  it('says how long ago in the reader’s language', () => {
    const now = Date.parse('2026-12-06T12:00:00Z');
    expect(plain(dateFormat({ locale: 'fr' }).ago('2026-12-06T11:57:00Z', now))).toBe(
      'il y a 3 min',
    );
    expect(dateFormat({ locale: 'es' }).ago('2026-12-05T12:00:00Z', now)).toBe('ayer');
  });

  it('answers an em dash for nothing and the text itself for what is not a date', () => {
    const f = dateFormat({ locale: 'fr', timeZone: 'Europe/Paris' });
    expect(f.dateTime(null)).toBe('—');
    expect(f.date('not a date')).toBe('not a date');
  });

  it('falls back to the browser’s zone for an unknown one', () => {
    expect(dateFormat({ locale: 'en', timeZone: 'Mars/Olympus' }).date(at)).toMatch(/2026/);
  });
});
