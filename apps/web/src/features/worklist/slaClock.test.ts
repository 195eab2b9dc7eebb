import { describe, expect, it } from 'vitest';
import {
  clockOffset,
  formatCountdown,
  formatMinutes,
  slaClock,
  slaColor,
  slaLevel,
} from './slaClock';

const MIN = 60_000;

describe('formatCountdown', () => {
  it('shows mm:ss with zero padding', () => {
    expect(formatCountdown(65_000)).toBe('01:05');
    expect(formatCountdown(59 * MIN + 59_000)).toBe('59:59');
    expect(formatCountdown(75 * MIN)).toBe('75:00');
  });

  it('truncates to whole seconds and never shows a negative zero', () => {
    expect(formatCountdown(999)).toBe('00:00');
    expect(formatCountdown(0)).toBe('00:00');
    expect(formatCountdown(-400)).toBe('00:00');
  });

  it('marks overdue time with a minus sign', () => {
    expect(formatCountdown(-(5 * MIN + 12_000))).toBe('\u221205:12');
    expect(formatCountdown(-1000)).toBe('\u221200:01');
  });

  it('switches to hours for long spans', () => {
    expect(formatCountdown(100 * MIN)).toBe('1h 40m');
    expect(formatCountdown(26 * 60 * MIN + 5 * MIN)).toBe('26h 05m');
    expect(formatCountdown(-(3 * 60 * MIN))).toBe('\u22123h 00m');
    expect(formatCountdown(120 * 60 * MIN)).toBe('120h');
  });
});

describe('slaLevel', () => {
  it('is overdue past the due time', () => {
    expect(slaLevel(-1, 60 * MIN)).toBe('overdue');
  });

  it('warns under 15 minutes whatever the window', () => {
    expect(slaLevel(15 * MIN - 1, 60 * MIN)).toBe('warn');
    expect(slaLevel(15 * MIN, 60 * MIN)).toBe('ok');
    expect(slaLevel(14 * MIN, null)).toBe('warn');
  });

  it('warns under a quarter of the window left', () => {
    // 4 h window: under 60 min left is the last quarter.
    expect(slaLevel(59 * MIN, 240 * MIN)).toBe('warn');
    expect(slaLevel(61 * MIN, 240 * MIN)).toBe('ok');
  });

  it('ignores a missing or empty window', () => {
    expect(slaLevel(20 * MIN, null)).toBe('ok');
    expect(slaLevel(20 * MIN, 0)).toBe('ok');
  });
});

describe('slaClock', () => {
  const queuedAt = '2026-03-01T10:00:00.000Z';
  const dueAt = '2026-03-01T11:00:00.000Z';
  const at = (iso: string) => Date.parse(iso);

  it('counts down to dueAt from the SLA start', () => {
    expect(slaClock({ dueAt, queuedAt, arrivedAt: queuedAt }, at('2026-03-01T10:30:00Z'))).toEqual({
      msLeft: 30 * MIN,
      level: 'ok',
      text: '30:00',
    });
  });

  it('turns amber, then red', () => {
    const task = { dueAt, queuedAt, arrivedAt: queuedAt };
    expect(slaClock(task, at('2026-03-01T10:50:00Z'))?.level).toBe('warn');
    const late = slaClock(task, at('2026-03-01T11:05:12Z'));
    expect(late?.level).toBe('overdue');
    expect(late?.text).toBe('\u221205:12');
  });

  it('falls back to the arrival time when not queued yet', () => {
    const task = {
      dueAt: '2026-03-01T14:00:00Z',
      queuedAt: null,
      arrivedAt: '2026-03-01T10:00:00Z',
    };
    // 4 h window, 50 min left: under 25 %.
    expect(slaClock(task, at('2026-03-01T13:10:00Z'))?.level).toBe('warn');
  });

  it('is null without a due time', () => {
    expect(slaClock({ dueAt: null, queuedAt: null, arrivedAt: queuedAt }, 0)).toBeNull();
  });
});

describe('clockOffset and slaColor', () => {
  it('measures how far the server clock is ahead', () => {
    expect(clockOffset('2026-03-01T10:00:05.000Z', Date.parse('2026-03-01T10:00:00Z'))).toBe(5000);
    expect(clockOffset('not a date', 123)).toBe(0);
  });

  it('maps levels to colours', () => {
    expect(slaColor('ok')).toBeUndefined();
    expect(slaColor('warn')).toBe('yellow');
    expect(slaColor('overdue')).toBe('red');
  });
});

describe('formatMinutes', () => {
  it('reads minutes, hours and days', () => {
    expect(formatMinutes(0)).toBe('0m');
    expect(formatMinutes(44.6)).toBe('45m');
    expect(formatMinutes(60)).toBe('1h');
    expect(formatMinutes(585)).toBe('9h 45m');
    expect(formatMinutes(48 * 60 + 180)).toBe('2d 3h');
    expect(formatMinutes(72 * 60)).toBe('3d');
    expect(formatMinutes(-5)).toBe('0m');
  });
});
