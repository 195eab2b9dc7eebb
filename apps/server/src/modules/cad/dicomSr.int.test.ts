import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { startCadPeer, type CadAnswer, type CadPeer } from '../../testing/cadPeer';
import { writeClinicSr } from '../../testing/dicom/clinicSr';
import { writeCxr } from '../../testing/dicomFixtures';
import { signIn, type TestClient } from '../../testing/http';
import { startDimseServer, type DimseListener } from '../dimse';
import { run } from '../dimse/testSupport';
import { markStableStudies } from '../ingest';
import { createPrimaryReadTask } from '../worklist';
import { cadIntegration, CAD4TB, registerProduct } from './testSupport';

/**
 * CAD objects in by DICOM (docs/adr/0041), over the real DICOM path both ways: a CXR is sent to
 * Telerad by its clinic (storescu), read-queued, then forwarded to the test CAD peer (storescp)
 * with storescu as the forwarding does; the peer answers with a Chest CAD SR built by xml2dsr and
 * a heatmap Secondary Capture, sent from the CAD's AE by storescu. The result is recorded from
 * the SR, the read is raised, no read is created or re-opened for the CAD objects, the heatmap
 * links, and the viewer's image list leaves them out.
 */
let fx: AppFixture;
let dimse: DimseListener;
let peer: CadPeer;
let admin: TestClient;
let qa: TestClient;
let radiologist: TestClient;
let demo1: string;
let integrationId: string;
let serviceUserId: string;
let dir: string;
let n = 0;
const answers = new Map<string, CadAnswer>();

const answer = (over: Partial<CadAnswer> = {}): CadAnswer => ({
  product: { name: 'CAD4TB', version: '7.0.0' },
  score: 87,
  finding: { label: 'Tuberculosis', x: 120, y: 80 },
  heatmap: 'after',
  ...over,
});

beforeAll(async () => {
  fx = await appWithDemo();
  dir = path.join(fx.dataDir, 'cxr');
  fs.mkdirSync(dir);
  admin = await signIn(fx.app, 'admin');
  qa = await signIn(fx.app, 'qa');
  radiologist = await signIn(fx.app, 'radiologist');
  const clinics = await fx.tdb.db.selectFrom('clinics').select(['id', 'code']).execute();
  demo1 = clinics.find((c) => c.code === 'DEMO1')!.id;
  await fx.tdb.db
    .updateTable('clinics')
    .set({ programmes: ['UK'] })
    .where('id', '=', demo1)
    .execute();
  const productId = await registerProduct(qa, CAD4TB);
  const t = await qa.request({
    method: 'POST',
    url: '/api/cad/thresholds',
    payload: { productId, programme: 'UK', operatingThreshold: 50, triageThreshold: 70 },
  });
  expect(t.statusCode, t.body).toBe(200);
  await cadIntegration(admin, [demo1]);
  const integration = await fx.tdb.db
    .selectFrom('cad_integrations')
    .select(['id', 'service_user_id'])
    .executeTakeFirstOrThrow();
  integrationId = integration.id;
  serviceUserId = integration.service_user_id;
  const set = await admin.request({
    method: 'PUT',
    url: `/api/cad/integrations/${integrationId}/ae-titles`,
    payload: { aeTitles: ['cad4tb'] },
  });
  expect(set.statusCode, set.body).toBe(200);
  expect(set.json()).toEqual({ id: integrationId, aeTitles: ['CAD4TB'] });

  dimse = await startDimseServer({
    db: fx.tdb.db,
    storage: fx.storage,
    ingest: { db: fx.tdb.db, storage: fx.storage, minFreeBytes: 0, maxObjectBytes: 1 << 28 },
    aeTitle: 'TELERAD',
    port: 0,
    host: '127.0.0.1',
    logger: pino({ level: 'silent' }),
  });
  peer = await startCadPeer({
    aeTitle: 'CAD4TB',
    telerad: { host: '127.0.0.1', port: dimse.port, aeTitle: 'TELERAD' },
    answer: (img) => answers.get(img.studyUid) ?? null,
  });
});
afterAll(async () => {
  await peer?.close();
  await dimse?.close(1000);
  await fx?.close();
});

/** Sends `file` to Telerad's DICOM port with storescu as `callingAe`; it must succeed. */
async function sendToTelerad(callingAe: string, file: string) {
  const r = await run('storescu', [
    '-aet',
    callingAe,
    '-aec',
    'TELERAD',
    '127.0.0.1',
    String(dimse.port),
    file,
  ]);
  expect(r.code, r.out).toBe(0);
}

