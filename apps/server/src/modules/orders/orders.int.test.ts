import { ORDER_CSV_TEMPLATE, type Order, type OrderImportResult } from '@telerad/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { applicant, clinicIdOf, importCsv, registerOrder } from './testSupport';

/**
 * Orders through the API against a real database: the form's registration with its defaults and
 * made accession numbers, the duplicate-applicant warning, a taken accession number refused with
 * nothing changed, cancellation, the CSV import row by row and its dry run, another clinic's
 * orders refused by the scope check, and the audit trail of every read and write.
 */
let fx: AppFixture;
let clinic1: TestClient;
let demo1: string;
let demo2: string;

const orderCount = async (clinicId: string) =>
  Number(
    (
      await fx.tdb.db
        .selectFrom('orders')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('clinic_id', '=', clinicId)
        .executeTakeFirstOrThrow()
    ).n,
  );
const auditOf = (res: { headers: Record<string, unknown> }) =>
  fx.tdb.db
    .selectFrom('audit_events')
    .select(['action', 'outcome', 'clinic_id', 'resource_id', 'details'])
    .where('request_id', '=', String(res.headers['x-request-id']))
    .execute();

beforeAll(async () => {
  fx = await appWithDemo();
  clinic1 = await signIn(fx.app, 'clinic1');
  demo1 = await clinicIdOf(fx.tdb.db, 'DEMO1');
  demo2 = await clinicIdOf(fx.tdb.db, 'DEMO2');
});
afterAll(async () => fx?.close());

