import type { OrderCreate } from '@telerad/contracts';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { localDate } from '../centres';
import { updateClinic } from '../clinics';
import { insertOrder, lockClinicOrders, type OrderClinic } from '../orders';

/** The clinic that registers its applicants in the demo, and what its front desk registered. */
const CLINIC = 'DEMO2';
const ORDERS: (Omit<OrderCreate, 'scheduledDate'> & { daysAgo: number })[] = [
  // The applicant of today's sample study: it arrives after this and is matched by ID and date.
  {
    patientId: 'KE-77120',
    familyName: 'MWANGI',
    givenName: 'WANJIKU',
    birthDate: '1992-06-30',
    sex: 'F',
    priority: 'urgent',
    note: 'Household contact of a TB case',
    daysAgo: 0,
  },
  // Registered yesterday and never X-rayed: on the desk's orders without images.
  {
    patientId: 'KE-77135',
    familyName: 'OTIENO',
    givenName: 'GRACE',
    birthDate: '1987-11-02',
    sex: 'F',
    daysAgo: 1,
  },
  // Later today.
  {
    patientId: 'KE-77140',
    familyName: 'KAMAU',
    givenName: 'PETER',
    birthDate: '1990-01-20',
    sex: 'M',
    scheduledTime: '16:30',
    daysAgo: 0,
  },
];

/**
 * The demo's registered applicants: DEMO2 matches its images to registered applicants, and
 * its front desk registered a few, so the desk's two order lists show something on
 * `npm run demo` (the sample study two days old finds no order; yesterday's applicant never
 * came). Run once, with the sample studies, before they are stored.
 */
export async function seedSampleOrders(db: Db, now: Date = new Date()): Promise<void> {
  const ctx: ServiceContext = { actor: null, requestId: 'demo-orders', ip: null, db };
  const row = await db
    .selectFrom('clinics')
    .select(['id', 'time_zone', 'programmes'])
    .where('code', '=', CLINIC)
    .executeTakeFirst();
  if (!row) return;
  await updateClinic(ctx, row.id, { orderPolicy: 'match' });
  const clinic: OrderClinic = { id: row.id, programmes: row.programmes, timeZone: row.time_zone };
  await db.transaction().execute(async (trx) => {
    await lockClinicOrders(trx, clinic.id);
    for (const { daysAgo, ...o } of ORDERS) {
      const day = localDate(new Date(now.getTime() - daysAgo * 86_400_000), row.time_zone);
      await insertOrder(ctx, trx, clinic, { ...o, scheduledDate: day }, 'portal', now);
    }
  });
}