/** A new CXR of DEMO1 sent by its AE, made stable and queued for its primary read. */
async function queuedStudy() {
  n++;
  const img = await writeCxr(path.join(dir, `cxr-${n}.dcm`), 'explicitLE', {
    seed: 900 + n,
    rows: 256,
    columns: 256,
  });
  await sendToTelerad('DEMO1', img.path);
  const events = await markStableStudies(fx.tdb.db, 0);
  for (const e of events) await createPrimaryReadTask(fx.tdb.db, e, new Date());
  const study = await fx.tdb.db
    .selectFrom('studies')
    .select(['id', 'stable_at'])
    .where('study_uid', '=', img.studyInstanceUid)
    .executeTakeFirstOrThrow();
  return { img, studyId: study.id, stableAt: study.stable_at };
}

/** Forwards the CXR to the CAD peer as the forwarding does, and waits for its answer. */
async function forward(file: string, studyUid: string, a: CadAnswer) {
  answers.set(studyUid, a);
  const r = await run('storescu', [
    '-aet',
    'TELERAD',
    '-aec',
    'CAD4TB',
    '127.0.0.1',
    String(peer.port),
    file,
  ]);
  expect(r.code, r.out).toBe(0);
  const reply = await peer.replied(studyUid);
  expect(reply.code, reply.out).toBe(0);
  return reply;
}

const tasksOf = (studyId: string) =>
  fx.tdb.db
    .selectFrom('reading_tasks')
    .select(['id', 'type', 'state', 'priority', 'priority_reason'])
    .where('study_id', '=', studyId)
    .execute();
const resultsOf = (studyId: string) =>
  fx.tdb.db
    .selectFrom('cad_results as r')
    .innerJoin('cad_products as p', 'p.id', 'r.product_id')
    .select(['r.source', 'r.score', 'p.version', 'r.received_by', 'r.heatmap_sop_instance_uid'])
    .select('r.labels')
    .where('r.study_id', '=', studyId)
    .execute();
const objectsOf = (studyId: string) =>
  fx.tdb.db
    .selectFrom('cad_objects')
    .select(['sop_instance_uid', 'kind', 'outcome', 'reason', 'result_id'])
    .where('study_id', '=', studyId)
    .orderBy('kind', 'desc')
    .execute();
/** What `client` gets from DICOMweb at `url` (JSON answers as DICOM JSON). */
const dicomweb = (client: TestClient, url: string, accept = 'application/dicom+json') =>
  client.request({ method: 'GET', url: `/dicomweb${url}`, headers: { accept } });
const sopsOf = (body: string) =>
  (JSON.parse(body) as Record<string, { Value?: string[] }>[])
    .map((d) => d['00080018']!.Value![0])
    .sort();
