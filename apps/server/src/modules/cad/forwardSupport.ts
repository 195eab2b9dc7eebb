import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import dcmjs from 'dcmjs';
import type { AppFixture } from '../../testing/appFixture';
import { writeCxr, type WrittenFile } from '../../testing/dicomFixtures';
import type { TestClient } from '../../testing/http';
import { sweepStableStudies } from '../ingest';
import { cadIntegration } from './testSupport';

/** Test helpers for forwarding to a CAD (not used by the product). */

/** Sets up a CAD integration for `clinicIds` as `admin`; answers its id. */
export async function integrationId(admin: TestClient, clinicIds: string[]): Promise<string> {
  await cadIntegration(admin, clinicIds);
  const res = await admin.request({ method: 'GET', url: '/api/cad/integrations' });
  const list = (res.json() as { integrations: { id: string }[] }).integrations;
  return list[list.length - 1]!.id;
}

/** Sets integration `id`'s forward target as `admin`; throws unless it was accepted. */
export async function setTarget(admin: TestClient, id: string, body: unknown): Promise<void> {
  const res = await admin.request({
    method: 'PUT',
    url: `/api/cad/integrations/${id}/forward`,
    payload: body as Record<string, unknown>,
  });
  if (res.statusCode !== 200) throw new Error(`target refused: ${res.body}`);
}

/**
 * Writes one chest X-ray image of study `studyUid` (a fresh study when not given) into `dir`:
 * `view` PA by default; `modality` rewritten with DCMTK's dcmodify when it is not CR or DX.
 */
export async function cxrFile(
  dir: string,
  name: string,
  opts: { studyUid?: string; view?: 'PA' | 'AP' | 'LATERAL'; modality?: string; seed?: number },
): Promise<WrittenFile> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.dcm`);
  const written = await writeCxr(file, 'explicitLE', {
    rows: 16,
    columns: 16,
    seed: opts.seed ?? 1,
    view: opts.view ?? 'PA',
    ...(opts.studyUid ? { study: { studyInstanceUid: opts.studyUid } } : {}),
  });
  if (opts.modality) execFileSync('dcmodify', ['-nb', '-m', `(0008,0060)=${opts.modality}`, file]);
  return written;
}

/** Marks every quiet study stable as the stability sweep does; answers their ids by UID. */
export async function makeStable(fx: AppFixture): Promise<Map<string, string>> {
  const events = await sweepStableStudies({ db: fx.tdb.db, boss: fx.jobs, quietSeconds: 0 });
  return new Map(events.map((e) => [e.studyUid, e.studyId]));
}

/** The SOP Instance UID and pixel bytes of a Part 10 file. */
export function uidAndPixels(file: string): { sop: string; pixels: string } {
  const buf = fs.readFileSync(file);
  const ds = dcmjs.data.DicomMessage.readFile(
    buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength),
  );
  const dict = ds.dict as Record<string, { Value: unknown[] }>;
  const sop = String(dict['00080018']!.Value[0]);
  const pixels = Buffer.from(dict['7FE00010']!.Value[0] as ArrayBuffer).toString('base64');
  return { sop, pixels };
}

/** The Part 10 files a storescp wrote into `dir`. */
export function received(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => path.join(dir, f)) : [];
}
