import fs from 'node:fs';
import path from 'node:path';
import type { Order } from '@telerad/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { cancelOrder, worklistEntriesQuery } from '../orders';
import { dimseFixture, type DimseFixture } from './testSupport';
import {
  accessions,
  addDays,
  da,
  findWorklist,
  stepOf,
  valueOf,
  type WorklistKeys,
} from '../../testing/dicom/worklistScu';
import { adminContext, clinicToday, scheduleOrder } from './worklistTestSupport';

/**
 * The Modality Worklist C-FIND SCP (PS3.4 Annex K) driven by DCMTK's `findscu -W` with query
 * files made by `dump2dcm`: a clinic's X-ray unit gets that clinic's scheduled orders, narrowed
 * by date range, modality, station AE title, patient name wildcard, patient ID and accession
 * number; another clinic's AE gets none of them; an unknown AE is refused.
 */
let f: DimseFixture;
let dir: string;
let today: string;
const orders = new Map<string, Order>();

const find = (ae: string, keys: WorklistKeys) => findWorklist(dir, f.port, ae, keys);

beforeAll(async () => {
  f = await dimseFixture();
  dir = path.join(f.dataDir, 'wl');
  fs.mkdirSync(dir);
  today = (await clinicToday(f.tdb.db, 'DEMO1')).today;
  const ctx = await adminContext(f.tdb.db);
  const base = { birthDate: '1990-02-03', sex: 'F' as const };
  const plan: [string, string, Parameters<typeof scheduleOrder>[2]][] = [
    [
      'A',
      'DEMO1',
      {
        ...base,
        accessionNumber: 'MWL-A',
        patientId: 'WL-A',
        familyName: 'SANTOS',
        givenName: 'Maria',
        scheduledDate: today,
        scheduledTime: '09:00',
        modality: 'DX',
        stationAeTitle: 'XR_ROOM1',
      },
    ],
    [
      'B',
      'DEMO1',
      {
        ...base,
        accessionNumber: 'MWL-B',
        patientId: 'WL-B',
        familyName: 'SANTOSO',
        givenName: 'Budi',
        scheduledDate: today,
        scheduledTime: '10:30',
        modality: 'CR',
        stationAeTitle: 'XR_ROOM2',
      },
    ],
    [
      'C',
      'DEMO1',
      {
        ...base,
        accessionNumber: 'MWL-C',
        patientId: 'WL-C',
        familyName: 'OKELLO',
        givenName: 'John',
        sex: 'M',
        scheduledDate: today,
      },
    ],
    [
      'D',
      'DEMO1',
      {
        ...base,
        accessionNumber: 'MWL-D',
        patientId: 'WL-D',
        familyName: 'NÚÑEZ',
        givenName: 'José',
        sex: 'M',
        scheduledDate: addDays(today, 1),
      },
    ],
    [
      'E',
      'DEMO1',
      {
        ...base,
        accessionNumber: 'MWL-E',
        patientId: 'WL-E',
        familyName: 'MWANGI',
        givenName: 'Ann',
        scheduledDate: addDays(today, -1),
      },
    ],
    [
      'F',
      'DEMO1',
      {
        ...base,
        accessionNumber: 'MWL-F',
        patientId: 'WL-F',
        familyName: 'TANAKA',
        givenName: 'Ken',
        scheduledDate: addDays(today, 10),
      },
    ],
    [
      'G',
      'DEMO1',
      {
        ...base,
        accessionNumber: 'MWL-G',
        patientId: 'WL-G',
        familyName: 'SANTOS',
        givenName: 'Gone',
        scheduledDate: today,
      },
    ],
    [
      'H',
      'DEMO2',
      {
        ...base,
        accessionNumber: 'MWL-H',
        patientId: 'WL-H',
        familyName: 'DIALLO',
        givenName: 'Awa',
        scheduledDate: today,
      },
    ],
  ];
  for (const [key, clinic, input] of plan) orders.set(key, await scheduleOrder(ctx, clinic, input));
  await cancelOrder(ctx, orders.get('G')!.id, 'registered twice');
});
afterAll(async () => f?.close());

