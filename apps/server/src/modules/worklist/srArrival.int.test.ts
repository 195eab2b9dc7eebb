import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCxr } from '../../testing/dicomFixtures';
import { writeClinicSr } from '../../testing/dicom/clinicSr';
import { dimseFixture, run, type DimseFixture } from '../dimse/testSupport';
import { markStableStudies } from '../ingest';
import { createPrimaryReadTask, reconcileStableStudies } from '.';

/**
 * A clinic's SR is a document about the images, not images to read: sent over DIMSE (storescu)
 * after the study's read is finished, or before any image, it never makes a primary read, and
 * the study's re-stabilisation ends quietly instead of looping. An image arriving afterwards
 * still does what it always did.
 */
let f: DimseFixture;
let dir: string;

beforeAll(async () => {
  f = await dimseFixture();
  dir = path.join(f.dataDir, 'files');
  fs.mkdirSync(dir);
});
afterAll(async () => f?.close());

const send = async (file: string) => {
  const r = await run('storescu', [
    '-aet',
    'DEMO1',
    '-aec',
    'TELERAD',
    '127.0.0.1',
    String(f.port),
    file,
  ]);
  expect(r.code, r.out).toBe(0);
};

async function studyOf(studyUid: string) {
  return f.tdb.db
    .selectFrom('studies')
    .select(['id', 'stable_at', 'num_instances'])
    .where('study_uid', '=', studyUid)
    .executeTakeFirstOrThrow();
}

/** Marks every quiet study stable and hands each to the worklist as the consumer would. */
async function settle() {
  const events = await markStableStudies(f.tdb.db, 0);
  return Promise.all(events.map((e) => createPrimaryReadTask(f.tdb.db, e, new Date())));
}

const primaryReads = async (studyId: string) =>
  f.tdb.db
    .selectFrom('reading_tasks')
    .select(['id', 'state'])
    .where('study_id', '=', studyId)
    .where('type', '=', 'primary_read')
    .execute();

describe('a clinic SR and the stable-study hand-off', () => {
  it('the test SR is a valid Enhanced SR (dciodvfy)', async () => {
    const img = await writeCxr(path.join(dir, 'v.dcm'), 'explicitLE', {
      seed: 7,
      rows: 16,
      columns: 16,
    });
    const sr = path.join(dir, 'v-sr.dcm');
    writeClinicSr(img.path, sr, { impression: 'Normal chest.', category: 'normal' });
    const r = await run('dciodvfy', [sr]);
    expect(r.out).toMatch(/^EnhancedSR$/m);
    expect(r.out).not.toMatch(/^Error/m);
  });

  it('an SR arriving after the read is finished creates no new task, and the study settles', async () => {
    const img = await writeCxr(path.join(dir, 'a.dcm'), 'explicitLE', {
      seed: 11,
      rows: 16,
      columns: 16,
    });
    await send(img.path);
    const study = await studyOf(img.studyInstanceUid);
    const first = (await settle()).find((r) => r.outcome === 'created');
    expect(first).toBeDefined();
    const [task] = await primaryReads(study.id);
    await f.tdb.db
      .updateTable('reading_tasks')
      .set({ state: 'completed', completed_at: new Date() })
      .where('id', '=', task!.id)
      .execute();

    const sr = path.join(dir, 'a-sr.dcm');
    writeClinicSr(img.path, sr, { impression: 'No active lung disease.' });
    await send(sr);
    const reopened = await studyOf(img.studyInstanceUid);
    expect(reopened.num_instances).toBe(2);
    expect(reopened.stable_at).toBeNull();

    const outcomes = await settle();
    expect(outcomes).toContainEqual({ outcome: 'no_new_images' });
    expect(await primaryReads(study.id)).toEqual([{ id: task!.id, state: 'completed' }]);
    // Stable once, not again: the next sweep finds nothing and the repair sweep adds nothing.
    expect((await studyOf(img.studyInstanceUid)).stable_at).not.toBeNull();
    expect(await markStableStudies(f.tdb.db, 0)).toEqual([]);
    const repaired = await reconcileStableStudies(f.tdb.db, {
      cursor: null,
      log: pino({ level: 'silent' }),
      graceSeconds: 0,
    });
    expect(repaired.repaired).toEqual([]);
    expect(await primaryReads(study.id)).toHaveLength(1);

    // New images after the read still make a new read, as before.
    const more = await writeCxr(path.join(dir, 'a2.dcm'), 'explicitLE', {
      seed: 12,
      rows: 16,
      columns: 16,
      study: { studyInstanceUid: img.studyInstanceUid },
      patient: { id: img.patientId },
    });
    await send(more.path);
    expect((await settle()).map((r) => r.outcome)).toContain('created');
    expect(await primaryReads(study.id)).toHaveLength(2);
  });

  it('a study holding only an SR waits for its images', async () => {
    const img = await writeCxr(path.join(dir, 'b.dcm'), 'explicitLE', {
      seed: 21,
      rows: 16,
      columns: 16,
    });
    const sr = path.join(dir, 'b-sr.dcm');
    writeClinicSr(img.path, sr, { impression: 'Suggestive of TB.' });
    await send(sr);
    const study = await studyOf(img.studyInstanceUid);
    expect(await settle()).toContainEqual({ outcome: 'no_new_images' });
    expect(await primaryReads(study.id)).toEqual([]);

    await send(img.path);
    const outcomes = await settle();
    expect(outcomes.map((r) => r.outcome)).toContain('created');
    expect(await primaryReads(study.id)).toHaveLength(1);
  });
});
