import type { GatewayEnrolment, GatewayEnrolmentCode, GatewayHeartbeat } from '@telerad/contracts';
import type { FastifyInstance } from 'fastify';
import type { TestClient } from '../../testing/http';

/** A plausible heartbeat, with `over` fields set. */
export function heartbeatBody(over: Partial<GatewayHeartbeat> = {}): GatewayHeartbeat {
  return {
    version: '1.0.0',
    queueDepth: 3,
    queueBytes: 3_000_000,
    oldestItemAt: new Date(Date.now() - 120_000).toISOString(),
    lastSuccessAt: new Date(Date.now() - 30_000).toISOString(),
    freeDiskBytes: 40_000_000_000,
    errors: [],
    errorCount: 0,
    sentInstances: 2,
    sentBytes: 2_000_000,
    linkKbps: 850,
    compressionSavedBytes: 500_000,
    ...over,
  };
}

/** Adds a gateway to `clinicId` as `staff` (support or admin) and answers its one-time code. */
export async function addGateway(
  staff: TestClient,
  clinicId: string,
  name = 'Test gateway',
): Promise<GatewayEnrolmentCode> {
  const res = await staff.request({
    method: 'POST',
    url: `/api/clinics/${clinicId}/gateways`,
    payload: { name },
  });
  if (res.statusCode !== 200) throw new Error(`no gateway: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Enrols with `code` at the public door, as a gateway does; answers the raw response. */
export function enrol(app: FastifyInstance, code: string, hostName = 'clinic-pc-1') {
  return app.inject({
    method: 'POST',
    url: '/api/gateways/enrol',
    payload: { code, hostName, version: '1.0.0' },
  });
}

/** Adds and enrols a gateway for `clinicId`: its id and token. */
export async function enrolledGateway(
  app: FastifyInstance,
  staff: TestClient,
  clinicId: string,
  name?: string,
): Promise<GatewayEnrolment> {
  const { code } = await addGateway(staff, clinicId, name);
  const res = await enrol(app, code);
  if (res.statusCode !== 200) throw new Error(`no enrolment: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Sends a heartbeat with `token` (a gateway's, or anyone's, to see it refused). */
export function beat(app: FastifyInstance, token: string, over: Partial<GatewayHeartbeat> = {}) {
  return app.inject({
    method: 'POST',
    url: '/api/gateways/heartbeat',
    headers: { authorization: `Bearer ${token}` },
    payload: heartbeatBody(over),
  });
}
