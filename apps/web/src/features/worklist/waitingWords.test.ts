import { describe, expect, it } from 'vitest';
import { slaWords, waitingLine, zoneCity, type WaitingFacts } from './waitingWords';

/** Sunday 01:47 UTC: 09:47 in Manila, 04:47 in Nairobi. */
const NOW = Date.parse('2026-12-06T01:47:00Z');
const waiting: WaitingFacts = {
  state: 'waiting',
  // 13:00 in Manila the same Sunday.
  queuedAt: '2026-12-06T05:00:00Z',
  dueAt: '2026-12-06T06:00:00Z',
  centreName: 'Global Centre',
  centreTimeZone: 'Asia/Manila',
  slaMinutes: 60,
};

describe('zoneCity', () => {
  it('names the city of a zone', () => {
    expect(zoneCity('Asia/Manila')).toBe('Manila');
    expect(zoneCity('America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
    expect(zoneCity('UTC')).toBe('UTC');
  });
});

describe('waitingLine', () => {
  it("says when the centre opens, in the centre's time and the reader's", () => {
    expect(waitingLine(waiting, NOW, 'Europe/London')).toBe(
      'Centre opens 13:00 Manila (05:00 your time)',
    );
  });

  it("leaves out the reader's time when it is the centre's", () => {
    expect(waitingLine(waiting, NOW, 'Asia/Manila')).toBe('Centre opens 13:00 Manila');
  });

  it('names the day when the opening is not today', () => {
    const monday = { ...waiting, queuedAt: '2026-12-07T00:00:00Z' };
    expect(waitingLine(monday, NOW, 'Africa/Nairobi')).toBe(
      'Centre opens Mon 08:00 Manila (Mon 03:00 your time)',
    );
  });

  it('says what to do when no centre opens', () => {
    const none = {
      ...waiting,
      queuedAt: null,
      dueAt: null,
      centreName: null,
      centreTimeZone: null,
    };
    expect(waitingLine(none, NOW, 'UTC')).toMatch(/administrator must set service hours/);
  });

  it('is silent for a task that does not wait', () => {
    expect(waitingLine({ ...waiting, state: 'queued' }, NOW, 'UTC')).toBeNull();
  });
});

describe('slaWords', () => {
  it('gives a waiting task its target and start, never the hours to its due time', () => {
    const w = slaWords(waiting, NOW, 'Europe/London');
    expect(w.short).toBe('1h from 05:00');
    expect(w.explain).toContain('has not started');
    expect(w.explain).toContain('does not count');
    expect(`${w.short} ${w.explain}`).not.toMatch(/4h/);
  });

  it('says a running clock counts from the queue, not the wait', () => {
    const w = slaWords({ ...waiting, state: 'queued' }, NOW, 'Europe/London');
    expect(w.short).toBeNull();
    expect(w.explain).toBe(
      "The 1h target counts from 05:00 your time, when the study joined an open centre's queue; time it waited for a centre to open does not count.",
    );
  });

  it('falls back to the due and queue times for the target', () => {
    expect(slaWords({ ...waiting, slaMinutes: null }, NOW, 'UTC').short).toBe('1h from 05:00');
  });
});
