import type { LightMyRequestResponse } from 'fastify';
import type { CadVisibility, Programme } from '@telerad/contracts';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { newTask } from '../worklist/testSupport';

/** Test helpers for the CAD module's integration tests (not used by the product). */

/** The CAD4TB version the tests register: 0–100, higher more abnormal, its three error codes. */
export const CAD4TB = {
  name: 'CAD4TB',
  vendor: 'Delft Imaging',
  version: '7.0.0',
  scoreMin: 0,
  scoreMax: 100,
  higherIsAbnormal: true,
  errorCodes: [
    { code: -1, meaning: 'Not a valid PA chest X-ray' },
    { code: -2, meaning: 'Invalid input' },
    { code: -3, meaning: 'Processing failed' },
  ],
};

/** Registers a product version as `client` (QA or admin); answers its id. */
export async function registerProduct(
  client: TestClient,
  product: Record<string, unknown> = CAD4TB,
): Promise<string> {
  const res = await client.request({ method: 'POST', url: '/api/cad/products', payload: product });
  if (res.statusCode !== 200) throw new Error(`no product: ${res.body}`);
  return (res.json() as { id: string }).id;
}

/** Sets up a CAD integration for `clinicIds` as `admin`; answers its token. */
export async function cadIntegration(admin: TestClient, clinicIds: string[]): Promise<string> {
  const res = await admin.request({
    method: 'POST',
    url: '/api/cad/integrations',
    payload: { name: 'CAD4TB box', clinicIds },
  });
  if (res.statusCode !== 200) throw new Error(`no integration: ${res.body}`);
  return (res.json() as { token: string }).token;
}

/** Posts a result to the webhook with `token` (none: no authorisation header). */
export function postResult(
  fx: AppFixture,
  token: string | null,
  payload: unknown,
): Promise<LightMyRequestResponse> {
  return fx.app.inject({
    method: 'POST',
    url: '/api/cad/results',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    payload: payload as Record<string, unknown>,
  });
}

/** A routine primary read of a new study of `clinicId`: its task id, study id and UID. */
export async function studyWithRead(
  fx: AppFixture,
  clinicId: string,
): Promise<{ taskId: string; studyId: string; studyUid: string }> {
  const taskId = await newTask(fx.tdb.db, clinicId, new Date());
  const row = await fx.tdb.db
    .selectFrom('reading_tasks as t')
    .innerJoin('studies as s', 's.id', 't.study_id')
    .select(['s.id', 's.study_uid'])
    .where('t.id', '=', taskId)
    .executeTakeFirstOrThrow();
  return { taskId, studyId: row.id, studyUid: row.study_uid };
}

/** A demo app with CAD set up for clinic DEMO1 (see {@link cadApp}). */
export interface CadApp {
  fx: AppFixture;
  admin: TestClient;
  qa: TestClient;
  radiologist: TestClient;
  /** DEMO1's id. */
  demo1: string;
  /** The registered {@link CAD4TB} version. */
  productId: string;
  /** The CAD integration's token for DEMO1. */
  token: string;
}

/**
 * A demo app where DEMO1 screens for `programme` only (so its studies are read against that
 * programme's thresholds and CAD visibility), {@link CAD4TB} is registered by QA, an integration
 * posts for DEMO1, and the programme's readers see CAD as `visibility` says.
 */
export async function cadApp(programme: Programme, visibility: CadVisibility): Promise<CadApp> {
  const fx = await appWithDemo();
  const [admin, qa, radiologist] = await Promise.all(
    ['admin', 'qa', 'radiologist'].map((u) => signIn(fx.app, u)),
  );
  const demo1 = (
    await fx.tdb.db
      .selectFrom('clinics')
      .select('id')
      .where('code', '=', 'DEMO1')
      .executeTakeFirstOrThrow()
  ).id;
  await fx.tdb.db
    .updateTable('clinics')
    .set({ programmes: [programme] })
    .where('id', '=', demo1)
    .execute();
  const productId = await registerProduct(qa!);
  const token = await cadIntegration(admin!, [demo1]);
  const set = await qa!.request({
    method: 'PUT',
    url: '/api/cad/visibility',
    payload: { programme, visibility },
  });
  if (set.statusCode !== 200) throw new Error(`visibility not set: ${set.body}`);
  return { fx, admin: admin!, qa: qa!, radiologist: radiologist!, demo1, productId, token };
}
