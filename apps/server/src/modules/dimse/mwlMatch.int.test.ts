import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCxr } from '../../testing/dicomFixtures';
import { da, findWorklist, valueOf } from '../../testing/dicom/worklistScu';
import { markStableStudies } from '../ingest';
import { createPrimaryReadTask } from '../worklist';
import { dimseFixture, run, type DimseFixture } from './testSupport';
import { adminContext, clinicToday, scheduleOrder } from './worklistTestSupport';

/**
 * The loop the modality worklist closes: the X-ray unit takes the applicant's identity, the
 * accession number and the Study Instance UID from `findscu -W`, writes them into the image
 * (`dcmodify`), sends it (`storescu`), and the order is matched by its accession number as soon
 * as the study is stable.
 */
let f: DimseFixture;
let dir: string;

beforeAll(async () => {
  f = await dimseFixture();
  dir = path.join(f.dataDir, 'mwl');
  fs.mkdirSync(dir);
});
afterAll(async () => f?.close());

describe('an image made from the worklist', () => {
  it('is matched to its order by accession number once its study is stable', async () => {
    const { id: clinicId, today } = await clinicToday(f.tdb.db, 'DEMO1');
    await f.tdb.db
      .updateTable('clinics')
      .set({ order_policy: 'match' })
      .where('id', '=', clinicId)
      .execute();
    const order = await scheduleOrder(await adminContext(f.tdb.db), 'DEMO1', {
      accessionNumber: 'MWL-M1',
      patientId: 'WL-M1',
      familyName: 'SANTOS',
      givenName: 'Maria',
      birthDate: '1990-02-03',
      sex: 'F',
      scheduledDate: today,
      stationAeTitle: 'DEMO1',
    });

    const wl = await findWorklist(dir, f.port, 'DEMO1', {
      startDate: da(today),
      stationAeTitle: 'DEMO1',
    });
    expect(wl.code, wl.out).toBe(0);
    expect(wl.answers).toHaveLength(1);
    const [item] = wl.answers;
    const identity = {
      '(0010,0020)': valueOf(item, '00100020')!,
      '(0010,0010)': valueOf(item, '00100010')!,
      '(0010,0030)': valueOf(item, '00100030')!,
      '(0010,0040)': valueOf(item, '00100040')!,
      '(0008,0050)': valueOf(item, '00080050')!,
      '(0020,000D)': valueOf(item, '0020000D')!,
    };
    expect(identity['(0020,000D)']).toBe(order.studyInstanceUid);

    // The unit's image: a fixture CXR whose identity the technician did not type.
    const image = await writeCxr(path.join(dir, 'cxr.dcm'), 'explicitLE', {
      seed: 5,
      rows: 32,
      columns: 32,
      patient: { id: 'TYPO-123', name: 'SANTSO^MARIA' },
    });
    const modify = await run('dcmodify', [
      '-nb',
      ...Object.entries(identity).flatMap(([tag, v]) => ['-m', `${tag}=${v}`]),
      image.path,
    ]);
    expect(modify.code, modify.out).toBe(0);
    const sent = await run('storescu', [
      '-aet',
      'DEMO1',
      '-aec',
      'TELERAD',
      '127.0.0.1',
      String(f.port),
      image.path,
    ]);
    expect(sent.code, sent.out).toBe(0);

    const study = await f.tdb.db
      .selectFrom('studies')
      .select(['id', 'accession_number', 'patient_id'])
      .where('study_uid', '=', order.studyInstanceUid)
      .executeTakeFirstOrThrow();
    expect(study).toMatchObject({ accession_number: 'MWL-M1', patient_id: 'WL-M1' });

    const events = await markStableStudies(f.tdb.db, 0);
    expect(events.map((e) => e.studyId)).toEqual([study.id]);
    for (const e of events) await createPrimaryReadTask(f.tdb.db, e, new Date());

    const matched = await f.tdb.db
      .selectFrom('orders')
      .select(['status', 'study_id', 'match_method'])
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow();
    expect(matched).toEqual({ status: 'matched', study_id: study.id, match_method: 'accession' });
    const after = await findWorklist(dir, f.port, 'DEMO1', { startDate: da(today) });
    expect(after.answers).toEqual([]);
  });
});
