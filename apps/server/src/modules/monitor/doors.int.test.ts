import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { writeCxr } from '../../testing/dicomFixtures';
import { signIn } from '../../testing/http';
import { startDimseServer, type DimseListener } from '../dimse';
import { run } from '../dimse/testSupport';
import { stowAs, stowItems } from '../dicomweb/testSupport';
import { whileClinicSuspended } from '../../testing/clinicStatus';
import { TUS } from '../upload/testSupport';
import { arrivalsSettled, recordRefusal, refusalsSettled, sweepOldRefusals } from './index';
import { forgetArrivals } from './testSupport';

/**
 * Every door records its refusals through the one `recordRefusal`, and its arrivals in the
 * last-received table: real DCMTK `echoscu`/`storescu` against the DIMSE server, STOW-RS and
 * tus against the app, all on one database.
 */
let fx: AppFixture;
let dimse: DimseListener;
let dir: string;
let n = 0;

beforeAll(async () => {
  fx = await appWithDemo();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-monitor-'));
  dimse = await startDimseServer({
    db: fx.tdb.db,
    storage: fx.storage,
    ingest: { db: fx.tdb.db, storage: fx.storage, minFreeBytes: 0, maxObjectBytes: 1 << 28 },
    aeTitle: 'TELERAD',
    port: 0,
    host: '127.0.0.1',
    logger: pino({ level: 'silent' }),
  });
});
afterAll(async () => {
  await dimse?.close(1000);
  await fx?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const cxr = (opts: Parameters<typeof writeCxr>[2] = {}) =>
  writeCxr(path.join(dir, `cxr-${++n}.dcm`), 'explicitLE', {
    rows: 16,
    columns: 16,
    seed: n,
    ...opts,
  });

const clinicId = async (code: string) =>
  (
    await fx.tdb.db
      .selectFrom('clinics')
      .select('id')
      .where('code', '=', code)
      .executeTakeFirstOrThrow()
  ).id;

/** The refusal rows with `code`, once every background write has landed. */
async function refusals(code: string) {
  await refusalsSettled();
  return fx.tdb.db
    .selectFrom('inbound_refusals')
    .select(['door', 'kind', 'clinic_id', 'calling_ae', 'remote_address', 'count', 'message'])
    .where('code', '=', code)
    .execute();
}

const echo = (aet: string, aec = 'TELERAD') =>
  run('echoscu', ['-aet', aet, '-aec', aec, '127.0.0.1', String(dimse.port)]);
const storescu = (aet: string, file: string) =>
  run('storescu', ['-aet', aet, '-aec', 'TELERAD', '127.0.0.1', String(dimse.port), file]);

describe('refusals at the DIMSE door', () => {
  it('records an unknown calling AE, unattributed, with its address', async () => {
    expect((await echo('NOBODY')).code).not.toBe(0);
    expect(await refusals('DIMSE_CALLING_AE_UNKNOWN')).toEqual([
      expect.objectContaining({
        door: 'dimse',
        kind: 'association',
        clinic_id: null,
        calling_ae: 'NOBODY',
        remote_address: '127.0.0.1',
        count: 1,
      }),
    ]);
  });

  it('records a wrong called AE', async () => {
    expect((await echo('DEMO1', 'OTHER')).code).not.toBe(0);
    expect(await refusals('DIMSE_CALLED_AE_UNKNOWN')).toHaveLength(1);
  });

  it('records an address outside the allowed networks against the AE title’s clinic', async () => {
    // DEMO3 may only call from 203.0.113.0/24.
    expect((await echo('DEMO3')).code).not.toBe(0);
    const rows = await refusals('DIMSE_ADDRESS_NOT_ALLOWED');
    expect(rows).toEqual([
      expect.objectContaining({ clinic_id: await clinicId('DEMO3'), calling_ae: 'DEMO3' }),
    ]);
    expect(rows[0]!.message).toMatch(/outside the networks allowed/);
  });

  it('records a suspended clinic’s C-STORE (0x0124) as a refused object', async () => {
    await whileClinicSuspended(fx.tdb.db, 'DEMO2', async () => {
      const f = await cxr();
      expect((await storescu('DEMO2', f.path)).code).not.toBe(0);
    });
    expect(await refusals('CLINIC_SUSPENDED')).toEqual([
      expect.objectContaining({
        door: 'dimse',
        kind: 'object',
        clinic_id: await clinicId('DEMO2'),
        calling_ae: 'DEMO2',
        count: 1,
      }),
    ]);
  });

  it('keeps the last study per door, and it moves with each new study', async () => {
    forgetArrivals();
    const first = await cxr();
    expect((await storescu('DEMO1', first.path)).code).toBe(0);
    await arrivalsSettled();
    const second = await cxr();
    expect((await storescu('DEMO1', second.path)).code).toBe(0);
    await arrivalsSettled();
    const rows = await fx.tdb.db
      .selectFrom('clinic_last_received')
      .select(['door', 'study_uid', 'calling_ae'])
      .where('clinic_id', '=', await clinicId('DEMO1'))
      .execute();
    expect(rows).toEqual([
      { door: 'dimse', study_uid: second.studyInstanceUid, calling_ae: 'DEMO1' },
    ]);
  });
});

describe('refusals at the STOW-RS and upload doors', () => {
  it('records a STOW of another clinic’s study once, with the user and clinic', async () => {
    const f = await cxr();
    const bytes = fs.readFileSync(f.path);
    expect((await stowAs(fx.app, 'clinic1', [bytes])).statusCode).toBe(200);
    // The same study UID sent for DEMO2 belongs to DEMO1: refused, recorded once.
    const other = await cxr({ study: { studyInstanceUid: f.studyInstanceUid } });
    const res = await stowAs(fx.app, 'clinic2', [fs.readFileSync(other.path)]);
    expect(stowItems(res).failed).toHaveLength(1);
    await arrivalsSettled();
    const rows = await refusals('STUDY_OTHER_CLINIC');
    expect(rows).toEqual([
      expect.objectContaining({
        door: 'stow',
        kind: 'object',
        clinic_id: await clinicId('DEMO2'),
        count: 1,
      }),
    ]);
    const last = await fx.tdb.db
      .selectFrom('clinic_last_received')
      .select(['door', 'study_uid'])
      .where('clinic_id', '=', await clinicId('DEMO1'))
      .where('door', '=', 'stow')
      .execute();
    expect(last).toEqual([{ door: 'stow', study_uid: f.studyInstanceUid }]);
  });

  it('records a STOW part that is not DICOM, refused before ingest', async () => {
    const res = await stowAs(fx.app, 'clinic1', [
      { body: Buffer.from('not an image'), type: 'text/plain' },
    ]);
    expect(stowItems(res).failed).toHaveLength(1);
    const rows = await refusals('DICOM_UNREADABLE');
    expect(rows.filter((r) => r.door === 'stow')).toHaveLength(1);
  });

  it('records a tus upload refused at creation (a clinic the sender may not send for)', async () => {
    const clinic1 = await signIn(fx.app, 'clinic1');
    const res = await clinic1.request({
      method: 'POST',
      url: '/api/uploads',
      headers: {
        ...TUS,
        'upload-length': '100',
        'upload-metadata': `clinic ${Buffer.from('DEMO2').toString('base64')}`,
      },
    });
    expect(res.statusCode).toBe(404);
    const rows = (await refusals('NOT_FOUND')).filter((r) => r.door === 'upload');
    expect(rows).toEqual([
      expect.objectContaining({ kind: 'object', clinic_id: await clinicId('DEMO1') }),
    ]);
    expect(rows[0]!.message).toMatch(/no clinic DEMO2/);
  });
});

describe('flood bound', () => {
  it('coalesces identical refusals within a minute into one counted row', async () => {
    const at = new Date('2026-03-01T10:00:30Z');
    for (let i = 0; i < 500; i++)
      recordRefusal(fx.tdb.db, {
        door: 'dimse',
        kind: 'association',
        clinicId: null,
        callingAe: 'FLOOD',
        remoteAddress: '198.51.100.9',
        error: { code: 'DIMSE_CALLING_AE_UNKNOWN', message: 'unknown' },
        at: new Date(at.getTime() + i * 100),
      });
    await refusalsSettled();
    const rows = await fx.tdb.db
      .selectFrom('inbound_refusals')
      .select(['count', 'first_at', 'last_at'])
      .where('calling_ae', '=', 'FLOOD')
      .orderBy('first_at')
      .execute();
    // 500 refusals, one every 100 ms from 10:00:30: 300 in the first minute, 200 in the next.
    expect(rows.map((r) => r.count)).toEqual([300, 200]);
    expect(rows.map((r) => r.last_at.toISOString())).toEqual([
      '2026-03-01T10:00:59.900Z',
      '2026-03-01T10:01:19.900Z',
    ]);
  });

  it('drops refusals past their retention, and keeps the rest', async () => {
    const now = new Date('2026-03-01T10:05:00Z');
    // The flood rows above are from 10:00–10:01 that day: 2 days' retention keeps them.
    expect(await sweepOldRefusals(fx.tdb.db, 2, now)).toBe(0);
    const later = new Date(now.getTime() + 3 * 86_400_000);
    expect(await sweepOldRefusals(fx.tdb.db, 2, later)).toBe(2);
    const left = await fx.tdb.db
      .selectFrom('inbound_refusals')
      .select('id')
      .where('calling_ae', '=', 'FLOOD')
      .execute();
    expect(left).toEqual([]);
  });
});
