import type { OnboardingChecklist } from '@telerad/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { addGateway, beat, enrol } from '../gateways/testSupport';
import { newClinic, stepOf } from './testSupport';

/**
 * The "Gateway enrolled" step ticks itself from the gateways module: not for a gateway merely
 * added (its code unused), nor enrolled but silent, but once an enrolled gateway has reported its
 * health; and it opens again when that gateway is revoked.
 */
let fx: AppFixture;
let support: TestClient;
let clinicId: string;

beforeAll(async () => {
  fx = await appWithDemo();
  support = await signIn(fx.app, 'support');
  ({ id: clinicId } = await newClinic(fx, await signIn(fx.app, 'admin'), 'ONBGW'));
});
afterAll(async () => {
  await fx?.close();
});

const gatewayStep = async () => {
  const res = await support.request({ method: 'GET', url: `/api/clinics/${clinicId}/onboarding` });
  expect(res.statusCode, res.body).toBe(200);
  return stepOf(res.json() as OnboardingChecklist, 'gateway-enrolment');
};

describe('the gateway step of the onboarding checklist', () => {
  it('is done by the system once an enrolled gateway reports its health, and undone by revocation', async () => {
    expect(await gatewayStep()).toMatchObject({ complete: false, evidence: null, status: 'todo' });

    const { code, gateway } = await addGateway(support, clinicId, 'Front desk PC');
    expect((await gatewayStep()).complete).toBe(false);
    const enrolled = await enrol(fx.app, code, 'clinic-frontdesk');
    expect(enrolled.statusCode, enrolled.body).toBe(200);
    expect((await gatewayStep()).complete).toBe(false);

    const beaten = await beat(fx.app, (enrolled.json() as { token: string }).token);
    expect(beaten.statusCode, beaten.body).toBeLessThan(300);
    const step = await gatewayStep();
    expect(step).toMatchObject({ complete: true, status: 'todo' });
    expect(step.evidence).toMatch(
      /^Gateway clinic-frontdesk enrolled \d{4}-\d\d-\d\d, last heartbeat \d{4}-\d\d-\d\d \d\d:\d\d UTC$/,
    );

    const revoked = await support.request({
      method: 'POST',
      url: `/api/gateways/${gateway.id}/revoke`,
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(await gatewayStep()).toMatchObject({ complete: false, evidence: null });
  });
});
