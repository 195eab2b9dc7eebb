import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUid } from '@telerad/dicom';
import { installAuditRefusal } from '../../testing/auditRefusal';
import { writeCxr, type WrittenFile } from '../../testing/dicomFixtures';
import { dimseFixture, run, type DimseFixture } from './testSupport';

/**
 * DIMSE audits are awaited: C-STORE arrivals are in the audit trail before the A-RELEASE-RP, and
 * a C-FIND whose event cannot be written sends no match (fail closed, DESIGN.md §2).
 */
let f: DimseFixture;
let files: WrittenFile[];
let audit: Awaited<ReturnType<typeof installAuditRefusal>>;
const study = newUid();

const events = (action: string) =>
  f.tdb.db
    .selectFrom('audit_events')
    .selectAll()
    .where('action', '=', action)
    .orderBy('id')
    .execute();

beforeAll(async () => {
  f = await dimseFixture();
  const dir = path.join(f.dataDir, 'files');
  fs.mkdirSync(dir);
  files = await Promise.all(
    [1, 2, 3].map((n) =>
      writeCxr(path.join(dir, `${n}.dcm`), 'explicitLE', {
        seed: n,
        rows: 16,
        columns: 16,
        patient: { id: 'AUD-1', name: 'AUDIT^ARRIVAL' },
        study: { studyInstanceUid: study },
        instanceNumber: n,
      }),
    ),
  );
  audit = await installAuditRefusal(f.tdb.db);
});
afterAll(async () => f?.close());

const send = (paths: string[]) =>
  run('storescu', ['-aet', 'DEMO1', '-aec', 'TELERAD', '127.0.0.1', String(f.port), ...paths]);
const find = () =>
  run('findscu', [
    '-v',
    '-S',
    '-aet',
    'DEMO1',
    '-aec',
    'TELERAD',
    '127.0.0.1',
    String(f.port),
    '-k',
    'QueryRetrieveLevel=STUDY',
    '-k',
    'PatientID=AUD-1',
    '-k',
    'PatientName',
  ]);

describe('DIMSE audit', () => {
  it('writes the arrivals of an association, one event per study, before the release is answered', async () => {
    const r = await send(files.map((x) => x.path));
    expect(r.code, r.out).toBe(0);
    // storescu exits once the A-RELEASE-RP arrives: the event must be there already.
    const [ev, ...more] = await events('dimse.store');
    expect(more).toEqual([]);
    expect(ev).toMatchObject({
      outcome: 'success',
      resource_type: 'study',
      resource_id: study,
      actor_name: 'AE DEMO1',
    });
    expect(ev!.clinic_id).toBeTruthy();
    expect(ev!.details).toMatchObject({ instances: 3, stored: 3 });
  });

  it('aborts the release when the arrivals cannot be audited', async () => {
    await audit.refuse('dimse.store');
    const r = await send([files[0]!.path]);
    await audit.allowAll();
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/abort/i);
  });

  it('sends no C-FIND match whose audit event cannot be written', async () => {
    const ok = await find();
    expect(ok.out).toContain('AUDIT^ARRIVAL');
    await audit.refuse('dimse.find');
    const r = await find();
    expect(r.out).not.toContain('AUDIT^ARRIVAL');
    expect(r.out).toMatch(/OutOfResources/);
  });
});
