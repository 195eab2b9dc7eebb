import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../platform/migrate';
import { createTestDb, type TestDb } from '../../testing/testDb';

const ALL = path.join(import.meta.dirname, '../../db/migrations');
let tdb: TestDb;
let before: string;
let c: pg.Client;

/** An object's arguments as ingest sent them before migration 0012 (metadata inside p). */
const oldPayload = (clinicId: string, sop: string, sha: string, door: string) => ({
  study_uid: '1.2.3',
  series_uid: '1.2.3.1',
  sop_uid: sop,
  sop_class_uid: '1.2.840.10008.5.1.4.1.1.1',
  transfer_syntax_uid: '1.2.840.10008.1.2.1',
  clinic_id: clinicId,
  study: { patient_id: 'P1' },
  series: { modality: 'CR' },
  instance: {},
  size_bytes: 10,
  sha256: sha,
  storage_key: sha,
  metadata: { '00100020': { vr: 'LO', Value: ['P1'] } },
  study_attributes: {},
  series_attributes: {},
  origin: { door, calling_ae: 'DEMO1', remote_address: '10.0.0.9', request_id: null },
});

beforeAll(async () => {
  tdb = await createTestDb({ migrate: false });
  before = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-migrations-'));
  for (const f of fs.readdirSync(ALL).filter((f) => /^00(0\d|1[01])_/.test(f)))
    fs.copyFileSync(path.join(ALL, f), path.join(before, f));
  await migrate(tdb.url, undefined, before);
  c = new pg.Client({ connectionString: tdb.url });
  await c.connect();
});

afterAll(async () => {
  await c.end();
  await tdb.drop();
  fs.rmSync(before, { recursive: true, force: true });
});

describe('migration 0012 (an instance keeps its own origin)', () => {
  it('moves the events of stored objects into their instances and keeps the others', async () => {
    const centre = await c.query<{ id: string }>(
      `insert into centres (name, time_zone) values ('C', 'UTC') returning id`,
    );
    const clinic = await c.query<{ id: string }>(
      `insert into clinics (code, name, country, time_zone, home_centre_id, programmes, status)
       values ('DEMO1', 'Demo', 'VN', 'UTC', $1, '{}', 'live') returning id`,
      [centre.rows[0]!.id],
    );
    const clinicId = clinic.rows[0]!.id;
    const ingest = (p: object) => c.query('select ingest_instance($1::jsonb)', [p]);
    await ingest(oldPayload(clinicId, '1.2.3.1.1', 'a'.repeat(64), 'dimse'));
    await ingest(oldPayload(clinicId, '1.2.3.1.1', 'a'.repeat(64), 'dimse')); // duplicate
    await ingest(oldPayload(clinicId, '1.2.3.1.1', 'b'.repeat(64), 'stow')); // new version

    // Later migrations follow it; 0012 is the one under test.
    expect((await migrate(tdb.url))[0]).toBe('0012_ingest_leaner.sql');

    const inst = await c.query(
      `select version, door, calling_ae, remote_address, metadata, pg_typeof(metadata)::text as t
         from instances order by version`,
    );
    expect(inst.rows).toEqual([
      expect.objectContaining({ version: 1, door: 'dimse', calling_ae: 'DEMO1', t: 'json' }),
      expect.objectContaining({ version: 2, door: 'stow', remote_address: '10.0.0.9' }),
    ]);
    expect(inst.rows[0].metadata).toEqual({ '00100020': { vr: 'LO', Value: ['P1'] } });
    const events = await c.query('select outcome from ingest_events');
    expect(events.rows).toEqual([{ outcome: 'duplicate' }]);
  });
});