describe('Modality Worklist C-FIND (findscu -W)', () => {
  it("answers a clinic's X-ray unit with its orders scheduled today, with the identity to copy", async () => {
    const r = await find('DEMO1', { startDate: da(today) });
    expect(r.code, r.out).toBe(0);
    expect(accessions(r)).toEqual(['MWL-A', 'MWL-B', 'MWL-C']);
    const a = r.answers.find((ds) => valueOf(ds, '00080050') === 'MWL-A')!;
    const order = orders.get('A')!;
    expect(valueOf(a, '00100010')).toBe('SANTOS^Maria');
    expect(valueOf(a, '00100020')).toBe('WL-A');
    expect(valueOf(a, '00100030')).toBe('19900203');
    expect(valueOf(a, '0020000D')).toBe(order.studyInstanceUid);
    expect(valueOf(a, '00401001')).toBe('MWL-A');
    const step = stepOf(a);
    expect(valueOf(step, '00080060')).toBe('DX');
    expect(valueOf(step, '00400001')).toBe('XR_ROOM1');
    expect(valueOf(step, '00400002')).toBe(da(today));
    expect(valueOf(step, '00400003')).toMatch(/^0900/);
    expect(valueOf(step, '00400020')).toBe('SCHEDULED');
  });

  it('matches a scheduled date range, an open-ended one, and no date (yesterday to a week ahead)', async () => {
    const range = await find('DEMO1', {
      startDate: `${da(addDays(today, -1))}-${da(addDays(today, 1))}`,
    });
    expect(accessions(range)).toEqual(['MWL-A', 'MWL-B', 'MWL-C', 'MWL-D', 'MWL-E']);
    const onwards = await find('DEMO1', { startDate: `${da(today)}-` });
    expect(accessions(onwards)).toEqual(['MWL-A', 'MWL-B', 'MWL-C', 'MWL-D', 'MWL-F']);
    const until = await find('DEMO1', { startDate: `-${da(today)}` });
    expect(accessions(until)).toEqual(['MWL-A', 'MWL-B', 'MWL-C', 'MWL-E']);
    const any = await find('DEMO1', {});
    expect(accessions(any)).toEqual(['MWL-A', 'MWL-B', 'MWL-C', 'MWL-D', 'MWL-E']);
  });

  it('matches the modality', async () => {
    const cr = await find('DEMO1', { startDate: da(today), modality: 'CR' });
    expect(accessions(cr)).toEqual(['MWL-B']);
    expect(valueOf(stepOf(cr.answers[0]!), '00080060')).toBe('CR');
  });

  it("matches the scheduled station AE title; a step for no particular unit meets every unit's", async () => {
    const room1 = await find('DEMO1', { startDate: da(today), stationAeTitle: 'XR_ROOM1' });
    expect(accessions(room1)).toEqual(['MWL-A', 'MWL-C']);
    const room2 = await find('DEMO1', { startDate: da(today), stationAeTitle: 'XR_ROOM2' });
    expect(accessions(room2)).toEqual(['MWL-B', 'MWL-C']);
  });

  it('matches patient name wildcards (any case), the patient ID and the accession number', async () => {
    const week = `${da(addDays(today, -1))}-${da(addDays(today, 7))}`;
    expect(accessions(await find('DEMO1', { startDate: week, patientName: 'SANTOS*' }))).toEqual([
      'MWL-A',
      'MWL-B',
    ]);
    expect(accessions(await find('DEMO1', { startDate: week, patientName: 'santos^*' }))).toEqual([
      'MWL-A',
    ]);
    expect(accessions(await find('DEMO1', { startDate: week, patientName: '*KELL?*' }))).toEqual([
      'MWL-C',
    ]);
    expect(accessions(await find('DEMO1', { patientId: 'WL-E' }))).toEqual(['MWL-E']);
    expect(accessions(await find('DEMO1', { accessionNumber: 'MWL-B' }))).toEqual(['MWL-B']);
  });

  it('declares ISO_IR 192 for a name outside ASCII, and the name arrives intact', async () => {
    const r = await find('DEMO1', { patientId: 'WL-D' });
    expect(accessions(r)).toEqual(['MWL-D']);
    const [d] = r.answers;
    expect(d!['00080005']?.Value).toEqual(['ISO_IR 192']);
    expect(valueOf(d, '00100010')).toBe('NÚÑEZ^José');
    const ascii = await find('DEMO1', { patientId: 'WL-A' });
    expect(ascii.answers[0]!['00080005']).toBeUndefined();
  });

  it("gives another clinic's AE only that clinic's orders", async () => {
    const r = await find('DEMO2', { startDate: da(today) });
    expect(r.code, r.out).toBe(0);
    expect(accessions(r)).toEqual(['MWL-H']);
    const byName = await find('DEMO2', { patientName: 'SANTOS*' });
    expect(byName.answers).toEqual([]);
    const byId = await find('DEMO2', { patientId: 'WL-A' });
    expect(byId.answers).toEqual([]);
  });

  it('refuses an unknown AE as the DICOM port always does', async () => {
    const r = await find('STRANGER', { startDate: da(today) });
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/Association Rejected/i);
    expect(r.answers).toEqual([]);
  });

  it('audits each query with the calling AE, its clinic and the number of matches', async () => {
    const before = await f.tdb.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();
    await find('DEMO1', { startDate: da(today), modality: 'CR' });
    const events = await f.tdb.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'dimse.find')
      .where('id', '>', String(before.id ?? 0))
      .execute();
    expect(events).toHaveLength(1);
    const clinicId = (await clinicToday(f.tdb.db, 'DEMO1')).id;
    expect(events[0]).toMatchObject({
      outcome: 'success',
      actor_name: 'AE DEMO1',
      clinic_id: clinicId,
    });
    expect(events[0]!.details).toMatchObject({ model: 'worklist', matches: 1 });
  });

  it("reads a clinic's dates through the orders_clinic_scheduled index", async () => {
    const { id } = await clinicToday(f.tdb.db, 'DEMO1');
    const plan = await f.tdb.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      return worklistEntriesQuery(trx, id, { from: today, to: today, limit: 10 }).explain();
    });
    expect(JSON.stringify(plan)).toContain('orders_clinic_scheduled');
  });
});
