import type { WorklistPage } from '@telerad/contracts';
import { describe, expect, it } from 'vitest';
import { localDate } from '../centres';
import {
  fx,
  clinic1,
  demo1,
  tz1,
  newStudy,
  arrive,
  order,
  orderRow,
  events,
  readOf,
  requestOf,
  setPolicy,
  desk,
  useMatchingFixture,
} from './matchingFixture';

/**
 * Arriving studies meet their orders in the transaction that creates their primary read: by the
 * worklist's Study Instance UID, by accession number, then by applicant ID and date; a conflict,
 * several candidates or none are recorded and left for the desk.
 */
useMatchingFixture();

describe('automatic matching', () => {
  it('matches by accession number: the order is matched and the read takes its priority, programme and note', async () => {
    const o = await order({
      accessionNumber: 'ACC-1',
      priority: 'urgent',
      programme: 'CA',
      note: 'Cough for 3 weeks',
    });
    const s = await newStudy(demo1, { patientId: o.patientId, accession: 'ACC-1' });
    const r = await arrive(s.id);
    expect(r.outcome).toBe('created');
    expect(await orderRow(o.id)).toMatchObject({
      status: 'matched',
      study_id: s.id,
      match_method: 'accession',
      matched_by: null,
    });
    expect((await readOf(s.id))?.priority).toBe('urgent');
    expect(await requestOf(s.id)).toMatchObject({
      programme: 'CA',
      clinical_note: 'Cough for 3 weeks',
    });
    const e = await events(s.id);
    expect(e.map((x) => [x.outcome, x.method, x.order_id])).toEqual([
      ['matched', 'accession', o.id],
    ]);
    // Arriving again (a redelivered event, the reconciler) changes nothing and records nothing.
    expect((await arrive(s.id)).outcome).toBe('exists');
    expect(await events(s.id)).toHaveLength(1);
  });

  it('shows the matched order’s programme in the worklist, and an unmatched study its clinic’s', async () => {
    const o = await order({
      patientId: 'PROG-MATCHED',
      accessionNumber: 'ACC-PROG',
      programme: 'AUNZ',
    });
    const matched = await newStudy(demo1, { patientId: o.patientId, accession: 'ACC-PROG' });
    const unmatched = await newStudy(demo1, {
      patientId: 'PROG-NO-ORDER',
      studyDate: '2026-03-09',
    });
    await arrive(matched.id);
    await arrive(unmatched.id);
    const res = await clinic1.request({ method: 'GET', url: '/api/worklist?q=PROG-' });
    expect(res.statusCode, res.body).toBe(200);
    const rows = (res.json() as WorklistPage).tasks;
    const programmesOf = (uid: string) => rows.find((t) => t.studyUid === uid)?.programmes;
    const clinicProgrammes = (
      await fx.tdb.db
        .selectFrom('clinics')
        .select('programmes')
        .where('id', '=', demo1)
        .executeTakeFirstOrThrow()
    ).programmes;
    expect(clinicProgrammes.length).toBeGreaterThan(1);
    expect(programmesOf(matched.uid)).toEqual(['AUNZ']);
    expect(programmesOf(unmatched.uid)).toEqual(clinicProgrammes);
  });

  it('matches by the Study Instance UID the worklist gave, with no accession number, on another day', async () => {
    const o = await order({ scheduledDate: '2026-03-01' });
    const s = await newStudy(demo1, { patientId: o.patientId, uid: o.studyInstanceUid });
    await arrive(s.id);
    expect(await orderRow(o.id)).toMatchObject({ status: 'matched', match_method: 'accession' });
  });

  it('refuses an accession number whose order is for another applicant: a conflict, for a person', async () => {
    const o = await order({ accessionNumber: 'ACC-2' });
    const s = await newStudy(demo1, { patientId: 'SOMEONE-ELSE', accession: 'ACC-2' });
    expect((await arrive(s.id)).outcome).toBe('created');
    expect((await orderRow(o.id)).status).toBe('scheduled');
    const [e] = await events(s.id);
    expect(e).toMatchObject({ outcome: 'conflict', order_id: null });
    expect(e!.details).toMatchObject({ orderId: o.id, orderPatientId: o.patientId });
    const item = (await desk('unmatched_image')).items.find((i) => i.studyUid === s.uid);
    expect(item).toMatchObject({
      held: null,
      title: 'Its accession number belongs to another applicant',
    });
  });

  it('matches by applicant ID and the study date when there is no accession number (case and spaces aside)', async () => {
    const o = await order({ patientId: 'ab-1234', priority: 'stat' });
    const s = await newStudy(demo1, { patientId: ' AB-1234 ', accession: null });
    expect((await arrive(s.id)).outcome).toBe('created');
    expect(await orderRow(o.id)).toMatchObject({ status: 'matched', match_method: 'patient_date' });
    expect((await readOf(s.id))?.priority).toBe('stat');
  });

  it('without a study date, uses the clinic-local date of first arrival', async () => {
    // 17:30 UTC is already the next day in Manila.
    const at = new Date('2026-03-05T17:30:00Z');
    const local = localDate(at, tz1);
    expect(local).toBe('2026-03-06');
    const o = await order({ scheduledDate: local });
    const s = await newStudy(demo1, { patientId: o.patientId, studyDate: null, at });
    await arrive(s.id, at);
    expect((await orderRow(o.id)).status).toBe('matched');
  });

  it('records several candidates as ambiguous and matches none', async () => {
    const a = await order({ patientId: 'TWICE-1' });
    const b = await order({ patientId: 'TWICE-1' });
    const s = await newStudy(demo1, { patientId: 'TWICE-1' });
    await arrive(s.id);
    expect((await orderRow(a.id)).status).toBe('scheduled');
    expect((await orderRow(b.id)).status).toBe('scheduled');
    const [e] = await events(s.id);
    expect(e?.outcome).toBe('ambiguous');
    expect((e!.details as { candidates: string[] }).candidates.sort()).toEqual([a.id, b.id].sort());
  });

  it('records no order, once however often the study arrives, and leaves another date alone', async () => {
    await order({ patientId: 'OTHER-DAY', scheduledDate: '2026-03-05' });
    const s = await newStudy(demo1, { patientId: 'OTHER-DAY' });
    await arrive(s.id);
    await arrive(s.id);
    expect((await events(s.id)).map((e) => e.outcome)).toEqual(['no_order']);
  });

  it('does not overwrite the note or programme the clinic set by hand', async () => {
    const o = await order({ programme: 'AUNZ', note: 'From the order' });
    const s = await newStudy(demo1, { patientId: o.patientId });
    await fx.tdb.db
      .insertInto('study_requests')
      .values({
        study_id: s.id,
        clinic_id: demo1,
        clinical_note: 'Set by the clinic',
        programme: 'US',
      })
      .execute();
    await arrive(s.id);
    expect(await requestOf(s.id)).toMatchObject({
      clinical_note: 'Set by the clinic',
      programme: 'US',
    });
  });

  it('does not match at a clinic that registers no applicants', async () => {
    await setPolicy(demo1, 'none');
    const o = await order();
    const s = await newStudy(demo1, { patientId: o.patientId });
    expect((await arrive(s.id)).outcome).toBe('created');
    expect((await orderRow(o.id)).status).toBe('scheduled');
    expect(await events(s.id)).toHaveLength(0);
  });
});
