import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { expect } from 'vitest';
import { appWithDemo, type AppFixture } from './appFixture';
import { startCadPeer, type CadAnswer, type CadPeer } from './cadPeer';
import { writeCxr } from './dicomFixtures';
import { signIn, type TestClient } from './http';
import { startDimseServer, type DimseListener } from '../modules/dimse';
import { run } from '../modules/dimse/testSupport';
import { markStableStudies } from '../modules/ingest';
import { createPrimaryReadTask } from '../modules/worklist';
import { cadIntegration, CAD4TB, registerProduct } from '../modules/cad/testSupport';

/**
 * The real DICOM path both ways for the CAD-object tests (docs/adr/0041): the demo app with
 * DEMO1 in the UK programme (blind first), CAD4TB 7.0.0 registered with its thresholds, DEMO1's
 * CAD integration with AE title CAD4TB, Telerad's DICOM listener, and the test CAD peer
 * (storescp answering with an xml2dsr Chest CAD SR and a heatmap SC, sent back by storescu).
 */
export interface CadDimse {
  fx: AppFixture;
  dimse: DimseListener;
  peer: CadPeer;
  admin: TestClient;
  qa: TestClient;
  radiologist: TestClient;
  demo1: string;
  integrationId: string;
  serviceUserId: string;
  /** A directory for the files a test writes. */
  dir: string;
  /** What the peer answers for each study UID (null: nothing). */
  answers: Map<string, CadAnswer>;
  /** Sends `file` to Telerad's DICOM port with storescu as `callingAe`; it must succeed. */
  sendToTelerad(callingAe: string, file: string): Promise<void>;
  /** A new CXR of DEMO1 sent by its AE, made stable and queued for its primary read. */
  queuedStudy(): Promise<{
    img: Awaited<ReturnType<typeof writeCxr>>;
    studyId: string;
    stableAt: Date | null;
  }>;
  /** Forwards the CXR to the CAD peer as the forwarding does, and waits for its answer. */
  forward(file: string, studyUid: string, a: CadAnswer): ReturnType<CadPeer['replied']>;
  tasksOf(studyId: string): ReturnType<typeof tasksQuery>;
  resultsOf(studyId: string): ReturnType<typeof resultsQuery>;
  objectsOf(studyId: string): ReturnType<typeof objectsQuery>;
  close(): Promise<void>;
}

/** The peer's answer: CAD4TB 7.0.0, score 87, one TB point, the heatmap after the SR. */
export const cadAnswer = (over: Partial<CadAnswer> = {}): CadAnswer => ({
  product: { name: 'CAD4TB', version: '7.0.0' },
  score: 87,
  finding: { label: 'Tuberculosis', x: 120, y: 80 },
  heatmap: 'after',
  ...over,
});

const tasksQuery = (fx: AppFixture, studyId: string) =>
  fx.tdb.db
    .selectFrom('reading_tasks')
    .select(['id', 'type', 'state', 'priority', 'priority_reason'])
    .where('study_id', '=', studyId)
    .execute();
const resultsQuery = (fx: AppFixture, studyId: string) =>
  fx.tdb.db
    .selectFrom('cad_results as r')
    .innerJoin('cad_products as p', 'p.id', 'r.product_id')
    .select(['r.source', 'r.score', 'p.version', 'r.received_by', 'r.heatmap_sop_instance_uid'])
    .select('r.labels')
    .where('r.study_id', '=', studyId)
    .execute();
const objectsQuery = (fx: AppFixture, studyId: string) =>
  fx.tdb.db
    .selectFrom('cad_objects')
    .select(['sop_instance_uid', 'kind', 'outcome', 'reason', 'result_id'])
    .where('study_id', '=', studyId)
    .orderBy('kind', 'desc')
    .execute();

/** Starts everything `CadDimse` describes; `close()` stops it. */
export async function startCadDimse(): Promise<CadDimse> {
  const fx = await appWithDemo();
  const dir = path.join(fx.dataDir, 'cxr');
  fs.mkdirSync(dir);
  const admin = await signIn(fx.app, 'admin');
  const qa = await signIn(fx.app, 'qa');
  const radiologist = await signIn(fx.app, 'radiologist');
  const clinics = await fx.tdb.db.selectFrom('clinics').select(['id', 'code']).execute();
  const demo1 = clinics.find((c) => c.code === 'DEMO1')!.id;
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
  const integrationId = integration.id;
  const set = await admin.request({
    method: 'PUT',
    url: `/api/cad/integrations/${integrationId}/ae-titles`,
    payload: { aeTitles: ['cad4tb'] },
  });
  expect(set.statusCode, set.body).toBe(200);
  expect(set.json()).toEqual({ id: integrationId, aeTitles: ['CAD4TB'] });

  const dimse = await startDimseServer({
    db: fx.tdb.db,
    storage: fx.storage,
    ingest: { db: fx.tdb.db, storage: fx.storage, minFreeBytes: 0, maxObjectBytes: 1 << 28 },
    aeTitle: 'TELERAD',
    port: 0,
    host: '127.0.0.1',
    logger: pino({ level: 'silent' }),
  });
  const answers = new Map<string, CadAnswer>();
  const peer = await startCadPeer({
    aeTitle: 'CAD4TB',
    telerad: { host: '127.0.0.1', port: dimse.port, aeTitle: 'TELERAD' },
    answer: (img) => answers.get(img.studyUid) ?? null,
  });
  let n = 0;
  const sendToTelerad = async (callingAe: string, file: string) => {
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
  };
  return {
    fx,
    dimse,
    peer,
    admin,
    qa,
    radiologist,
    demo1,
    integrationId,
    serviceUserId: integration.service_user_id,
    dir,
    answers,
    sendToTelerad,
    queuedStudy: async () => {
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
    },
    forward: async (file, studyUid, a) => {
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
    },
    tasksOf: (studyId) => tasksQuery(fx, studyId),
    resultsOf: (studyId) => resultsQuery(fx, studyId),
    objectsOf: (studyId) => objectsQuery(fx, studyId),
    close: async () => {
      await peer.close();
      await dimse.close(1000);
      await fx.close();
    },
  };
}
