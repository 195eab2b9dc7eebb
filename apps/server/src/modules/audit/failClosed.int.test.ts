import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { installAuditRefusal } from '../../testing/auditRefusal';
import { writeCxr, type WrittenFile } from '../../testing/dicomFixtures';
import { signIn, type TestClient } from '../../testing/http';

/**
 * Audit fails closed (DESIGN.md §2): a read whose audit event cannot be written answers
 * AUDIT_UNAVAILABLE and sends nothing of the data. The insert is made to fail by a trigger in the
 * test database that refuses events of chosen actions (`installAuditRefusal`).
 */
let fx: AppFixture;
let study: WrittenFile;
let rad: TestClient;

const PATIENT = 'FAILCLOSED^MARKER';

let audit: Awaited<ReturnType<typeof installAuditRefusal>>;
const refuseAudit = (action: string) => audit.refuse(action);

beforeAll(async () => {
  fx = await appWithDemo();
  const dir = path.join(fx.dataDir, 'in');
  fs.mkdirSync(dir);
  study = await writeCxr(path.join(dir, 'a.dcm'), 'explicitLE', {
    rows: 32,
    columns: 32,
    patient: { name: PATIENT, id: 'FC-0001' },
  });
  await fx.storeAs('DEMO1', study.path);
  audit = await installAuditRefusal(fx.tdb.db);
  rad = await signIn(fx.app, 'radiologist');
});
afterAll(async () => fx?.close());

describe('audit that fails closed', () => {
  it('answers a JSON read with 503 and none of its data when its event cannot be written', async () => {
    const url = `/api/studies/${study.studyInstanceUid}`;
    const ok = await rad.request({ method: 'GET', url });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('FAILCLOSED');
    await refuseAudit('archive.study.read');
    const res = await rad.request({ method: 'GET', url });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('AUDIT_UNAVAILABLE');
    expect(res.body).not.toContain('FAILCLOSED');
    expect(res.body).not.toContain('FC-0001');
  });

  it('withholds a streamed WADO-RS instance, not one DICOM byte leaves', async () => {
    const url = `/dicomweb/studies/${study.studyInstanceUid}/series/${study.seriesInstanceUid}/instances/${study.sopInstanceUid}`;
    const headers = { accept: 'multipart/related; type="application/dicom"' };
    const ok = await rad.request({ method: 'GET', url, headers });
    expect(ok.statusCode).toBe(200);
    expect(ok.rawPayload.includes(Buffer.from('DICM'))).toBe(true);
    await refuseAudit('dicomweb.retrieve');
    const res = await rad.request({ method: 'GET', url, headers });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json().error.code).toBe('AUDIT_UNAVAILABLE');
    expect(res.rawPayload.includes(Buffer.from('DICM'))).toBe(false);
    expect(res.body).not.toContain('FAILCLOSED');
  });

  it('withholds QIDO-RS matches', async () => {
    const url = `/dicomweb/studies?PatientID=FC-0001`;
    expect((await rad.request({ method: 'GET', url })).body).toContain('FC-0001');
    await refuseAudit('dicomweb.qido');
    const res = await rad.request({ method: 'GET', url });
    expect(res.statusCode).toBe(503);
    expect(res.body).not.toContain('FC-0001');
  });
});
