import fs from 'node:fs';
import path from 'node:path';
import { PRIOR_IMPRESSION_CHARS, type PriorsResponse } from '@telerad/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { writeCxr, type WrittenFile } from '../../testing/dicomFixtures';
import { signIn } from '../../testing/http';
import { claim, claimSaveSign, normalRead, OPEN, save } from '../reports/testSupport';
import { createPrimaryReadTask } from '../worklist';
import { allowsCrossClinicPriors } from './priors';

let fx: AppFixture;
let current: WrittenFile;
let prior: WrittenFile;
let otherClinicPrior: WrittenFile;
let later: WrittenFile;
let demo2Study: WrittenFile;

const PATIENT = { name: 'BAUTISTA^JOSE', id: 'PH-PRIOR-1' };

beforeAll(async () => {
  fx = await appWithDemo();
  const dir = path.join(fx.dataDir, 'in');
  fs.mkdirSync(dir);
  const write = (name: string, studyDate: string, patient = PATIENT) =>
    writeCxr(path.join(dir, `${name}.dcm`), 'explicitLE', {
      rows: 16,
      columns: 16,
      patient,
      study: { studyDate },
    });
  prior = await write('prior', '20240110');
  current = await write('current', '20260105');
  later = await write('later', '20260301');
  otherClinicPrior = await write('other', '20250601');
  // Same patient ID at DEMO2 only: a DEMO2 user's own study, with a prior of its own.
  demo2Study = await write('demo2', '20260110', { name: 'ABEBE^SARA', id: 'ET-PRIOR-2' });
  const demo2Prior = await write('demo2prior', '20230110', {
    name: 'ABEBE^SARA',
    id: 'ET-PRIOR-2',
  });
  for (const f of [prior, current, later]) await fx.storeAs('DEMO1', f.path);
  for (const f of [otherClinicPrior, demo2Study, demo2Prior]) await fx.storeAs('DEMO2', f.path);
});
afterAll(async () => fx?.close());

/** Creates the queued primary read of a stored study; returns the task id. */
async function primaryRead(studyUid: string): Promise<string> {
  const study = await fx.tdb.db
    .selectFrom('studies')
    .select(['id', 'num_instances'])
    .where('study_uid', '=', studyUid)
    .executeTakeFirstOrThrow();
  const r = await createPrimaryReadTask(
    fx.tdb.db,
    { studyId: study.id, stableAt: OPEN.toISOString(), numInstances: study.num_instances },
    OPEN,
  );
  if (r.outcome !== 'created') throw new Error(r.outcome);
  return r.taskId;
}

describe('GET /api/studies/:studyUid/priors', () => {
  it('lists the same patient’s earlier studies of the same clinic, newest first, audited', async () => {
    const rad = await signIn(fx.app, 'radiologist');
    const res = await rad.request({
      method: 'GET',
      url: `/api/studies/${current.studyInstanceUid}/priors`,
    });
    expect(res.statusCode).toBe(200);
    const { priors } = res.json() as {
      priors: { studyUid: string; studyDate: string; otherClinic: boolean; report: null }[];
    };
    // Not the later study, and not DEMO2's study of the same patient ID (no programme allows it).
    expect(priors.map((p) => p.studyUid)).toEqual([prior.studyInstanceUid]);
    expect(priors[0]).toMatchObject({ studyDate: '2024-01-10', otherClinic: false });
    expect(priors[0]!.report).toBeNull();
    const ev = await fx.tdb.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'archive.priors.read')
      .where('actor_name', '=', 'radiologist')
      .execute();
    expect(ev.map((e) => e.outcome)).toContain('success');
  });

  it('does not give a clinic user another clinic’s study or its priors', async () => {
    const c1 = await signIn(fx.app, 'clinic1');
    const foreign = await c1.request({
      method: 'GET',
      url: `/api/studies/${demo2Study.studyInstanceUid}/priors`,
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).not.toContain('ET-PRIOR-2');
    const own = (
      await c1.request({ method: 'GET', url: `/api/studies/${later.studyInstanceUid}/priors` })
    ).json() as { priors: { studyUid: string; clinicCode: string }[] };
    expect(own.priors.map((p) => p.studyUid)).toEqual([
      current.studyInstanceUid,
      prior.studyInstanceUid,
    ]);
    expect(own.priors.every((p) => p.clinicCode === 'DEMO1')).toBe(true);
    const ev = await fx.tdb.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'archive.priors.read')
      .where('actor_name', '=', 'clinic1')
      .execute();
    expect(ev.map((e) => e.outcome)).toContain('denied');
  });

  it('lists each prior’s released report with its result; a draft only for staff', async () => {
    const rad = await signIn(fx.app, 'radiologist');
    const c1 = await signIn(fx.app, 'clinic1');
    // The 2024 prior: signed and released, with an impression longer than the list carries.
    const impression = `Right upper zone opacity, stable. ${'Unchanged since the last study. '.repeat(10)}`;
    const signed = await claimSaveSign(
      rad,
      await primaryRead(prior.studyInstanceUid),
      normalRead({ impression }),
    );
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().outcome).toBe('released');
    // The 2026-01 study: a draft only.
    const draftTask = await primaryRead(current.studyInstanceUid);
    await claim(rad, draftTask);
    const draft = await save(rad, draftTask, normalRead({ impression: 'DRAFT-ONLY' }), 0);
    expect(draft.statusCode, draft.body).toBe(200);

    const priorsOf = async (c: typeof rad) => {
      const res = await c.request({
        method: 'GET',
        url: `/api/studies/${later.studyInstanceUid}/priors`,
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as PriorsResponse;
    };
    const asClinic = await priorsOf(c1);
    expect(asClinic.priors.map((p) => p.studyUid)).toEqual([
      current.studyInstanceUid,
      prior.studyInstanceUid,
    ]);
    // The clinic never sees the draft, not even its state.
    expect(asClinic.priors[0]!.report).toBeNull();
    expect(JSON.stringify(asClinic)).not.toContain('DRAFT-ONLY');
    const released = asClinic.priors[1]!.report!;
    expect(released).toMatchObject({
      state: 'final',
      resultLabel: 'Chest X-ray',
      tbSuggestive: false,
      signerName: expect.any(String),
    });
    expect(released.result).toMatch(/normal/i);
    expect(released.releasedAt).not.toBeNull();
    expect(released.signedAt).not.toBeNull();
    expect(released.impression.length).toBe(PRIOR_IMPRESSION_CHARS);
    expect(released.impression.startsWith('Right upper zone opacity, stable.')).toBe(true);
    expect(released.impression.endsWith('…')).toBe(true);

    // Staff see where the draft stands, and nothing of its content.
    const asRad = await priorsOf(rad);
    expect(asRad.priors[0]!.report).toMatchObject({
      state: 'draft',
      releasedAt: null,
      result: null,
      impression: '',
    });
    expect(asRad.priors[1]!.report).toEqual(released);

    // The other clinic still gets a 404 for this patient's study, with no report in it.
    const c2 = await signIn(fx.app, 'clinic2');
    const foreign = await c2.request({
      method: 'GET',
      url: `/api/studies/${later.studyInstanceUid}/priors`,
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).not.toContain('Right upper zone');
  });

  it('lets only programmes marked in the data table see priors from other clinics', () => {
    expect(allowsCrossClinicPriors(['US', 'UK'])).toBe(false);
    expect(allowsCrossClinicPriors(['US', 'UK'], { UK: true })).toBe(true);
    expect(allowsCrossClinicPriors(['NOT-A-PROGRAMME'], { 'NOT-A-PROGRAMME': true })).toBe(false);
  });
});
