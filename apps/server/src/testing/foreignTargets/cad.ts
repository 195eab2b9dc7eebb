import { signIn } from '../http';
import type { Demo2 } from './seed';

/**
 * A CAD integration for DEMO2 alone, made by an administrator, with a forward target: its
 * routes must refuse a DEMO1 user (its canary is the target's AE title).
 */
export async function seedDemo2CadIntegration({ fx, clinic }: Demo2): Promise<string> {
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
  return id;
}
