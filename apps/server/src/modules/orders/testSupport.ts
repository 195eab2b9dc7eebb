import type { OrderCreate } from '@telerad/contracts';
import type { Db } from '../../platform/db';
import type { TestClient } from '../../testing/http';

/** The id of the demo clinic with `code` (DEMO1, DEMO2). */
export async function clinicIdOf(db: Db, code: string): Promise<string> {
  const c = await db
    .selectFrom('clinics')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return c.id;
}

/** An applicant the form would register; each call a new applicant ID. */
export function applicant(over: Partial<OrderCreate> = {}): OrderCreate {
  return {
    patientId: `P-${crypto.randomUUID().slice(0, 8)}`,
    familyName: 'Santos',
    givenName: 'Maria',
    birthDate: '1991-05-17',
    sex: 'F',
    ...over,
  };
}

/** Registers an order through the API, as `client`. */
export function registerOrder(client: TestClient, clinicId: string, body: OrderCreate) {
  return client.request({ method: 'POST', url: `/api/clinics/${clinicId}/orders`, payload: body });
}

/** Sends a CSV order list through the API, as `client`. */
export function importCsv(client: TestClient, clinicId: string, csv: string, dryRun = false) {
  return client.request({
    method: 'POST',
    url: `/api/clinics/${clinicId}/orders/import`,
    payload: { csv, dryRun },
  });
}
