import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { availableSyntaxes, writeCxr, type SyntaxKey } from '../../testing/dicomFixtures';
import { partsOf } from '../dicomweb/testSupport';
import { signIn, type TestClient } from '../../testing/http';
import {
  buildSession,
  copiesOf,
  flag,
  MUST_BE_EMPTY,
  nextSeq,
  readDict,
  sha,
  storedStudy,
  type Dict,
  type SessionAnswer,
} from './testSupport';

/**
 * The teaching file on the server: a reader flags a study, QA builds a session, and the session's
 * cases are de-identified copies (PS3.15 basic profile): identifying attributes gone or emptied,
 * private attributes removed, UIDs new and consistent within a case, burned-in images refused,
 * the original untouched; staff view the copies through the teaching paths, clinic users nothing.
 * The copies are checked with DCMTK's dcmdump and dicom3tools' dciodvfy.
 */
let fx: AppFixture;
const client: Record<string, TestClient> = {};

beforeAll(async () => {
  fx = await appWithDemo();
  for (const name of ['radiologist', 'consultant', 'qa', 'assistant', 'clinic1'])
    client[name] = await signIn(fx.app, name);
});
afterAll(async () => fx?.close());

describe('teaching file', () => {
  it('lets readers flag a study with a note, and flagging again changes the note', async () => {
    const s = await storedStudy(fx, 'DEMO1', 1);
    const first = await flag(client.radiologist!, s.studyUid, 'Cavity, right upper lobe');
    const again = await flag(client.radiologist!, s.studyUid, 'Cavity with air-fluid level');
    expect(again.id).toBe(first.id);
    const mine = await client.radiologist!.request({
      url: `/api/teaching/flags/mine?studyUid=${s.studyUid}`,
    });
    expect(mine.json()).toEqual({ flagged: true, note: 'Cavity with air-fluid level' });
    const other = await client.consultant!.request({
      url: `/api/teaching/flags/mine?studyUid=${s.studyUid}`,
    });
    expect(other.json()).toEqual({ flagged: false, note: '' });
    // QA sees the flag, without the patient or the clinic.
    const list = await client.qa!.request({ url: '/api/teaching/flags' });
    expect(list.statusCode).toBe(200);
    expect(list.json().flags.map((f: { id: string }) => f.id)).toContain(first.id);
    expect(list.body).not.toContain(s.patientName.split('^')[0]!);
    expect(list.body).not.toContain(s.patientId);
    // Only readers flag; clinic users have no teaching file at all.
    const byQa = await client.qa!.request({
      method: 'POST',
      url: '/api/teaching/flags',
      payload: { studyUid: s.studyUid, note: '' },
    });
    expect(byQa.statusCode).toBe(403);
    for (const url of ['/api/teaching/flags', '/api/teaching/sessions'])
      expect((await client.clinic1!.request({ url })).statusCode, url).toBe(403);
  });

  it('copies a case de-identified: profile attributes gone, UIDs new and consistent, original unchanged', async () => {
    const s = await storedStudy(fx, 'DEMO2', 2);
    const originals = await fx.tdb.db
      .selectFrom('instances')
      .select(['storage_key', 'sha256'])
      .where('sop_uid', 'in', s.sopUids)
      .execute();
    const before = await Promise.all(
      originals.map(async (o) => sha(await fx.storage.pathOf(o.storage_key))),
    );
    const f = await flag(client.radiologist!, s.studyUid);
    const res = await buildSession(client.qa!, [f.id]);
    expect(res.statusCode, res.body).toBe(200);
    const session = res.json().session as SessionAnswer;
    expect(session.caseList).toHaveLength(1);
    const c = session.caseList[0]!;
    expect(c.images).toBe(2);
    expect(c.studyUid).not.toBe(s.studyUid);

    const copies = await copiesOf(fx, c.id);
    expect(copies).toHaveLength(2);
    const parsed = copies.map((x) => readDict(fs.readFileSync(x.path)));
    for (const p of parsed) {
      const d = p.dict as Dict;
      for (const tag of MUST_BE_EMPTY)
        expect(
          (d[tag]?.Value ?? []).filter((v) => v !== ''),
          tag,
        ).toEqual([]);
      expect(Object.keys(d).filter((t) => parseInt(t.slice(0, 4), 16) % 2 === 1)).toEqual([]);
      expect(JSON.stringify(d['00100010']?.Value)).toContain('TEACHING^CASE 1');
      expect(d['00100020']!.Value).toEqual(['TEACHING-1']);
      expect(d['00120062']!.Value).toEqual(['YES']);
      // The study is one new study, in one new series.
      expect(d['0020000D']!.Value).toEqual([c.studyUid]);
      expect(d['0020000E']!.Value![0]).not.toBe(s.seriesUid);
      expect(s.sopUids).not.toContain(d['00080018']!.Value![0]);
      expect(p.meta['00020003']!.Value).toEqual(d['00080018']!.Value);
      expect(d['00080016']!.Value).toEqual(['1.2.840.10008.5.1.4.1.1.1.1']);
    }
    const [one, two] = parsed.map((p) => p.dict as Dict);
    expect(two!['0020000E']!.Value).toEqual(one!['0020000E']!.Value);
    // The second image still points at the first, under its new UID.
    const ref = (two!['00081140']!.Value![0] as Dict)['00081155']!.Value![0];
    expect(ref).toBe(one!['00080018']!.Value![0]);
    // The whole file has none of the patient's identity in it, anywhere.
    for (const x of copies) {
      const text = fs.readFileSync(x.path).toString('latin1');
      for (const secret of [
        s.patientName,
        s.patientId,
        '19800214',
        'PASSPORT-P1234567',
        'VISA-998877',
        'PRIVATE APPLICANT NOTE',
        'Clinic Road',
        s.studyUid,
        ...s.sopUids,
      ])
        expect(text.includes(secret), secret).toBe(false);
    }
    // The originals are byte for byte what they were.
    const after = await Promise.all(
      originals.map(async (o) => sha(await fx.storage.pathOf(o.storage_key))),
    );
    expect(after).toEqual(before);
    expect(before).toEqual(originals.map((o) => o.sha256));
  });

  it('passes dciodvfy as the original did and shows no identity in dcmdump', async () => {
    const s = await storedStudy(fx, 'DEMO1', 1);
    const res = await buildSession(client.qa!, [(await flag(client.radiologist!, s.studyUid)).id]);
    const [copy] = await copiesOf(fx, (res.json().session as SessionAnswer).caseList[0]!.id);
    const errors = (file: string) => {
      let out = '';
      try {
        out = execFileSync('dciodvfy', [file], { encoding: 'utf8', stdio: 'pipe' });
      } catch (e) {
        out = `${(e as { stdout?: string }).stdout ?? ''}${(e as { stderr?: string }).stderr ?? ''}`;
      }
      return out
        .split('\n')
        .filter((l) => l.startsWith('Error'))
        .sort();
    };
    // De-identification adds no IOD error to those the original already had (it removes some:
    // the test's identifying sequences are incomplete on purpose).
    const original = errors(s.files[0]!);
    expect(original.length).toBeGreaterThan(0);
    expect(errors(copy!.path).filter((e) => !original.includes(e))).toEqual([]);
    const dump = execFileSync('dcmdump', ['+L', copy!.path], { encoding: 'utf8' });
    const line = (keyword: string) => dump.split('\n').find((l) => l.trim().endsWith(keyword));
    expect(line('PatientName')).toContain('TEACHING^CASE 1');
    expect(line('PatientID')).toContain('[TEACHING-1]');
    expect(line('PatientBirthDate')).toContain('no value available');
    expect(line('InstitutionName')).toContain('no value available');
    expect(line('InstitutionAddress') ?? 'absent').toMatch(/absent|no value available/);
    expect(line('PatientIdentityRemoved')).toContain('[YES]');
    expect(dump).not.toContain(s.patientId);
    expect(dump).not.toContain('TEACHPATIENT');
  });

  it('withholds burned-in images, and refuses a case that has nothing else', async () => {
    const mixed = await storedStudy(fx, 'DEMO1', 2, [1]);
    const ok = await buildSession(client.qa!, [
      (await flag(client.radiologist!, mixed.studyUid)).id,
    ]);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json().session as SessionAnswer).caseList[0]).toMatchObject({
      images: 1,
      withheldBurnedIn: 1,
    });
    const burned = await storedStudy(fx, 'DEMO1', 1, [0]);
    const sessionsBefore = await fx.tdb.db
      .selectFrom('teaching_sessions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const refused = await buildSession(client.qa!, [
      (await flag(client.radiologist!, burned.studyUid)).id,
    ]);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('TEACHING_BURNED_IN');
    const sessionsAfter = await fx.tdb.db
      .selectFrom('teaching_sessions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(sessionsAfter.n)).toBe(Number(sessionsBefore.n));
  });

  // Stored syntaxes stay as they were: the copy's pixels are the original's, compressed or not.
  const syntaxes = (
    ['implicitLE', 'jpegLosslessSV1', 'j2kLossless', 'rleLossless'] as SyntaxKey[]
  ).filter((k) => availableSyntaxes().find((s) => s.key === k)?.producer);
  it.each(syntaxes)('keeps %s pixels as they were', async (syntax) => {
    const n = nextSeq();
    const file = await writeCxr(path.join(fx.dataDir, `teach-ts-${n}.dcm`), syntax, {
      rows: 32,
      columns: 32,
      seed: n,
    });
    await fx.storeAs('DEMO1', file.path);
    const res = await buildSession(client.qa!, [
      (await flag(client.radiologist!, file.studyInstanceUid)).id,
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const c = (res.json().session as SessionAnswer).caseList[0]!;
    const [copy] = await copiesOf(fx, c.id);
    expect(copy!.row.transfer_syntax_uid).toBe(file.transferSyntaxUid);
    const accept = { accept: 'multipart/related; type="application/octet-stream"' };
    const original = await client.assistant!.request({
      url: `/dicomweb/studies/${file.studyInstanceUid}/series/${file.seriesInstanceUid}/instances/${file.sopInstanceUid}/frames/1`,
      headers: accept,
    });
    const teaching = await client.assistant!.request({
      url: `/api/teaching/cases/${c.id}/studies/${c.studyUid}/series/${copy!.row.series_uid}/instances/${copy!.row.sop_uid}/frames/1`,
      headers: accept,
    });
    expect(original.statusCode).toBe(200);
    expect(teaching.statusCode).toBe(200);
    const [a] = await partsOf(original);
    const [b] = await partsOf(teaching);
    expect(b!.body.length).toBe(32 * 32 * 2);
    expect(b!.body.equals(a!.body)).toBe(true);
  });

  it('shows staff the copies through the teaching viewer paths, never the original, and audits it', async () => {
    const s = await storedStudy(fx, 'DEMO2', 1);
    const res = await buildSession(client.qa!, [(await flag(client.radiologist!, s.studyUid)).id]);
    const session = res.json().session as SessionAnswer;
    const c = session.caseList[0]!;
    const got = await client.assistant!.request({ url: `/api/teaching/sessions/${session.id}` });
    expect(got.statusCode).toBe(200);
    expect(got.json().session.caseList[0].note).toBe('Case note 1');
    expect(got.body).not.toContain(s.studyUid);
    expect(
      (await client.clinic1!.request({ url: `/api/teaching/sessions/${session.id}` })).statusCode,
    ).toBe(403);

    const meta = await client.assistant!.request({
      url: `/api/teaching/cases/${c.id}/studies/${c.studyUid}/metadata`,
    });
    expect(meta.statusCode, meta.body).toBe(200);
    expect(meta.headers['content-type']).toBe('application/dicom+json');
    const [ds] = meta.json() as Dict[];
    expect(ds!['0020000D']!.Value).toEqual([c.studyUid]);
    expect(meta.body).not.toContain('TEACHPATIENT');
    expect(meta.body).not.toContain(s.patientId);
    const seriesUid = ds!['0020000E']!.Value![0];
    const sopUid = ds!['00080018']!.Value![0];
    const frames = await client.assistant!.request({
      url: `/api/teaching/cases/${c.id}/studies/${c.studyUid}/series/${seriesUid}/instances/${sopUid}/frames/1`,
    });
    expect(frames.statusCode).toBe(200);
    expect(frames.headers['content-type']).toMatch(/^multipart\/related/);
    expect(frames.rawPayload.length).toBeGreaterThan(16 * 16 * 2);
    // The original study is not reachable through a case.
    const original = await client.assistant!.request({
      url: `/api/teaching/cases/${c.id}/studies/${s.studyUid}/metadata`,
    });
    expect(original.statusCode).toBe(404);
    const events = await fx.tdb.db
      .selectFrom('audit_events')
      .select(['action', 'outcome', 'clinic_id'])
      .where('action', 'in', [
        'teaching.session_create',
        'teaching.case_metadata',
        'teaching.case_frames',
      ])
      .where('resource_id', 'in', [session.id, c.id])
      .execute();
    expect(new Set(events.map((e) => e.action))).toEqual(
      new Set(['teaching.session_create', 'teaching.case_metadata', 'teaching.case_frames']),
    );
    expect(events.every((e) => e.clinic_id === null)).toBe(true);
  });
});
