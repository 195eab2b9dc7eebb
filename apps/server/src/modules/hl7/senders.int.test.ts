import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { clinicIdOf } from '../orders/testSupport';
import { putSenders } from './testSupport';

/**
 * The registry of HL7 senders through the API against a real database: administrators keep each
 * clinic's list (audited with the change), a sender belongs to one clinic, and clinic staff
 * neither read nor change it.
 */
let fx: AppFixture;
let admin: TestClient;
let demo1: string;
let demo2: string;

beforeAll(async () => {
  fx = await appWithDemo();
  admin = await signIn(fx.app, 'admin');
  demo1 = await clinicIdOf(fx.tdb.db, 'DEMO1');
  demo2 = await clinicIdOf(fx.tdb.db, 'DEMO2');
  const a = await putSenders(admin, demo1, [
    { sendingApplication: 'FRONTDESK', sendingFacility: 'DEMO1' },
    { sendingApplication: 'LOCKED', sendingFacility: 'DEMO1', allowedNetworks: ['10.9.0.0/16'] },
  ]);
  expect(a.statusCode, a.body).toBe(200);
  const b = await putSenders(admin, demo2, [
    { sendingApplication: 'RIS2', sendingFacility: 'DEMO2' },
  ]);
  expect(b.statusCode, b.body).toBe(200);
});
afterAll(async () => fx?.close());

describe('the sender registry', () => {
  it('is kept per clinic by administrators, audited with the change', async () => {
    const got = await admin.request({ method: 'GET', url: `/api/clinics/${demo1}/hl7-senders` });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual({
      senders: [
        { sendingApplication: 'FRONTDESK', sendingFacility: 'DEMO1', allowedNetworks: [] },
        {
          sendingApplication: 'LOCKED',
          sendingFacility: 'DEMO1',
          allowedNetworks: ['10.9.0.0/16'],
        },
      ],
    });
    const events = await fx.tdb.db
      .selectFrom('audit_events')
      .select(['outcome', 'clinic_id', 'details'])
      .where('action', '=', 'clinic.hl7Senders')
      .where('clinic_id', '=', demo1)
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ outcome: 'success' });
    expect(events[0]!.details).toMatchObject({ senders: ['FRONTDESK^DEMO1', 'LOCKED^DEMO1'] });
  });

  it("refuses another clinic's sender, and changes nothing", async () => {
    const r = await putSenders(admin, demo2, [
      { sendingApplication: 'FRONTDESK', sendingFacility: 'DEMO1' },
    ]);
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('HL7_SENDER_TAKEN');
    const got = await admin.request({ method: 'GET', url: `/api/clinics/${demo2}/hl7-senders` });
    expect(got.json().senders).toEqual([
      { sendingApplication: 'RIS2', sendingFacility: 'DEMO2', allowedNetworks: [] },
    ]);
  });

  it('is not for clinic staff', async () => {
    const clinic1 = await signIn(fx.app, 'clinic1');
    const r = await putSenders(clinic1, demo1, [{ sendingApplication: 'MINE' }]);
    expect(r.statusCode).toBe(403);
    const g = await clinic1.request({ method: 'GET', url: `/api/clinics/${demo1}/hl7-senders` });
    expect(g.statusCode).toBe(403);
  });
});
