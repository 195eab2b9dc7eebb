import { DEFAULT_MONITOR_SETTINGS, DEFAULT_WORKING_HOURS } from '@telerad/contracts';
import { describe, expect, it } from 'vitest';
import { evaluateRules, type ClinicSignals } from './alerts';

const now = new Date('2026-03-02T02:00:00Z'); // Monday 10:00 in Manila
const base: ClinicSignals = {
  timeZone: 'Asia/Manila',
  hours: DEFAULT_WORKING_HOURS,
  lastImageAt: new Date('2026-03-02T01:55:00Z'),
  gateway: null,
};
const gateway = (over: Partial<NonNullable<ClinicSignals['gateway']>>) => ({
  clinicId: 'c1',
  lastHeartbeatAt: new Date('2026-03-02T01:59:00Z'),
  queueDepth: 0,
  queueBytes: 0,
  oldestItemAt: null,
  linkKbps: 512,
  errorsLastHour: 0,
  ...over,
});

describe('the network alert rules', () => {
  it('raise nothing for a clinic that sends', () => {
    expect(evaluateRules(base, DEFAULT_MONITOR_SETTINGS, now)).toEqual({});
  });

  it('take a heartbeat as a sign of life when images are quiet', () => {
    const quiet = { ...base, lastImageAt: new Date('2026-03-02T00:00:00Z') };
    expect(evaluateRules(quiet, DEFAULT_MONITOR_SETTINGS, now).silent).toBeDefined();
    expect(
      evaluateRules({ ...quiet, gateway: gateway({}) }, DEFAULT_MONITOR_SETTINGS, now).silent,
    ).toBeUndefined();
  });

  it('leave a clinic never heard from alone (it is onboarding)', () => {
    expect(evaluateRules({ ...base, lastImageAt: null }, DEFAULT_MONITOR_SETTINGS, now)).toEqual(
      {},
    );
  });

  it('raise a growing queue on depth, or on the age of its oldest item', () => {
    const deep = evaluateRules(
      { ...base, gateway: gateway({ queueDepth: 201 }) },
      DEFAULT_MONITOR_SETTINGS,
      now,
    );
    expect(deep.queue?.detail).toBe("201 images wait in the gateway's queue (alert above 200)");
    const old = evaluateRules(
      {
        ...base,
        gateway: gateway({ queueDepth: 3, oldestItemAt: new Date('2026-03-02T00:30:00Z') }),
      },
      DEFAULT_MONITOR_SETTINGS,
      now,
    );
    expect(old.queue?.detail).toBe("The oldest image has waited 90 min in the gateway's queue");
    expect(
      evaluateRules(
        {
          ...base,
          gateway: gateway({ queueDepth: 3, oldestItemAt: new Date('2026-03-02T01:30:00Z') }),
        },
        DEFAULT_MONITOR_SETTINGS,
        now,
      ).queue,
    ).toBeUndefined();
  });
});
