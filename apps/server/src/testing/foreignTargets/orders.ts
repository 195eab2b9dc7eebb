import { signIn } from '../http';
import type { Demo2 } from './seed';

/** An order DEMO2's clinic user registered from the portal's form. */
export async function seedDemo2Order({ c2, clinic }: Demo2): Promise<string> {
  const ordered = await c2.request({
    method: 'POST',
    url: `/api/clinics/${clinic.id}/orders`,
    payload: {
      patientId: 'CANARY-ORDER-DEMO2',
      familyName: 'CANARY',
      givenName: 'Order',
      birthDate: '1990-01-02',
      sex: 'F',
      note: 'CANARY-DEMO2 order note',
    },
  });
  if (ordered.statusCode !== 200) throw new Error(`no DEMO2 order: ${ordered.body}`);
  return (ordered.json() as { id: string }).id;
}

/** DEMO2's HL7 result destination, registered by an admin after its deliveries were planned. */
export async function seedDemo2Hl7Destination({ fx, clinic }: Demo2): Promise<string> {
  const hl7 = await (
    await signIn(fx.app, 'admin')
  ).request({
    method: 'POST',
    url: `/api/clinics/${clinic.id}/hl7-destinations`,
    payload: { host: '127.0.0.1', port: 2575, receivingApplication: 'CANARY-RIS-DEMO2' },
  });
  if (hl7.statusCode !== 200) throw new Error(`no DEMO2 HL7 destination: ${hl7.body}`);
  return (hl7.json() as { id: string }).id;
}
