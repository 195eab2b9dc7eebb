import { beat, enrolledGateway } from '../../modules/gateways/testSupport';
import { signIn } from '../http';
import type { Demo2 } from './seed';

/** A training record of DEMO2's onboarding entered by support, and DEMO2's enrolled gateway. */
export async function seedDemo2Onboarding({ fx, clinic }: Demo2) {
  const support = await signIn(fx.app, 'support');
  const trained = await support.request({
    method: 'POST',
    url: `/api/clinics/${clinic.id}/onboarding/training`,
    payload: {
      trainee: 'CANARY DEMO2 trainee',
      topics: ['uploading'],
      trainedOn: '2026-03-02',
      note: 'CANARY-DEMO2 training note',
    },
  });
  const trainingRecordId = (trained.json() as { training?: { id: string }[] }).training?.[0]?.id;
  if (trained.statusCode !== 200 || !trainingRecordId)
    throw new Error(`no DEMO2 training record: ${trained.body}`);

  // DEMO2's enrolled gateway, with one heartbeat.
  const gateway = await enrolledGateway(fx.app, support, clinic.id, 'CANARY gateway DEMO2');
  const beaten = await beat(fx.app, gateway.token);
  if (beaten.statusCode !== 200) throw new Error(`no DEMO2 heartbeat: ${beaten.body}`);
  return { trainingRecordId, gatewayId: gateway.gatewayId };
}