const metadataSops = async (client: TestClient, studyUid: string, query: string) => {
  const res = await dicomweb(client, `/studies/${studyUid}/metadata${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return sopsOf(res.body);
};

describe('CAD objects by C-STORE from the CAD’s AE', () => {
  it('the peer’s Chest CAD SR is valid: dsrdump reads its tree and dciodvfy finds no error', async () => {
    const { img } = await queuedStudy();
    const reply = await forward(img.path, img.studyInstanceUid, answer());
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
    const { img, studyId, stableAt } = await queuedStudy();
    const [read] = await tasksOf(studyId);
    expect(read).toMatchObject({ type: 'primary_read', priority: 'routine' });
    const reply = await forward(img.path, img.studyInstanceUid, answer());

    const [result, ...more] = await resultsOf(studyId);
    expect(more).toEqual([]);
    expect(result).toMatchObject({
      source: 'dicom_sr',
      score: 87,
      version: '7.0.0',
      received_by: serviceUserId,
      heatmap_sop_instance_uid: reply.heatmapUid,
    });
    expect(result!.labels).toEqual([
      { label: 'Tuberculosis', probability: 0.87, point: { x: 120, y: 80 } },
    ]);
    // The triage band raised the one open read; no task was made for the CAD objects.
    const tasks = await tasksOf(studyId);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ id: read!.id, priority: 'urgent' });
    // Stability was not restarted: the next sweep finds nothing, the study keeps its stable time.
    expect(await markStableStudies(fx.tdb.db, 0)).toEqual([]);
    const study = await fx.tdb.db
      .selectFrom('studies')
      .select(['stable_at', 'num_instances'])
      .where('id', '=', studyId)
      .executeTakeFirstOrThrow();
    expect(study.stable_at).toEqual(stableAt);
    expect(study.num_instances).toBe(3);
    expect(await objectsOf(studyId)).toEqual([
      expect.objectContaining({ sop_instance_uid: reply.srUid, kind: 'sr', outcome: 'result' }),
      expect.objectContaining({
        sop_instance_uid: reply.heatmapUid,
        kind: 'heatmap',
        outcome: 'heatmap',
      }),
    ]);
    // Never a clinic's read.
    const clinicReads = await fx.tdb.db
      .selectFrom('clinic_reads')
      .select('id')
      .where('study_id', '=', studyId)
      .execute();
    expect(clinicReads).toEqual([]);
  });

  it('the viewer’s image list leaves the CAD objects out; DICOMweb clients get them unless blind', async () => {
    const { img, studyId } = await queuedStudy();
    const reply = await forward(img.path, img.studyInstanceUid, answer());
    const all = [img.sopInstanceUid, reply.srUid, reply.heatmapUid].sort();
    const uid = img.studyInstanceUid;
    const heatmapSeries = (
      await fx.tdb.db
        .selectFrom('instances as i')
        .innerJoin('series as se', 'se.id', 'i.series_id')
        .select('se.series_uid')
        .where('i.sop_uid', '=', reply.heatmapUid!)
        .executeTakeFirstOrThrow()
    ).series_uid;
    const heatmap = `/studies/${uid}/series/${heatmapSeries}/instances/${reply.heatmapUid}`;
    const wadoStatuses = async (client: TestClient) => [
      (await dicomweb(client, heatmap, 'multipart/related; type="application/dicom"')).statusCode,
      (await dicomweb(client, `${heatmap}/metadata`)).statusCode,
      (
        await dicomweb(
          client,
          `${heatmap}/frames/1`,
          'multipart/related; type="application/octet-stream"',
        )
      ).statusCode,
      (await dicomweb(client, `${heatmap}/rendered`, 'image/png')).statusCode,
      (
        await dicomweb(
          client,
          `${heatmap}/bulkdata/7FE00010`,
          'multipart/related; type="application/octet-stream"',
        )
      ).statusCode,
    ];
    const studyCount = async (client: TestClient) => {
      const res = await dicomweb(client, `/studies?StudyInstanceUID=${uid}`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as Record<string, { Value: number[] }>[])[0]!['00201208']!.Value[0];
    };

    // The reader is blind on the study (UK is blind first): no door of DICOMweb shows CAD.
    expect(await metadataSops(radiologist, uid, '?cad=exclude')).toEqual([img.sopInstanceUid]);
    expect(await metadataSops(radiologist, uid, '')).toEqual([img.sopInstanceUid]);
    const instances = await dicomweb(radiologist, `/studies/${uid}/instances`);
    expect(sopsOf(instances.body)).toEqual([img.sopInstanceUid]);
    const series = await dicomweb(radiologist, `/studies/${uid}/series`);
    expect(series.json()).toHaveLength(1);
    expect(await studyCount(radiologist)).toBe(1);
    expect(await wadoStatuses(radiologist)).toEqual([404, 404, 404, 404, 404]);

    // QA sees the whole study at once.
    expect(await metadataSops(qa, uid, '')).toEqual(all);
    expect(await studyCount(qa)).toBe(3);
    expect(await wadoStatuses(qa)).toEqual([200, 200, 200, 200, 200]);

    // After the reader's first impression, they see it too; the viewer's list still leaves it out.
    const [read] = await tasksOf(studyId);
    const claimed = await radiologist.request({
      method: 'POST',
      url: `/api/tasks/${read!.id}/claim`,
    });
    expect(claimed.statusCode, claimed.body).toBe(200);
    const chosen = await radiologist.request({
      method: 'POST',
      url: `/api/tasks/${read!.id}/cad/preliminary`,
      payload: { choice: 'abnormal' },
    });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(await metadataSops(radiologist, uid, '')).toEqual(all);
    expect(await metadataSops(radiologist, uid, '?cad=exclude')).toEqual([img.sopInstanceUid]);
    expect(sopsOf((await dicomweb(radiologist, `/studies/${uid}/instances`)).body)).toEqual(all);
    expect(await studyCount(radiologist)).toBe(3);
    expect(await wadoStatuses(radiologist)).toEqual([200, 200, 200, 200, 200]);
  });

  it('a heatmap that arrives before its SR is linked when the SR comes', async () => {
    const { img, studyId } = await queuedStudy();
    const reply = await forward(img.path, img.studyInstanceUid, answer({ heatmap: 'before' }));
    const [result] = await resultsOf(studyId);
    expect(result!.heatmap_sop_instance_uid).toBe(reply.heatmapUid);
    const objects = await objectsOf(studyId);
    expect(objects.every((o) => o.result_id !== null)).toBe(true);
  });

  it('an SR of an unregistered product version is stored, gives no result, and tells support', async () => {
    const { img, studyId } = await queuedStudy();
    const reply = await forward(
      img.path,
      img.studyInstanceUid,
      answer({ product: { name: 'CAD4TB', version: '7.1.0' }, heatmap: false }),
    );
    expect(await resultsOf(studyId)).toEqual([]);
    const [object] = await objectsOf(studyId);
    expect(object).toMatchObject({ sop_instance_uid: reply.srUid, outcome: 'unknown_version' });
    expect(object!.reason).toMatch(/CAD4TB 7\.1\.0 is not a registered product version/);
    const told = await fx.tdb.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['u.username', 'n.title', 'n.body'])
      .where('n.kind', '=', 'cad.object_unread')
      .where('n.clinic_id', '=', demo1)
      .execute();
    expect(told.map((t) => t.username)).toContain('support');
    expect(told[0]!.body).toContain('7.1.0');
    // The reason is visible on the study's CAD objects.
    const support = await signIn(fx.app, 'support');
    const listed = await support.request({
      method: 'GET',
      url: `/api/studies/${img.studyInstanceUid}/cad/objects`,
    });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().objects[0]).toMatchObject({ outcome: 'unknown_version' });
    // The read keeps its place: no result, no raise.
    expect((await tasksOf(studyId))[0]).toMatchObject({ priority: 'routine' });
  });

  it('a clinic’s SR is a clinic’s read from the clinic’s AE, and never one from the CAD’s AE', async () => {
    const clinicReads = (studyId: string) =>
      fx.tdb.db
        .selectFrom('clinic_reads')
        .select(['source', 'sr_sop_uid'])
        .where('study_id', '=', studyId)
        .execute();
    // From the CAD's AE: a CAD object (no score, so unreadable), never the clinic's read.
    const fromCad = await queuedStudy();
    const cadCopy = path.join(dir, `clinic-sr-cad-${n}.dcm`);
    const cadSrUid = writeClinicSr(fromCad.img.path, cadCopy, {
      impression: 'Normal chest.',
      category: 'normal',
      quality: '1 — Good',
    });
    await sendToTelerad('CAD4TB', cadCopy);
    expect(await clinicReads(fromCad.studyId)).toEqual([]);
    expect(await resultsOf(fromCad.studyId)).toEqual([]);
    expect(await objectsOf(fromCad.studyId)).toEqual([
      expect.objectContaining({ sop_instance_uid: cadSrUid, kind: 'sr', outcome: 'unreadable' }),
    ]);
    // The same kind of SR from the clinic's AE is taken as its read, as before.
    const fromClinic = await queuedStudy();
    const clinicCopy = path.join(dir, `clinic-sr-${n}.dcm`);
    const clinicSrUid = writeClinicSr(fromClinic.img.path, clinicCopy, {
      impression: 'Normal chest.',
      category: 'normal',
      quality: '1 — Good',
    });
    await sendToTelerad('DEMO1', clinicCopy);
    expect(await clinicReads(fromClinic.studyId)).toEqual([
      { source: 'sr', sr_sop_uid: clinicSrUid },
    ]);
    expect(await objectsOf(fromClinic.studyId)).toEqual([]);
  });

  it('an object from the CAD’s AE about a study outside its clinics is refused (0124)', async () => {
    const img = await writeCxr(path.join(dir, 'foreign.dcm'), 'explicitLE', {
      seed: 4242,
      rows: 64,
      columns: 64,
    });
    await sendToTelerad('DEMO2', img.path);
    answers.set(img.studyInstanceUid, answer({ heatmap: false }));
    await run('storescu', ['-aec', 'CAD4TB', '127.0.0.1', String(peer.port), img.path]);
    const reply = await peer.replied(img.studyInstanceUid);
    expect(reply.out).toMatch(/Store Response \(.*0x0?124\)/i);
    const stored = await fx.tdb.db
      .selectFrom('instances')
      .select('id')
      .where('sop_uid', '=', reply.srUid)
      .execute();
    expect(stored).toEqual([]);
  });
});
