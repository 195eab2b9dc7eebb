import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { AttentionPage } from '@telerad/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { writeCxr, writeRealWorld, type RealWorldFile } from '../../testing/dicomFixtures';
import { signIn, type TestClient } from '../../testing/http';
import { createPrimaryReadTask } from '../worklist';

/**
 * The "needs attention" list and the identity correction: a study without Patient ID is stored,
 * listed with its reasons and kept out of the worklist until an assistant enters the identity;
 * the correction is audited, leaves the bytes as received, and the worklist shows it.
 */
let fx: AppFixture;
let dir: string;
let assistant: TestClient;
let noId: RealWorldFile;
let ct: RealWorldFile;
let clean: string;

beforeAll(async () => {
  fx = await appWithDemo();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-attention-'));
  noId = writeRealWorld(dir, 'no-patient-id');
  ct = writeRealWorld(dir, 'ct-localizer');
  const cxr = await writeCxr(path.join(dir, 'clean.dcm'), 'explicitLE', { rows: 16, columns: 16 });
  clean = cxr.studyInstanceUid;
  for (const file of [noId.path, ct.path, cxr.path]) await fx.storeAs('DEMO1', file);
  assistant = await signIn(fx.app, 'assistant');
});
afterAll(async () => {
  await fx?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const list = async (client: TestClient = assistant) => {
  const res = await client.request({ method: 'GET', url: '/api/attention' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as AttentionPage;
};
const studyId = async (uid: string) =>
  (
    await fx.tdb.db
      .selectFrom('studies')
      .select(['id', 'stable_at', 'num_instances'])
      .where('study_uid', '=', uid)
      .executeTakeFirstOrThrow()
  ).id;
const tasksOf = async (uid: string) =>
  fx.tdb.db
    .selectFrom('reading_tasks')
    .select('id')
    .where('study_id', '=', await studyId(uid))
    .execute();
const stableEvent = async (uid: string) => ({
  studyId: await studyId(uid),
  stableAt: new Date().toISOString(),
  numInstances: 1,
});

describe('needs attention', () => {
  it('lists flagged studies with their reasons, the one without Patient ID first', async () => {
    const page = await list();
    expect(page.items.map((i) => i.studyUid)).toEqual([noId.studyUid, ct.studyUid]);
    expect(page.total).toBe(2);
    const [first, second] = page.items;
    expect(first).toMatchObject({
      awaitingIdentity: true,
      patientId: '',
      identityCorrected: false,
    });
    expect(first!.flags.map((f) => f.code).sort()).toEqual([
      'patient_id_missing',
      'patient_name_missing',
    ]);
    expect(second!.flags).toMatchObject([
      {
        code: 'iod_deviation',
        detail: 'CT Image: missing ImagePositionPatient, ImageOrientationPatient',
      },
    ]);
    expect(page.items.map((i) => i.studyUid)).not.toContain(clean);

    const clinic = await signIn(fx.app, 'clinic1');
    expect((await clinic.request({ method: 'GET', url: '/api/attention' })).statusCode).toBe(403);
  });

  it('keeps a study without Patient ID out of the worklist until an assistant enters it', async () => {
    // As the stability watcher would, once the quiet period passed.
    await fx.tdb.db.updateTable('studies').set({ stable_at: new Date() }).execute();
    const now = new Date();
    expect(
      (await createPrimaryReadTask(fx.tdb.db, await stableEvent(noId.studyUid), now)).outcome,
    ).toBe('awaiting_identity');
    expect(await tasksOf(noId.studyUid)).toEqual([]);
    expect(
      (await createPrimaryReadTask(fx.tdb.db, await stableEvent(ct.studyUid), now)).outcome,
    ).toBe('created');

    const bad = await assistant.request({
      method: 'POST',
      url: `/api/studies/${noId.studyUid}/identity`,
      payload: { patientId: '', familyName: 'X' },
    });
    expect(bad.statusCode).toBe(400);

    const res = await assistant.request({
      method: 'POST',
      url: `/api/studies/${noId.studyUid}/identity`,
      payload: {
        patientId: 'UKTB-4471',
        familyName: 'MWANGI',
        givenName: 'GRACE',
        reason: 'ID from the clinic register',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      patientId: 'UKTB-4471',
      patientName: 'MWANGI^GRACE',
      worklist: 'created',
    });
    expect(await tasksOf(noId.studyUid)).toHaveLength(1);

    // The worklist shows the corrected identity.
    const radiologist = await signIn(fx.app, 'radiologist');
    const wl = await radiologist.request({ method: 'GET', url: '/api/worklist' });
    expect(wl.body).toContain('UKTB-4471');
    expect(wl.body).toContain('MWANGI^GRACE');

    // Audited, with the header's identity as received.
    const audit = await fx.tdb.db
      .selectFrom('audit_events')
      .select(['details', 'clinic_id', 'actor_name'])
      .where('action', '=', 'study.identity.correct')
      .where('resource_id', '=', noId.studyUid)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_name).toBe('assistant');
    expect(audit[0]!.details).toMatchObject({
      received: { patientId: '', patientName: null },
      after: { patientId: 'UKTB-4471', patientName: 'MWANGI^GRACE' },
    });

    // The stored bytes and header stay as received.
    const inst = await fx.tdb.db
      .selectFrom('instances')
      .select(['sha256', 'storage_key', 'metadata'])
      .where('sop_uid', '=', noId.sopUid)
      .executeTakeFirstOrThrow();
    const bytes = fs.readFileSync(await fx.storage.pathOf(inst.storage_key));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(inst.sha256);
    expect(Buffer.compare(bytes, fs.readFileSync(noId.path))).toBe(0);
    expect((inst.metadata as Record<string, unknown>)['00100020']).toBeUndefined();

    // Still listed (its flags were not looked at), now with both identities.
    const item = (await list()).items.find((i) => i.studyUid === noId.studyUid);
    expect(item).toMatchObject({
      awaitingIdentity: false,
      identityCorrected: true,
      patientId: 'UKTB-4471',
      receivedPatientId: '',
    });
  });

  it('drops reviewed flags from the list; a new version brings the study back', async () => {
    for (const uid of [noId.studyUid, ct.studyUid]) {
      const r = await assistant.request({
        method: 'POST',
        url: `/api/studies/${uid}/attention/review`,
        payload: { note: 'checked with the clinic' },
      });
      expect(r.statusCode, r.body).toBe(204);
    }
    expect((await list()).items).toEqual([]);

    const again = writeRealWorld(dir, 'no-pixel-data', {
      sopUid: ct.sopUid,
      studyUid: ct.studyUid,
      seriesUid: ct.seriesUid,
    });
    await fx.storeAs('DEMO1', again.path);
    const page = await list();
    expect(page.items.map((i) => i.studyUid)).toEqual([ct.studyUid]);
    // The study page shows every reason, reviewed or not, the new version included.
    const detail = await assistant.request({ method: 'GET', url: `/api/studies/${ct.studyUid}` });
    expect(
      (detail.json() as { flags: { code: string }[] }).flags.map((f) => f.code).sort(),
    ).toEqual(['iod_deviation', 'new_version', 'no_pixel_data']);
    expect(page.items[0]!.flags.map((f) => `${f.code}:${f.detail}`).sort()).toEqual([
      `new_version:${ct.sopUid}`,
      'no_pixel_data:CR Image',
    ]);
  });
});
