import type { NetworkClinic } from '@telerad/contracts';
import { describe, expect, it } from 'vitest';
import { ago, linkState, weekText } from './words';

const clinic = (over: Partial<NetworkClinic>): NetworkClinic => ({
  id: '00000000-0000-4000-8000-000000000001',
  code: 'C1',
  name: 'Clinic',
  country: 'PH',
  status: 'live',
  timeZone: 'Asia/Manila',
  working: true,
  lastReceivedAt: '2026-03-02T01:00:00Z',
  lastByDoor: [],
  gateway: null,
  transferLagSeconds: null,
  errorsLastHour: 0,
  alerts: [],
  ...over,
});

describe('the network monitor’s words', () => {
  it('puts an open alert first, then a clinic never heard from, then its hours', () => {
    expect(linkState(clinic({ alerts: [{ kind: 'silent', raisedAt: '', detail: '' }] }))).toBe(
      'alert',
    );
    expect(linkState(clinic({ lastReceivedAt: null }))).toBe('never');
    expect(linkState(clinic({ working: false }))).toBe('closed');
    expect(linkState(clinic({}))).toBe('ok');
  });

  it('joins consecutive days with the same hours', () => {
    const days = (list: number[], open = '07:00', close = '19:00') =>
      list.map((day) => ({ day, open, close }));
    expect(weekText({ weeklyHours: days([1, 2, 3, 4, 5, 6]) })).toBe('Mon–Sat 07:00–19:00');
    expect(weekText({ weeklyHours: [...days([1, 2, 3]), ...days([5], '08:00', '12:00')] })).toBe(
      'Mon–Wed 07:00–19:00, Fri 08:00–12:00',
    );
  });

  it('says how long ago in the unit support reads at a glance', () => {
    const now = Date.parse('2026-03-02T12:00:00Z');
    expect(ago(null, now)).toBe('never');
    expect(ago('2026-03-02T11:59:30Z', now)).toBe('just now');
    expect(ago('2026-03-02T11:15:00Z', now)).toBe('45 min ago');
    expect(ago('2026-03-02T06:00:00Z', now)).toBe('6 h ago');
    expect(ago('2026-02-20T12:00:00Z', now)).toBe('10 d ago');
  });
});
