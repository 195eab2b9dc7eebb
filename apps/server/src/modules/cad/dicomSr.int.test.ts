import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeClinicSr } from '../../testing/dicom/clinicSr';
import { writeCxr } from '../../testing/dicomFixtures';
import { signIn } from '../../testing/http';
import { run } from '../dimse/testSupport';
import { markStableStudies } from '../ingest';
import { cadAnswer, startCadDimse, type CadDimse } from '../../testing/cadDimse';

/**
 * CAD objects in by DICOM (docs/adr/0041), over the real DICOM path both ways: a CXR is sent to
 * Telerad by its clinic (storescu), read-queued, then forwarded to the test CAD peer (storescp)
 * with storescu as the forwarding does; the peer answers with a Chest CAD SR built by xml2dsr and
 * a heatmap Secondary Capture, sent from the CAD's AE by storescu. The result is recorded from
 * the SR, the read is raised, no read is created or re-opened for the CAD objects, the heatmap
 * links, and the viewer's image list leaves them out.
 */
let h: CadDimse;

beforeAll(async () => {
  h = await startCadDimse();
});
afterAll(async () => {
  await h?.close();
});

describe('CAD objects by C-STORE from the CAD’s AE', () => {
  it('the h.peer’s Chest CAD SR is valid: dsrdump reads its tree and dciodvfy finds no error', async () => {
    const { img } = await h.queuedStudy();
    const reply = await h.forward(img.path, img.studyInstanceUid, cadAnswer());
    const dump = await run('dsrdump', [reply.srPath]);
    expect(dump.code, dump.out).toBe(0);
    expect(dump.out).toMatch(/Chest CAD SR Document/);
    expect(dump.out).toMatch(/"Algorithm Version"\)="7\.0\.0"/);
    expect(dump.out).toMatch(/"Abnormality score"\)="87"/);
    const iod = await run('dciodvfy', [reply.srPath]);
    expect(iod.out).toMatch(/^ChestCADSR/m);
    expect(iod.out).not.toMatch(/^Error/m);
  });

  it('records the result from the SR, raises the read, creates no read and links the heatmap', async () => {
    const { img, studyId, stableAt } = await h.queuedStudy();
    const [read] = await h.tasksOf(studyId);
    expect(read).toMatchObject({ type: 'primary_read', priority: 'routine' });
    const reply = await h.forward(img.path, img.studyInstanceUid, cadAnswer());

    const [result, ...more] = await h.resultsOf(studyId);
    expect(more).toEqual([]);
    expect(result).toMatchObject({
      source: 'dicom_sr',
      score: 87,
      version: '7.0.0',
      received_by: h.serviceUserId,
      heatmap_sop_instance_uid: reply.heatmapUid,
    });
    expect(result!.labels).toEqual([
      { label: 'Tuberculosis', probability: 0.87, point: { x: 120, y: 80 } },
    ]);
    // The triage band raised the one open read; no task was made for the CAD objects.
    const tasks = await h.tasksOf(studyId);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ id: read!.id, priority: 'urgent' });
    // Stability was not restarted: the next sweep finds nothing, the study keeps its stable time.
    expect(await markStableStudies(h.fx.tdb.db, 0)).toEqual([]);
    const study = await h.fx.tdb.db
      .selectFrom('studies')
      .select(['stable_at', 'num_instances'])
      .where('id', '=', studyId)
      .executeTakeFirstOrThrow();
    expect(study.stable_at).toEqual(stableAt);
    expect(study.num_instances).toBe(3);
    expect(await h.objectsOf(studyId)).toEqual([
      expect.objectContaining({ sop_instance_uid: reply.srUid, kind: 'sr', outcome: 'result' }),
      expect.objectContaining({
        sop_instance_uid: reply.heatmapUid,
        kind: 'heatmap',
        outcome: 'heatmap',
      }),
    ]);
    // Never a clinic's read.
    const clinicReads = await h.fx.tdb.db
      .selectFrom('clinic_reads')
      .select('id')
      .where('study_id', '=', studyId)
      .execute();
    expect(clinicReads).toEqual([]);
  });

  it('a heatmap that arrives before its SR is linked when the SR comes', async () => {
    const { img, studyId } = await h.queuedStudy();
    const reply = await h.forward(img.path, img.studyInstanceUid, cadAnswer({ heatmap: 'before' }));
    const [result] = await h.resultsOf(studyId);
    expect(result!.heatmap_sop_instance_uid).toBe(reply.heatmapUid);
    const objects = await h.objectsOf(studyId);
    expect(objects.every((o) => o.result_id !== null)).toBe(true);
  });

  it('an SR of an unregistered product version is stored, gives no result, and tells support', async () => {
    const { img, studyId } = await h.queuedStudy();
    const reply = await h.forward(
      img.path,
      img.studyInstanceUid,
      cadAnswer({ product: { name: 'CAD4TB', version: '7.1.0' }, heatmap: false }),
    );
    expect(await h.resultsOf(studyId)).toEqual([]);
    const [object] = await h.objectsOf(studyId);
    expect(object).toMatchObject({ sop_instance_uid: reply.srUid, outcome: 'unknown_version' });
    expect(object!.reason).toMatch(/CAD4TB 7\.1\.0 is not a registered product version/);
    const told = await h.fx.tdb.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['u.username', 'n.title', 'n.body'])
      .where('n.kind', '=', 'cad.object_unread')
      .where('n.clinic_id', '=', h.demo1)
      .execute();
    expect(told.map((t) => t.username)).toContain('support');
    expect(told[0]!.body).toContain('7.1.0');
    // The reason is visible on the study's CAD objects.
    const support = await signIn(h.fx.app, 'support');
    const listed = await support.request({
      method: 'GET',
      url: `/api/studies/${img.studyInstanceUid}/cad/objects`,
    });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().objects[0]).toMatchObject({ outcome: 'unknown_version' });
    // The read keeps its place: no result, no raise.
    expect((await h.tasksOf(studyId))[0]).toMatchObject({ priority: 'routine' });
  });

  it('a clinic’s SR is a clinic’s read from the clinic’s AE, and never one from the CAD’s AE', async () => {
    const clinicReads = (studyId: string) =>
      h.fx.tdb.db
        .selectFrom('clinic_reads')
        .select(['source', 'sr_sop_uid'])
        .where('study_id', '=', studyId)
        .execute();
    // From the CAD's AE: a CAD object (no score, so unreadable), never the clinic's read.
    const fromCad = await h.queuedStudy();
    const cadCopy = path.join(h.dir, `clinic-sr-cad-${fromCad.studyId}.dcm`);
    const cadSrUid = writeClinicSr(fromCad.img.path, cadCopy, {
      impression: 'Normal chest.',
      category: 'normal',
      quality: '1 — Good',
    });
    await h.sendToTelerad('CAD4TB', cadCopy);
    expect(await clinicReads(fromCad.studyId)).toEqual([]);
    expect(await h.resultsOf(fromCad.studyId)).toEqual([]);
    expect(await h.objectsOf(fromCad.studyId)).toEqual([
      expect.objectContaining({ sop_instance_uid: cadSrUid, kind: 'sr', outcome: 'unreadable' }),
    ]);
    // The same kind of SR from the clinic's AE is taken as its read, as before.
    const fromClinic = await h.queuedStudy();
    const clinicCopy = path.join(h.dir, `clinic-sr-${fromClinic.studyId}.dcm`);
    const clinicSrUid = writeClinicSr(fromClinic.img.path, clinicCopy, {
      impression: 'Normal chest.',
      category: 'normal',
      quality: '1 — Good',
    });
    await h.sendToTelerad('DEMO1', clinicCopy);
    expect(await clinicReads(fromClinic.studyId)).toEqual([
      { source: 'sr', sr_sop_uid: clinicSrUid },
    ]);
    expect(await h.objectsOf(fromClinic.studyId)).toEqual([]);
  });

  it('an object from the CAD’s AE about a study outside its clinics is refused (0124)', async () => {
    const img = await writeCxr(path.join(h.dir, 'foreign.dcm'), 'explicitLE', {
      seed: 4242,
      rows: 64,
      columns: 64,
    });
    await h.sendToTelerad('DEMO2', img.path);
    h.answers.set(img.studyInstanceUid, cadAnswer({ heatmap: false }));
    await run('storescu', ['-aec', 'CAD4TB', '127.0.0.1', String(h.peer.port), img.path]);
    const reply = await h.peer.replied(img.studyInstanceUid);
    expect(reply.out).toMatch(/Store Response \(.*0x0?124\)/i);
    const stored = await h.fx.tdb.db
      .selectFrom('instances')
      .select('id')
      .where('sop_uid', '=', reply.srUid)
      .execute();
    expect(stored).toEqual([]);
  });
});
