import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { startOrthanc } from '../../testing/orthanc';
import { freePort } from '../../testing/serverProcess';
import { deliveryDeps, startStorescp } from '../delivery/testSupport';
import { STUDY_FORWARD_QUEUE } from '../ingest';
import {
  cxrFile,
  integrationId,
  makeStable,
  received,
  setTarget,
  uidAndPixels,
} from './forwardSupport';
import { forwardStableStudy, runDueCadForwards, type CadForwardDeps } from './forwardRunner';

/**
 * Forwarding stable chest X-rays to a CAD (docs/adr/0040) against real peers: DCMTK storescp as
 * the CAD's AE (C-STORE) and Orthanc with its DICOMweb plugin as a STOW-RS target.
 */
let fx: AppFixture;
let admin: TestClient;
let support: TestClient;
let deps: CadForwardDeps;
let demo1: string;
let demo2: string;
let dir: string;
const peers: ChildProcess[] = [];

beforeAll(async () => {
  fx = await appWithDemo();
  admin = await signIn(fx.app, 'admin');
  support = await signIn(fx.app, 'support');
  deps = deliveryDeps(fx, { maxAttempts: 2, callingAe: 'TELERAD' });
  const clinics = await fx.tdb.db.selectFrom('clinics').select(['id', 'code']).execute();
  demo1 = clinics.find((c) => c.code === 'DEMO1')!.id;
  demo2 = clinics.find((c) => c.code === 'DEMO2')!.id;
  dir = path.join(fx.dataDir, 'cad-forward');
});

afterAll(async () => {
  for (const p of peers) p.kill();
  await fx?.close();
});

/** The forwards recorded for integration `id`, by SOP Instance UID. */
async function forwardsOf(id: string) {
  return fx.tdb.db
    .selectFrom('cad_forwards')
    .select(['sop_instance_uid', 'state', 'attempts', 'last_error'])
    .where('integration_id', '=', id)
    .orderBy('created_at')
    .execute();
}

