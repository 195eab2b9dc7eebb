import { signIn } from '../http';
import type { Demo2 } from './seed';

/** DEMO2's CAD records: its integration's id, and the product version its result names. */
export interface Demo2Cad {
  integrationId: string;
  productId: string;
}

/**
 * A CAD integration for DEMO2 alone, made by an administrator, with a forward target: its
 * routes must refuse a DEMO1 user (its canary is the target's AE title). A product version QA
 * registered, with the integration's result for DEMO2's study, gives the CAD calibration routes
 * (`/api/kpi/cad*`) a real version to walk with instead of an unknown id.
 */
export async function seedDemo2CadIntegration({ fx, clinic, qa, file }: Demo2): Promise<Demo2Cad> {
  const admin = await signIn(fx.app, 'admin');
  const made = await admin.request({
    method: 'POST',
    url: '/api/cad/integrations',
    payload: { name: 'CANARY-CAD-DEMO2', clinicIds: [clinic.id] },
  });
  if (made.statusCode !== 200) throw new Error(`no DEMO2 CAD integration: ${made.body}`);
  const id = (made.json() as { id: string }).id;
  const target = await admin.request({
    method: 'PUT',
    url: `/api/cad/integrations/${id}/forward`,
    payload: { protocol: 'dimse', aeTitle: 'CANARYCAD2', host: '127.0.0.1', port: 104 },
  });
  if (target.statusCode !== 200) throw new Error(`no DEMO2 CAD target: ${target.body}`);
  const product = await qa.request({
    method: 'POST',
    url: '/api/cad/products',
    payload: {
      name: 'Walked CAD',
      vendor: 'Walked',
      version: '1.0.0',
      scoreMin: 0,
      scoreMax: 100,
      higherIsAbnormal: true,
      errorCodes: [],
    },
  });
  if (product.statusCode !== 200) throw new Error(`no CAD product: ${product.body}`);
  const result = await fx.app.inject({
    method: 'POST',
    url: '/api/cad/results',
    headers: { authorization: `Bearer ${(made.json() as { token: string }).token}` },
    payload: {
      studyInstanceUid: file.studyInstanceUid,
      product: { name: 'Walked CAD', version: '1.0.0' },
      score: 64,
    },
  });
  if (result.statusCode !== 200) throw new Error(`no DEMO2 CAD result: ${result.body}`);
  return { integrationId: id, productId: (product.json() as { id: string }).id };
}
