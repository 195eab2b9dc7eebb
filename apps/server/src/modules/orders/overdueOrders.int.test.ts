import { describe, expect, it } from 'vitest';
import { localDate } from '../centres';
import { listOverdueOrderDeskItems } from './deskItems';
import { signIn } from '../../testing/http';
import {
  fx,
  demo1,
  demo2,
  tz1,
  order,
  setPolicy,
  desk,
  useMatchingFixture,
} from './matchingFixture';

/**
 * Orders without images past their time, on the assistant's desk, and the order policy as the
 * clinic's data.
 */
useMatchingFixture();

describe('orders without images', () => {
  it('lists a scheduled order past its time plus the grace, or past the end of its day without a time', async () => {
    const timed = await order({ scheduledDate: '2026-02-01', scheduledTime: '09:00' });
    const dateOnly = await order({ scheduledDate: '2026-02-01' });
    // 09:00 Manila is 01:00 UTC; two hours' grace: 03:00 UTC.
    const at = (iso: string) =>
      listOverdueOrderDeskItems(fx.tdb.db, { clinicIds: [demo1], now: new Date(iso) }).then(
        (items) =>
          items.map((i) => i.orderId).filter((id) => id === timed.id || id === dateOnly.id),
      );
    expect(await at('2026-02-01T02:59:00Z')).toEqual([]);
    expect(await at('2026-02-01T03:00:00Z')).toEqual([timed.id]);
    // The end of 1 February in Manila is 16:00 UTC; plus the grace, 18:00 UTC.
    expect(await at('2026-02-01T18:00:00Z')).toEqual([timed.id, dateOnly.id]);
    expect(await at('2026-03-01T00:00:00Z')).toEqual([]);
  });

  it('shows them on the assistant’s desk', async () => {
    const o = await order({ scheduledDate: '2026-01-01' });
    await fx.tdb.db
      .updateTable('orders')
      .set({ scheduled_date: localDate(new Date(Date.now() - 86_400_000), tz1) })
      .where('id', '=', o.id)
      .execute();
    const items = (await desk('overdue_order')).items;
    expect(items.find((i) => i.orderId === o.id)).toMatchObject({
      kind: 'overdue_order',
      patientId: o.patientId,
    });
  });
});

describe('the order policy as clinic data', () => {
  it('is saved and loaded with the clinic by the administrator', async () => {
    const admin = await signIn(fx.app, 'admin');
    const res = await admin.request({
      method: 'PATCH',
      url: `/api/clinics/${demo2}`,
      payload: { orderPolicy: 'require' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ orderPolicy: 'require' });
    const read = await admin.request({ method: 'GET', url: `/api/clinics/${demo2}` });
    expect(read.json()).toMatchObject({ orderPolicy: 'require' });
    await setPolicy(demo2, 'none');
  });
});
