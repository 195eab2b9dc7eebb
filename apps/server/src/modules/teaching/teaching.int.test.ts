import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import dcmjs from 'dcmjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { availableSyntaxes, writeCxr, type SyntaxKey } from '../../testing/dicomFixtures';
import { partsOf } from '../dicomweb/testSupport';
import { signIn, type TestClient } from '../../testing/http';
import { BASIC_PROFILE_REMOVED } from './deidentify';

/**
 * The teaching file on the server: a reader flags a study, QA builds a session, and the session's
 * cases are de-identified copies (PS3.15 basic profile): identifying attributes gone or emptied,
 * private attributes removed, UIDs new and consistent within a case, burned-in images refused,
 * the original untouched; staff view the copies through the teaching paths, clinic users nothing.
 * The copies are checked with DCMTK's dcmdump and dicom3tools' dciodvfy.
 */
let fx: AppFixture;
const client: Record<string, TestClient> = {};
let seq = 0;

beforeAll(async () => {
  fx = await appWithDemo();
  for (const name of ['radiologist', 'consultant', 'qa', 'assistant', 'clinic1'])
    client[name] = await signIn(fx.app, name);
});
afterAll(async () => fx?.close());

type Dict = Record<string, { vr: string; Value?: unknown[] }>;

/** Identifying attributes the test sets on the original, beyond what the fixture writes. */
const EXTRA_IDENTITY: Dict = {
  '00080081': { vr: 'ST', Value: ['12 Clinic Road, Manila'] }, // InstitutionAddress
  '00081070': { vr: 'PN', Value: [{ Alphabetic: 'RADIOGRAPHER^ANNA' }] }, // OperatorsName
  '00081048': { vr: 'PN', Value: [{ Alphabetic: 'RECORD^DOCTOR' }] }, // PhysiciansOfRecord
  '00101000': { vr: 'LO', Value: ['PASSPORT-P1234567'] }, // OtherPatientIDs
  '00101002': {
    vr: 'SQ',
    Value: [{ '00100020': { vr: 'LO', Value: ['VISA-998877'] } }],
  }, // OtherPatientIDsSequence
  '00101040': { vr: 'LO', Value: ['7 Applicant Street'] }, // PatientAddress
  '00102154': { vr: 'SH', Value: ['+63 912 345 6789'] }, // PatientTelephoneNumbers
  '00104000': { vr: 'LT', Value: ['Visa applicant, family of four'] }, // PatientComments
  '00081120': {
    vr: 'SQ',
    Value: [{ '00081155': { vr: 'UI', Value: ['1.2.826.0.1.3680043.99.1'] } }],
  }, // ReferencedPatientSequence
  '00091010': { vr: 'LO', Value: ['PRIVATE APPLICANT NOTE'] }, // private
  '00090010': { vr: 'LO', Value: ['ACME PRIVATE'] }, // private creator
};

/** Attributes (PS3.15 Table E.1-1) that must be gone or empty in every copy. */
const MUST_BE_EMPTY = [
  '00080050', // AccessionNumber
  '00080080', // InstitutionName
  '00080081', // InstitutionAddress
  '00080090', // ReferringPhysicianName
  '00081010', // StationName
  '00081048', // PhysiciansOfRecord
  '00081070', // OperatorsName
  '00100030', // PatientBirthDate
  '00100040', // PatientSex
  '00101000', // OtherPatientIDs
  '00101002', // OtherPatientIDsSequence
  '00101040', // PatientAddress
  '00102154', // PatientTelephoneNumbers
  '00104000', // PatientComments
  '00081120', // ReferencedPatientSequence
  '00200010', // StudyID
  ...Object.keys(BASIC_PROFILE_REMOVED),
];

function readDict(bytes: Buffer) {
  const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return dcmjs.data.DicomMessage.readFile(ab as ArrayBuffer);
}

/** Rewrites a fixture file with `extra` attributes set. */
function withAttributes(file: string, extra: Dict): void {
  const parsed = readDict(fs.readFileSync(file));
  Object.assign(parsed.dict, structuredClone(extra));
  fs.writeFileSync(file, Buffer.from(parsed.write()));
}

interface Original {
  studyUid: string;
  seriesUid: string;
  sopUids: string[];
  patientName: string;
  patientId: string;
  files: string[];
}

/**
 * A stored study of `count` images (one series); the second refers to the first in its
 * Referenced Image Sequence; `burnedIn` marks images whose pixels carry identity.
 */
