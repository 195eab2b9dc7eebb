import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../demo';
import { createDb } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { filesystemStorage, type ObjectStorage } from '../../platform/storage';
import {
  brokenFiles,
  writeCharsetSet,
  writeCxr,
  writeCxrSet,
  type BrokenName,
} from '../../testing/dicomFixtures';
import { createTestDb, type TestDb } from '../../testing/testDb';
import { studyHistory } from '../archive';
import { markStableStudies } from './stability';
import { forgetClinicStatus, storeInstance, type IngestDeps, type IngestOrigin } from './service';
import { stagingEmpty } from '../../testing/staging';
import { dimseOrigin } from '../../testing/ingestOrigin';

let tdb: TestDb;
let dir: string;
let storage: ObjectStorage;
let deps: IngestDeps;
let demo1: IngestOrigin;
let demo2: IngestOrigin;

beforeAll(async () => {
  tdb = await createTestDb();
  await seedDemo(tdb.db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-ingest-'));
  storage = filesystemStorage(path.join(dir, 'data'));
  deps = { db: tdb.db, storage, minFreeBytes: 0, maxObjectBytes: 64 * 1024 * 1024 };
  demo1 = await dimseOrigin(tdb.db, 'DEMO1');
  demo2 = await dimseOrigin(tdb.db, 'DEMO2');
});
afterAll(async () => {
  await tdb?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const store = (file: string, origin: IngestOrigin, d: IngestDeps = deps) =>
  storeInstance(d, fs.createReadStream(file), origin);
const count = async (table: 'studies' | 'series' | 'instances') =>
  (await tdb.db.selectFrom(table).select('id').execute()).length;
const staged = () => stagingEmpty(path.join(dir, 'data'));

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected a refusal');
}

describe('ingest.storeInstance', () => {
  it('stores a file byte-identically, indexes it, and records its origin', async () => {
    const f = await writeCxr(path.join(dir, 'a.dcm'), 'explicitLE', { rows: 64, columns: 64 });
    const r = await store(f.path, demo1);
    expect(r).toMatchObject({
      outcome: 'stored',
      sopUid: f.sopInstanceUid,
      studyUid: f.studyInstanceUid,
      version: 1,
    });
    expect(fs.readFileSync(await storage.pathOf(r.sha256)).equals(fs.readFileSync(f.path))).toBe(
      true,
    );
    const study = await tdb.db
      .selectFrom('studies')
      .selectAll()
      .where('study_uid', '=', f.studyInstanceUid)
      .executeTakeFirstOrThrow();
    expect(study).toMatchObject({
      clinic_id: demo1.clinicId,
      patient_id: f.patientId,
      num_instances: 1,
      num_series: 1,
      stable_at: null,
    });
    const inst = await tdb.db
      .selectFrom('instances')
      .selectAll()
      .where('sop_uid', '=', f.sopInstanceUid)
      .executeTakeFirstOrThrow();
    expect(inst.metadata['00100020']).toEqual({ vr: 'LO', Value: [f.patientId] });
    expect(inst.metadata['7FE00010']).toBeUndefined();
    // The instance keeps its origin; the study keeps the clinic.
    expect(inst).toMatchObject({ door: 'dimse', calling_ae: 'DEMO1', version: 1 });
    expect(inst.remote_address).toBeTruthy();
    expect(staged()).toBe(true);
  });

  it('treats the same bytes again as a successful no-op, and other bytes as a new version', async () => {
    const f = await writeCxr(path.join(dir, 'v1.dcm'), 'explicitLE', {
      rows: 64,
      columns: 64,
      seed: 7,
      deterministicUids: true,
    });
    const first = await store(f.path, demo1);
    const again = await store(f.path, demo1);
    expect(again.outcome).toBe('duplicate');
    expect(again.instanceId).toBe(first.instanceId);
    const v2 = await writeCxr(path.join(dir, 'v2.dcm'), 'implicitLE', {
      rows: 64,
      columns: 64,
      seed: 7,
      deterministicUids: true,
    });
    expect(v2.sopInstanceUid).toBe(f.sopInstanceUid);
    const second = await store(v2.path, demo1);
    expect(second).toMatchObject({ outcome: 'new_version', version: 2 });
    const rows = await tdb.db
      .selectFrom('instances')
      .select(['version', 'current', 'storage_key'])
      .where('sop_uid', '=', f.sopInstanceUid)
      .orderBy('version')
      .execute();
    expect(rows.map((r) => [r.version, r.current])).toEqual([
      [1, false],
      [2, true],
    ]);
    // The earlier copy is kept, not destroyed.
    for (const r of rows) expect(fs.existsSync(await storage.pathOf(r.storage_key))).toBe(true);
    const study = await tdb.db
      .selectFrom('studies')
      .select('num_instances')
      .where('study_uid', '=', f.studyInstanceUid)
      .executeTakeFirstOrThrow();
    expect(study.num_instances).toBe(1);
    // The history tells all three arrivals, newest first, each with its origin.
    const history = await studyHistory(tdb.db, 'all', first.studyId, f.studyInstanceUid);
    expect(history.map((h) => [h.outcome, h.reason, h.door, h.calling_ae])).toEqual([
      ['new_version', 'replaces version 1', 'dimse', 'DEMO1'],
      ['duplicate', null, 'dimse', 'DEMO1'],
      ['stored', null, 'dimse', 'DEMO1'],
    ]);
  });

  it('refuses an instance of a study that belongs to another clinic', async () => {
    const f = await writeCxr(path.join(dir, 'c1.dcm'), 'explicitLE', { rows: 64, columns: 64 });
    await store(f.path, demo1);
    const g = await writeCxr(path.join(dir, 'c2.dcm'), 'explicitLE', {
      rows: 64,
      columns: 64,
      study: { studyInstanceUid: f.studyInstanceUid },
    });
    const before = await count('instances');
    const e = await refusal(store(g.path, demo2));
    expect(e.code).toBe('STUDY_OTHER_CLINIC');
    expect(await count('instances')).toBe(before);
    const ev = await tdb.db
      .selectFrom('ingest_events')
      .selectAll()
      .where('sop_uid', '=', g.sopInstanceUid)
      .executeTakeFirstOrThrow();
    expect(ev.outcome).toBe('refused');
    expect(ev.reason).toContain('STUDY_OTHER_CLINIC');
  });

  it('refuses a suspended clinic, a full disk and an oversized object before indexing anything', async () => {
    const f = await writeCxr(path.join(dir, 's.dcm'), 'explicitLE', { rows: 64, columns: 64 });
    const before = await count('instances');
    await tdb.db
      .updateTable('clinics')
      .set({ status: 'suspended' })
      .where('id', '=', demo2.clinicId)
      .execute();
    forgetClinicStatus();
    expect((await refusal(store(f.path, demo2))).code).toBe('CLINIC_SUSPENDED');
    await tdb.db
      .updateTable('clinics')
      .set({ status: 'live' })
      .where('id', '=', demo2.clinicId)
      .execute();
    forgetClinicStatus();
    expect(
      (await refusal(store(f.path, demo1, { ...deps, minFreeBytes: Number.MAX_SAFE_INTEGER })))
        .code,
    ).toBe('STORAGE_FULL');
    expect((await refusal(store(f.path, demo1, { ...deps, maxObjectBytes: 1000 }))).code).toBe(
      'DICOM_TOO_LARGE',
    );
    expect(await count('instances')).toBe(before);
    expect(staged()).toBe(true);
  });

  it('refuses every broken file with a specific error and indexes nothing', async () => {
    const broken = await brokenFiles(path.join(dir, 'broken'));
    // A missing Patient ID and a CT without CT attributes are stored and flagged instead
    // (realWorld.int.test.ts).
    const expected: Partial<Record<BrokenName, string>> = {
      'truncated-pixel-data': 'DICOM_UNREADABLE',
      'truncated-header': 'DICOM_UNREADABLE',
      garbage: 'DICOM_UNREADABLE',
      'zero-bytes': 'DICOM_UNREADABLE',
      'no-dicm-magic': 'DICOM_UNREADABLE',
      'missing-study-uid': 'DICOM_REQUIRED_MISSING',
      'missing-sop-instance-uid': 'DICOM_REQUIRED_MISSING',
      'meta-sop-class-mismatch': 'DICOM_SOP_CLASS_MISMATCH',
      'oversized-length-implicit': 'DICOM_UNREADABLE',
      'oversized-pixel-length': 'DICOM_UNREADABLE',
    };
    const before = await count('instances');
    const got: Record<string, string> = {};
    for (const [name, b] of Object.entries(broken))
      if (name in expected) got[name] = (await refusal(store(b.path, demo1))).code;
    expect(got).toEqual(expected);
    expect(await count('instances')).toBe(before);
    expect(staged()).toBe(true);
  });

  it('answers a failure, never a success, when the database is down', async () => {
    const f = await writeCxr(path.join(dir, 'down.dcm'), 'explicitLE', { rows: 64, columns: 64 });
    const { db: deadDb } = createDb('postgresql://postgres@127.0.0.1:1/none', 1);
    const e = await refusal(store(f.path, demo1, { ...deps, db: deadDb }));
    expect(e.code).toBe('SERVICE_UNAVAILABLE');
    await deadDb.destroy();
    expect(
      await tdb.db
        .selectFrom('instances')
        .select('id')
        .where('sop_uid', '=', f.sopInstanceUid)
        .execute(),
    ).toEqual([]);
  });

  it('keeps counters right under concurrent arrivals of one study, then marks it stable', async () => {
    const study = { studyInstanceUid: '2.25.918273645546372819' };
    const files = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        writeCxr(path.join(dir, `p${i}.dcm`), 'explicitLE', {
          rows: 32,
          columns: 32,
          study,
          seriesNumber: (i % 3) + 1,
          seed: 100 + i,
        }),
      ),
    );
    const results = await Promise.all(files.map((f) => store(f.path, demo1)));
    expect(results.every((r) => r.outcome === 'stored')).toBe(true);
    const s = await tdb.db
      .selectFrom('studies')
      .selectAll()
      .where('study_uid', '=', study.studyInstanceUid)
      .executeTakeFirstOrThrow();
    expect(s.num_instances).toBe(12);
    expect(s.num_series).toBe(new Set(files.map((f) => f.seriesInstanceUid)).size);
    expect(await markStableStudies(tdb.db, 3600)).toEqual([]);
    const stable = await markStableStudies(tdb.db, 0);
    expect(stable.map((e) => e.studyUid)).toContain(study.studyInstanceUid);
    expect(await markStableStudies(tdb.db, 0)).toEqual([]);
    // A late instance re-opens the study.
    const late = await writeCxr(path.join(dir, 'late.dcm'), 'explicitLE', {
      rows: 32,
      columns: 32,
      study,
      seed: 999,
    });
    await store(late.path, demo1);
    expect((await markStableStudies(tdb.db, 0)).map((e) => e.studyUid)).toEqual([
      study.studyInstanceUid,
    ]);
  });

  it('streams: a source that errors midway stores nothing', async () => {
    const source = new Readable({
      read() {
        this.destroy(new Error('connection reset'));
      },
    });
    const before = await count('instances');
    await expect(storeInstance(deps, source, demo1)).rejects.toBeInstanceOf(AppError);
    expect(await count('instances')).toBe(before);
    expect(staged()).toBe(true);
  });

  it('accepts every transfer syntax and character set as sent, byte for byte', async () => {
    const set = await writeCxrSet(path.join(dir, 'syntaxes'));
    const charsets = await writeCharsetSet(path.join(dir, 'charsets'), 500);
    expect(set.files.length).toBeGreaterThanOrEqual(28);
    const seen = new Set<string>();
    for (const f of [...set.files, ...charsets]) {
      const r = await store(f.path, demo1);
      expect(r.transferSyntaxUid, f.path).toBe(f.transferSyntaxUid);
      expect(
        fs.readFileSync(await storage.pathOf(r.sha256)).equals(fs.readFileSync(f.path)),
        f.path,
      ).toBe(true);
      seen.add(r.transferSyntaxUid);
    }
    expect(seen.size).toBeGreaterThanOrEqual(14);
    const names = await tdb.db
      .selectFrom('studies')
      .select(['patient_name', 'patient_name_norm'])
      .execute();
    expect(names.map((n) => n.patient_name_norm)).toEqual(expect.arrayContaining(['MÜLLER JOSÉ']));
    // ISO 2022 (JIS) names are decoded in the metadata, not left as escape sequences.
    const jis = charsets.find((f) => f.path.endsWith('iso2022-japanese.dcm'))!;
    const row = await tdb.db
      .selectFrom('instances')
      .select('metadata')
      .where('sop_uid', '=', jis.sopInstanceUid)
      .executeTakeFirstOrThrow();
    expect(row.metadata['00100010']).toEqual({
      vr: 'PN',
      Value: [{ Alphabetic: 'Yamada^Tarou', Ideographic: '山田^太郎', Phonetic: 'やまだ^たろう' }],
    });
  });

  it("caches each study and series its newest instance's QIDO attributes, as migration 0004 picked them", async () => {
    // Ingest picks them (attributes.ts); the SQL functions of 0004 are the reference.
    const { rows } = await sql<{ kind: string; uid: string; cached: unknown; expected: unknown }>`
      select 'study' as kind, s.study_uid as uid, s.attributes as cached,
             dicomweb_study_attributes(i.metadata::jsonb) as expected
        from studies s
        join lateral (select metadata from instances where study_id = s.id and current
                      order by received_at desc, id desc limit 1) i on true
      union all
      select 'series', x.series_uid, x.attributes, dicomweb_series_attributes(i.metadata::jsonb)
        from series x
        join lateral (select metadata from instances where series_id = x.id and current
                      order by received_at desc, id desc limit 1) i on true`.execute(tdb.db);
    expect(rows.length).toBeGreaterThan(20);
    const wrong = rows.filter((r) => JSON.stringify(r.cached) !== JSON.stringify(r.expected));
    expect(wrong).toEqual([]);
    expect(rows.some((r) => r.kind === 'study' && Object.keys(r.cached as object).length > 5)).toBe(
      true,
    );
  });
});