describe('forwarding to a CAD by C-STORE', () => {
  let cad: string;
  let port: number;
  const inbox = () => path.join(dir, 'storescp');

  beforeAll(async () => {
    port = await freePort();
    peers.push(await startStorescp('CADAE', port, inbox()));
    cad = await integrationId(admin, [demo1]);
    await setTarget(admin, cad, { protocol: 'dimse', aeTitle: 'CADAE', host: '127.0.0.1', port });
  });

  it('sends the PA image of a stable study once, and never its lateral or a foreign clinic’s', async () => {
    const pa = await cxrFile(dir, 'pa', { view: 'PA' });
    const lateral = await cxrFile(dir, 'lat', { view: 'LATERAL', studyUid: pa.studyInstanceUid });
    const ct = await cxrFile(dir, 'ct', { modality: 'CT', studyUid: pa.studyInstanceUid });
    const foreign = await cxrFile(dir, 'foreign', { view: 'PA', seed: 2 });
    await fx.storeAs('DEMO1', pa.path);
    await fx.storeAs('DEMO1', lateral.path);
    await fx.storeAs('DEMO1', ct.path);
    await fx.storeAs('DEMO2', foreign.path);

    const stable = await makeStable(fx);
    const studyId = stable.get(pa.studyInstanceUid)!;
    // The hand-off commits with the stable mark: one `study.forward` job per stable study.
    const jobs = await sql<{ n: number }>`select count(*)::int as n from pgboss.job
      where name = ${STUDY_FORWARD_QUEUE} and data->>'studyId' = ${studyId}`.execute(fx.tdb.db);
    expect(jobs.rows[0]!.n).toBe(1);

    const run = await forwardStableStudy(deps, studyId);
    expect(run).toEqual({ sent: 1, failed: 0, gaveUp: 0 });
    await forwardStableStudy(deps, stable.get(foreign.studyInstanceUid)!);

    const files = received(inbox());
    expect(files.map((f) => uidAndPixels(f).sop)).toEqual([pa.sopInstanceUid]);
    expect(uidAndPixels(files[0]!)).toEqual(uidAndPixels(pa.path));
    expect(await forwardsOf(cad)).toEqual([
      { sop_instance_uid: pa.sopInstanceUid, state: 'sent', attempts: 1, last_error: null },
    ]);

    // Run again (a redelivered job, the sweep): nothing acknowledged is sent twice.
    expect(await forwardStableStudy(deps, studyId)).toEqual({ sent: 0, failed: 0, gaveUp: 0 });
    expect(await runDueCadForwards(deps)).toBe(0);
    expect(received(inbox())).toHaveLength(1);

    // A new image after stability: only the new one goes.
    const second = await cxrFile(dir, 'pa2', { view: 'AP', studyUid: pa.studyInstanceUid });
    await fx.storeAs('DEMO1', second.path);
    const again = await makeStable(fx);
    expect(await forwardStableStudy(deps, again.get(pa.studyInstanceUid)!)).toEqual({
      sent: 1,
      failed: 0,
      gaveUp: 0,
    });
    expect(
      received(inbox())
        .map((f) => uidAndPixels(f).sop)
        .sort(),
    ).toEqual([pa.sopInstanceUid, second.sopInstanceUid].sort());
    // Each acknowledged image was attempted once, the first one not again with the second.
    expect((await forwardsOf(cad)).map((f) => [f.state, f.attempts])).toEqual([
      ['sent', 1],
      ['sent', 1],
    ]);

    // Support sees each forward with its attempts.
    const list = await support.request({
      method: 'GET',
      url: `/api/cad/integrations/${cad}/forwards`,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().forwards).toHaveLength(2);
    expect(list.json().forwards[0]).toMatchObject({
      state: 'sent',
      attempts: 1,
      clinicCode: 'DEMO1',
    });
  });

  it('answers a C-ECHO through the connection test', async () => {
    const res = await admin.request({
      method: 'POST',
      url: `/api/cad/integrations/${cad}/forward/test`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true });
  });
});

describe('forwarding to a CAD by STOW-RS', () => {
  let orthancUrl = '';
  let cad: string;

  beforeAll(async () => {
    const o = await startOrthanc(path.join(dir, 'orthanc'), {
      Plugins: ['/usr/share/orthanc/plugins/libOrthancDicomWeb.so'],
      DicomWeb: { Enable: true, Root: '/dicom-web/' },
    });
    peers.push(o.process);
    orthancUrl = o.url;
    cad = await integrationId(admin, [demo1]);
    await setTarget(admin, cad, { protocol: 'stow', url: `${orthancUrl}/dicom-web` });
  });

  it('stores the PA image in the CAD’s DICOMweb service, and not the lateral', async () => {
    const pa = await cxrFile(dir, 'stow-pa', { view: 'PA', seed: 3 });
    const lateral = await cxrFile(dir, 'stow-lat', {
      view: 'LATERAL',
      studyUid: pa.studyInstanceUid,
      seed: 3,
    });
    await fx.storeAs('DEMO1', pa.path);
    await fx.storeAs('DEMO1', lateral.path);
    const stable = await makeStable(fx);
    await forwardStableStudy(deps, stable.get(pa.studyInstanceUid)!);

    const instances = (await (await fetch(`${orthancUrl}/instances?expand`)).json()) as {
      MainDicomTags: { SOPInstanceUID: string };
      ID: string;
    }[];
    expect(instances.map((i) => i.MainDicomTags.SOPInstanceUID)).toEqual([pa.sopInstanceUid]);
    const file = path.join(dir, 'from-orthanc.dcm');
    fs.writeFileSync(
      file,
      Buffer.from(
        await (await fetch(`${orthancUrl}/instances/${instances[0]!.ID}/file`)).arrayBuffer(),
      ),
    );
    expect(uidAndPixels(file)).toEqual(uidAndPixels(pa.path));
    expect((await forwardsOf(cad)).map((f) => f.state)).toEqual(['sent']);
  });
});

describe('a CAD that does not answer', () => {
  it('is retried with backoff, then support is told once, and a retry sends it', async () => {
    const port = await freePort();
    const cad = await integrationId(admin, [demo1]);
    await setTarget(admin, cad, { protocol: 'dimse', aeTitle: 'DOWNCAD', host: '127.0.0.1', port });
    const pa = await cxrFile(dir, 'down-pa', { view: 'PA', seed: 4 });
    await fx.storeAs('DEMO1', pa.path);
    const stable = await makeStable(fx);
    const studyId = stable.get(pa.studyInstanceUid)!;

    await forwardStableStudy(deps, studyId);
    expect(await forwardsOf(cad)).toMatchObject([{ state: 'pending', attempts: 1 }]);
    expect((await forwardsOf(cad))[0]!.last_error).toContain('network error');
    const told = () =>
      fx.tdb.db
        .selectFrom('notifications as n')
        .innerJoin('users as u', 'u.id', 'n.user_id')
        .select(['u.username', 'n.title', 'n.body'])
        .where('n.kind', '=', 'cad.forward_failed')
        .execute();
    expect(await told()).toEqual([]);

    // The second attempt is the last (maxAttempts 2; backoff 0 s in tests): failed, support told.
    await runDueCadForwards(deps);
    expect(await forwardsOf(cad)).toMatchObject([{ state: 'failed', attempts: 2 }]);
    const alerts = await told();
    expect(alerts.map((n) => n.username)).toEqual(['support']);
    expect(alerts[0]!.title).toContain('DEMO1');
    expect(alerts[0]!.body).toContain(pa.studyInstanceUid);
    // A failed forward is not attempted again by the sweep.
    await runDueCadForwards(deps);
    expect(await forwardsOf(cad)).toMatchObject([{ state: 'failed', attempts: 2 }]);

    // The CAD is back: support's retry sends it.
    const inbox = path.join(dir, 'down-inbox');
    peers.push(await startStorescp('DOWNCAD', port, inbox));
    const retry = await support.request({
      method: 'POST',
      url: `/api/cad/integrations/${cad}/forwards/retry`,
    });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ retried: 1, sent: 1 });
    expect(received(inbox).map((f) => uidAndPixels(f).sop)).toEqual([pa.sopInstanceUid]);
  });
});

