import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCxr } from '../../testing/dicomFixtures';
import { startOrthanc } from '../../testing/orthanc';
import { dimseFixture, type DimseFixture } from './testSupport';

let f: DimseFixture;
let orthanc: ChildProcess | undefined;
let http = '';

beforeAll(async () => {
  f = await dimseFixture();
  const pacs = await startOrthanc(path.join(f.dataDir, 'orthanc'), {
    DicomModalities: { telerad: ['TELERAD', '127.0.0.1', f.port] },
    DicomAlwaysAllowStore: true,
  });
  orthanc = pacs.process;
  http = pacs.url;
  const demo1 = await f.tdb.db
    .selectFrom('clinics')
    .select('id')
    .where('code', '=', 'DEMO1')
    .executeTakeFirstOrThrow();
  await f.tdb.db
    .insertInto('clinic_ae_titles')
    .values({
      ae_title: 'CLINICPACS',
      clinic_id: demo1.id,
      allowed_networks: ['127.0.0.0/8'],
      position: 1,
    })
    .execute();
}, 60_000);

afterAll(async () => {
  orthanc?.kill();
  await f?.close();
});

describe('Orthanc as a clinic PACS', () => {
  it('pushes an instance to Telerad with its own C-STORE SCU', async () => {
    const w = await writeCxr(path.join(f.dataDir, 'push.dcm'), 'jpegLsLossless', {
      seed: 9,
      rows: 32,
      columns: 32,
    });
    const up = await fetch(`${http}/instances`, { method: 'POST', body: fs.readFileSync(w.path) });
    expect(up.ok).toBe(true);
    const { ID } = (await up.json()) as { ID: string };
    const push = await fetch(`${http}/modalities/telerad/store`, {
      method: 'POST',
      body: JSON.stringify({ Resources: [ID], Synchronous: true }),
    });
    expect(push.status, await push.clone().text()).toBe(200);
    const row = await f.tdb.db
      .selectFrom('instances')
      .select(['transfer_syntax_uid', 'calling_ae', 'door'])
      .where('sop_uid', '=', w.sopInstanceUid)
      .executeTakeFirst();
    expect(row).toEqual({
      transfer_syntax_uid: w.transferSyntaxUid,
      calling_ae: 'CLINICPACS',
      door: 'dimse',
    });
  });
});