async function storedStudy(
  clinic: 'DEMO1' | 'DEMO2',
  count = 2,
  burnedIn: number[] = [],
): Promise<Original> {
  seq++;
  const patientName = `TEACHPATIENT^SEQ${seq}`;
  const patientId = `TPID-${seq}-X`;
  const files: string[] = [];
  const sopUids: string[] = [];
  let studyUid = '';
  let seriesUid = '';
  for (let i = 0; i < count; i++) {
    const file = await writeCxr(path.join(fx.dataDir, `teach-${seq}-${i}.dcm`), 'explicitLE', {
      rows: 16,
      columns: 16,
      seed: seq * 10,
      patient: { name: patientName, id: patientId, birthDate: '19800214' },
      study: studyUid ? { studyInstanceUid: studyUid } : {},
      ...(seriesUid ? { seriesInstanceUid: seriesUid } : {}),
      instanceNumber: i + 1,
    });
    studyUid = file.studyInstanceUid;
    seriesUid = file.seriesInstanceUid;
    const extra: Dict = { ...EXTRA_IDENTITY };
    if (i > 0)
      extra['00081140'] = {
        vr: 'SQ',
        Value: [
          {
            '00081150': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.1.1'] },
            '00081155': { vr: 'UI', Value: [sopUids[0]] },
          },
        ],
      };
    if (burnedIn.includes(i)) extra['00280301'] = { vr: 'CS', Value: ['YES'] };
    withAttributes(file.path, extra);
    await fx.storeAs(clinic, file.path);
    files.push(file.path);
    sopUids.push(file.sopInstanceUid);
  }
  return { studyUid, seriesUid, sopUids, patientName, patientId, files };
}

async function flag(uid: string, note = 'Classic miliary pattern') {
  const res = await client.radiologist!.request({
    method: 'POST',
    url: '/api/teaching/flags',
    payload: { studyUid: uid, note },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().flag as { id: string; note: string };
}

async function buildSession(flagIds: string[]) {
  return client.qa!.request({
    method: 'POST',
    url: '/api/teaching/sessions',
    payload: {
      title: 'TB patterns, December',
      heldOn: '2026-12-10',
      cases: flagIds.map((flagId, i) => ({ flagId, note: `Case note ${i + 1}` })),
    },
  });
}

type SessionAnswer = {
  id: string;
  caseList: { id: string; studyUid: string; images: number; withheldBurnedIn: number }[];
};

async function copiesOf(caseId: string) {
  const rows = await fx.tdb.db
    .selectFrom('teaching_instances')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('instance_number')
    .execute();
  return Promise.all(
    rows.map(async (r) => ({ row: r, path: await fx.storage.pathOf(r.storage_key) })),
  );
}

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('teaching file', () => {
  it('lets readers flag a study with a note, and flagging again changes the note', async () => {
    const s = await storedStudy('DEMO1', 1);
    const first = await flag(s.studyUid, 'Cavity, right upper lobe');
    const again = await flag(s.studyUid, 'Cavity with air-fluid level');
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
    const s = await storedStudy('DEMO2', 2);
    const originals = await fx.tdb.db
      .selectFrom('instances')
      .select(['storage_key', 'sha256'])
      .where('sop_uid', 'in', s.sopUids)
      .execute();
    const before = await Promise.all(
      originals.map(async (o) => sha(await fx.storage.pathOf(o.storage_key))),
    );
    const f = await flag(s.studyUid);
    const res = await buildSession([f.id]);
    expect(res.statusCode, res.body).toBe(200);
    const session = res.json().session as SessionAnswer;
    expect(session.caseList).toHaveLength(1);
    const c = session.caseList[0]!;
    expect(c.images).toBe(2);
    expect(c.studyUid).not.toBe(s.studyUid);

    const copies = await copiesOf(c.id);
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
    const s = await storedStudy('DEMO1', 1);
    const res = await buildSession([(await flag(s.studyUid)).id]);
    const [copy] = await copiesOf((res.json().session as SessionAnswer).caseList[0]!.id);
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
    const mixed = await storedStudy('DEMO1', 2, [1]);
    const ok = await buildSession([(await flag(mixed.studyUid)).id]);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json().session as SessionAnswer).caseList[0]).toMatchObject({
      images: 1,
      withheldBurnedIn: 1,
    });
    const burned = await storedStudy('DEMO1', 1, [0]);
    const sessionsBefore = await fx.tdb.db
      .selectFrom('teaching_sessions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const refused = await buildSession([(await flag(burned.studyUid)).id]);
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
    seq++;
    const file = await writeCxr(path.join(fx.dataDir, `teach-ts-${seq}.dcm`), syntax, {
      rows: 32,
      columns: 32,
      seed: seq,
    });
    await fx.storeAs('DEMO1', file.path);
    const res = await buildSession([(await flag(file.studyInstanceUid)).id]);
    expect(res.statusCode, res.body).toBe(200);
    const c = (res.json().session as SessionAnswer).caseList[0]!;
    const [copy] = await copiesOf(c.id);
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
    const s = await storedStudy('DEMO2', 1);
    const res = await buildSession([(await flag(s.studyUid)).id]);
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