describe('the forward target as data', () => {
  it('refuses bad targets with a clear error and changes nothing', async () => {
    const cad = await integrationId(admin, [demo2]);
    const put = (body: unknown, id = cad) =>
      admin.request({
        method: 'PUT',
        url: `/api/cad/integrations/${id}/forward`,
        payload: body as Record<string, unknown>,
      });
    const bad = await put({ protocol: 'dimse', aeTitle: 'CAD', host: 'x y', port: 70000 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    const noCred = await put({
      protocol: 'stow',
      url: 'https://cad.example/dicomweb',
      auth: 'bearer',
    });
    expect(noCred.statusCode).toBe(400);
    const unknown = await put(
      { protocol: 'dimse', aeTitle: 'CAD', host: '127.0.0.1', port: 104 },
      crypto.randomUUID(),
    );
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('CAD_INTEGRATION_UNKNOWN');
    expect(
      await fx.tdb.db
        .selectFrom('cad_forward_targets')
        .select('integration_id')
        .where('integration_id', '=', cad)
        .execute(),
    ).toEqual([]);

    // A credential is stored to be sent and never answered.
    expect(
      (
        await put({
          protocol: 'stow',
          url: 'https://cad.example/dicomweb',
          auth: 'bearer',
          credential: 'tok-secret',
        })
      ).json(),
    ).toMatchObject({ protocol: 'stow', auth: 'bearer', credentialSet: true });
    const list = await admin.request({ method: 'GET', url: '/api/cad/integrations' });
    expect(list.body).not.toContain('tok-secret');
    const audit = await fx.tdb.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('action', '=', 'cad.forward.set')
      .where('resource_id', '=', cad)
      .where('outcome', '=', 'success')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.details)).not.toContain('tok-secret');

    const cleared = await admin.request({
      method: 'DELETE',
      url: `/api/cad/integrations/${cad}/forward`,
    });
    expect(cleared.json()).toEqual({ cleared: true });
    // A radiologist may not set targets.
    const rad = await signIn(fx.app, 'radiologist');
    const refused = await rad.request({
      method: 'PUT',
      url: `/api/cad/integrations/${cad}/forward`,
      payload: { protocol: 'dimse', aeTitle: 'CAD', host: '127.0.0.1', port: 104 },
    });
    expect(refused.statusCode).toBe(403);
  });
});
