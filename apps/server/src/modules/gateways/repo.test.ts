import { GATEWAY_SILENT_AFTER_MS } from '@telerad/contracts';
import { describe, expect, it } from 'vitest';
import { gatewayStatus, type GatewayRow } from './repo';

const now = new Date('2026-12-06T12:00:00Z');
const row = (over: Partial<GatewayRow>): GatewayRow => ({
  id: 'g',
  clinic_id: 'c',
  name: 'n',
  host_name: null,
  version: null,
  service_user_id: null,
  enrol_code_used_at: null,
  enrol_code_expires_at: null,
  created_at: now,
  enrolled_at: null,
  revoked_at: null,
  last_heartbeat_at: null,
  ...over,
});

describe('gateway status', () => {
  it('is revoked first, then awaiting enrolment, then online or silent by the last beat', () => {
    const beat = (ms: number) => new Date(now.getTime() - ms);
    expect(gatewayStatus(row({ revoked_at: now, enrolled_at: now }), now)).toBe('revoked');
    expect(gatewayStatus(row({}), now)).toBe('awaiting_enrolment');
    expect(gatewayStatus(row({ enrolled_at: now }), now)).toBe('silent');
    const enrolled = { enrolled_at: now };
    expect(
      gatewayStatus(row({ ...enrolled, last_heartbeat_at: beat(GATEWAY_SILENT_AFTER_MS) }), now),
    ).toBe('online');
    expect(
      gatewayStatus(
        row({ ...enrolled, last_heartbeat_at: beat(GATEWAY_SILENT_AFTER_MS + 1) }),
        now,
      ),
    ).toBe('silent');
  });
});