describe('registering from the form', () => {
  it("takes the form's defaults and makes an accession number per clinic and day", async () => {
    const a = await registerOrder(clinic1, demo1, applicant({ scheduledDate: '2026-03-04' }));
    expect(a.statusCode, a.body).toBe(200);
    const order = a.json() as Order;
    expect(order).toMatchObject({
      clinicId: demo1,
      accessionNumber: '260304-0001',
      patientName: 'Santos^Maria',
      familyName: 'Santos',
      views: ['PA'],
      priority: 'routine',
      status: 'scheduled',
      source: 'portal',
      scheduledDate: '2026-03-04',
    });
    const b = await registerOrder(clinic1, demo1, applicant({ scheduledDate: '2026-03-04' }));
    expect((b.json() as Order).accessionNumber).toBe('260304-0002');
    const [event] = await auditOf(a);
    expect(event).toMatchObject({
      action: 'order.create',
      outcome: 'success',
      clinic_id: demo1,
      resource_id: order.id,
    });
  });

  it('refuses a taken accession number and changes nothing', async () => {
    const first = await registerOrder(clinic1, demo1, applicant({ accessionNumber: 'ACC-DUP-1' }));
    expect(first.statusCode, first.body).toBe(200);
    const before = await orderCount(demo1);
    const again = await registerOrder(clinic1, demo1, applicant({ accessionNumber: 'ACC-DUP-1' }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('DUPLICATE_ACCESSION_NUMBER');
    expect(await orderCount(demo1)).toBe(before);
    // Unique per clinic: another clinic may use the same number.
    const admin = await signIn(fx.app, 'admin');
    const other = await registerOrder(admin, demo2, applicant({ accessionNumber: 'ACC-DUP-1' }));
    expect(other.statusCode, other.body).toBe(200);
  });

  it('refuses values outside DICOM limits and programmes the clinic does not screen for', async () => {
    const long = await registerOrder(
      clinic1,
      demo1,
      applicant({ accessionNumber: 'X'.repeat(17) }),
    );
    expect(long.statusCode).toBe(400);
    const caret = await registerOrder(clinic1, demo1, applicant({ familyName: 'A^B' }));
    expect(caret.statusCode).toBe(400);
    const programmes = (
      await fx.tdb.db
        .selectFrom('clinics')
        .select('programmes')
        .where('id', '=', demo1)
        .executeTakeFirstOrThrow()
    ).programmes;
    const other = ['US', 'UK', 'CA', 'AUNZ', 'JP', 'GENERAL'].find((p) => !programmes.includes(p));
    if (other) {
      const res = await registerOrder(
        clinic1,
        demo1,
        applicant({ programme: other as Order['programme'] }),
      );
      expect(res.json().error.code).toBe('PROGRAMME_NOT_SERVED');
    }
  });
});

describe('the duplicate-applicant warning, the list and cancelling', () => {
  it('finds the same ID, or the same name and birth date, and forgets cancelled orders', async () => {
    const first = (await registerOrder(
      clinic1,
      demo1,
      applicant({ patientId: 'DUP-777', familyName: 'Reyes', birthDate: '1980-02-03' }),
    ).then((r) => r.json())) as Order;
    const check = (q: string) =>
      clinic1.request({ method: 'GET', url: `/api/clinics/${demo1}/orders/duplicates?${q}` });
    const byId = await check('patientId=DUP-777');
    expect(byId.statusCode, byId.body).toBe(200);
    expect(byId.json().items).toMatchObject([{ id: first.id, matchedOn: 'patientId' }]);
    const byName = await check('familyName=REYES&birthDate=1980-02-03');
    expect(byName.json().items).toMatchObject([{ id: first.id, matchedOn: 'nameAndBirthDate' }]);
    expect((await check('familyName=Reyes&birthDate=1980-02-04')).json().items).toEqual([]);
    expect((await auditOf(byId))[0]).toMatchObject({
      action: 'order.duplicates',
      clinic_id: demo1,
    });

    const today = await clinic1.request({ method: 'GET', url: '/api/orders?q=DUP-777' });
    expect(today.json().items.map((o: Order) => o.id)).toEqual([first.id]);

    const noReason = await clinic1.request({
      method: 'POST',
      url: `/api/orders/${first.id}/cancel`,
      payload: { reason: '' },
    });
    expect(noReason.statusCode).toBe(400);
    const cancel = await clinic1.request({
      method: 'POST',
      url: `/api/orders/${first.id}/cancel`,
      payload: { reason: 'Registered twice' },
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json()).toMatchObject({ status: 'cancelled', cancelReason: 'Registered twice' });
    expect((await auditOf(cancel))[0]).toMatchObject({
      action: 'order.cancel',
      outcome: 'success',
    });
    const twice = await clinic1.request({
      method: 'POST',
      url: `/api/orders/${first.id}/cancel`,
      payload: { reason: 'Again' },
    });
    expect(twice.json().error.code).toBe('ORDER_ALREADY_CANCELLED');
    expect((await check('patientId=DUP-777')).json().items).toEqual([]);
  });

  it("lists today's orders in the clinic's time zone when no date is asked", async () => {
    const made = (await registerOrder(clinic1, demo1, applicant()).then((r) => r.json())) as Order;
    const list = await clinic1.request({ method: 'GET', url: `/api/orders?clinicId=${demo1}` });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((o: Order) => o.id)).toContain(made.id);
    expect((await auditOf(list))[0]).toMatchObject({ action: 'order.list', outcome: 'success' });
  });
});

describe('scope', () => {
  it("refuses another clinic's orders and clinic", async () => {
    const admin = await signIn(fx.app, 'admin');
    const theirs = (await registerOrder(admin, demo2, applicant({ patientId: 'DEMO2-ONLY' })).then(
      (r) => r.json(),
    )) as Order;
    const read = await clinic1.request({ method: 'GET', url: `/api/orders/${theirs.id}` });
    expect(read.statusCode).toBe(404);
    expect((await auditOf(read))[0]).toMatchObject({ outcome: 'denied', clinic_id: demo2 });
    const write = await registerOrder(clinic1, demo2, applicant());
    expect(write.statusCode).toBe(404);
    const search = await clinic1.request({ method: 'GET', url: '/api/orders?q=DEMO2-ONLY' });
    expect(search.json().items).toEqual([]);
    const cancel = await clinic1.request({
      method: 'POST',
      url: `/api/orders/${theirs.id}/cancel`,
      payload: { reason: 'Not mine' },
    });
    expect(cancel.statusCode).toBe(404);
    const own = await signIn(fx.app, 'clinic2');
    expect((await own.request({ method: 'GET', url: `/api/orders/${theirs.id}` })).statusCode).toBe(
      200,
    );
  });
});

describe('CSV import', () => {
  const header =
    'accession_number,patient_id,issuer,family_name,given_name,birth_date,sex,programme,views,priority,note,scheduled_date,scheduled_time';
  const csv = [
    header,
    'CSV-0001,PX1,PHL,Cruz,Ana,1992-01-01,f,,PA;LAT,urgent,cough,2026-03-05,08:30',
    'CSV-0002,PX2,,Lim,,1970-12-31,M,,,,,2026-03-05,',
    'CSV-0001,PX3,,Tan,,1985-06-06,M,,,,,2026-03-05,',
    ',PX4,,Go,,1985-13-06,M,,,,,2026-03-05,',
    'CSV-0005,PX5,,Uy,,1985-06-06,X,,,,,2026-03-05,',
  ].join('\n');

  it('previews without saving, then creates good rows and reports the rest by line', async () => {
    const before = await orderCount(demo1);
    const dry = await importCsv(clinic1, demo1, csv, true);
    expect(dry.statusCode, dry.body).toBe(200);
    const preview = dry.json() as OrderImportResult;
    expect(preview).toMatchObject({ dryRun: true, created: 2, duplicates: 1, errors: 2 });
    expect(await orderCount(demo1)).toBe(before);

    const res = await importCsv(clinic1, demo1, csv);
    const result = res.json() as OrderImportResult;
    expect(result).toMatchObject({ dryRun: false, created: 2, duplicates: 1, errors: 2 });
    expect(result.rows.map((r) => [r.line, r.status])).toEqual([
      [2, 'created'],
      [3, 'created'],
      [4, 'duplicate'],
      [5, 'error'],
      [6, 'error'],
    ]);
    expect(result.rows[3]!.errors).toMatchObject([{ field: 'birth_date' }]);
    expect(result.rows[4]!.errors).toMatchObject([{ field: 'sex' }]);
    expect(await orderCount(demo1)).toBe(before + 2);
    const first = await clinic1.request({
      method: 'GET',
      url: `/api/orders/${result.rows[0]!.orderId}`,
    });
    expect(first.json()).toMatchObject({
      source: 'csv',
      views: ['PA', 'LAT'],
      priority: 'urgent',
      sex: 'F',
      scheduledTime: '08:30',
    });
    expect((await auditOf(res))[0]).toMatchObject({
      action: 'order.import',
      details: expect.objectContaining({ created: 2, duplicates: 1, errors: 2 }),
    });
    // The same file again: every good row is now a duplicate, nothing is created twice.
    const again = (await importCsv(clinic1, demo1, csv).then((r) => r.json())) as OrderImportResult;
    expect(again).toMatchObject({ created: 0, duplicates: 3 });
  });

  it('takes the downloadable template as it is, and refuses a file that is not an order list', async () => {
    const template = await importCsv(clinic1, demo1, ORDER_CSV_TEMPLATE, true);
    expect(template.json()).toMatchObject({ created: 1, errors: 0 });
    const wrong = await importCsv(clinic1, demo1, 'name,dob\nA,1990-01-01\n');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({
      code: 'ORDER_CSV_INVALID',
      details: { unknown: ['name', 'dob'] },
    });
    const broken = await importCsv(clinic1, demo1, `${header}\n"unclosed,PX,,A,,1990-01-01,M`);
    expect(broken.json().error.code).toBe('ORDER_CSV_INVALID');
  });
});
