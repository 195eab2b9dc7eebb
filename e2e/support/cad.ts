import { apiCall, apiLogin, type ApiSession } from './api';

/**
 * The CAD set-up the CAD e2e files share, through the running server's API as its users do it:
 * QA registers a product version and sets its GENERAL thresholds (DEMO1 screens for several
 * programmes and none is chosen, so the general thresholds apply), and an administrator makes
 * an integration for DEMO1.
 */

/** A product version to register; `version` should be new for each run of the demo server. */
export interface CadProductInput {
  name: string;
  vendor: string;
  version: string;
  errorCodes?: { code: number; meaning: string }[];
}

/** What {@link setUpCad} made, with the sessions it used. */
export interface CadSetUp {
  qa: ApiSession;
  admin: ApiSession;
  demo1: { id: string; code: string };
  productId: string;
  version: string;
  integrationId: string;
  /** The integration's token for the JSON webhook. */
  token: string;
}

/** DEMO1 as the clinics list names it. */
export async function demo1Of(
  baseUrl: string,
  admin: ApiSession,
): Promise<{ id: string; code: string }> {
  const clinics = await apiCall<{ id: string; code: string }[]>(
    baseUrl,
    admin,
    'GET',
    '/api/clinics',
  );
  return clinics.find((c) => c.code === 'DEMO1')!;
}

/** Makes a CAD integration for DEMO1 named `name`, as an administrator. */
export async function cadIntegrationForDemo1(
  baseUrl: string,
  admin: ApiSession,
  name: string,
): Promise<{ id: string; token: string; demo1: { id: string; code: string } }> {
  const demo1 = await demo1Of(baseUrl, admin);
  const made = await apiCall<{ id: string; token: string }>(
    baseUrl,
    admin,
    'POST',
    '/api/cad/integrations',
    { name, clinicIds: [demo1.id] },
  );
  return { ...made, demo1 };
}

/**
 * Registers `product` (a 0–100 scale, higher more abnormal), sets its GENERAL thresholds, and
 * makes the integration `integration` for DEMO1.
 */
export async function setUpCad(
  baseUrl: string,
  opts: {
    product: CadProductInput;
    thresholds: { operating: number; triage: number; note: string };
    integration: string;
  },
): Promise<CadSetUp> {
  const qa = await apiLogin(baseUrl, 'qa');
  const admin = await apiLogin(baseUrl, 'admin');
  const { product, thresholds } = opts;
  const made = await apiCall<{ id: string }>(baseUrl, qa, 'POST', '/api/cad/products', {
    ...product,
    errorCodes: product.errorCodes ?? [],
    scoreMin: 0,
    scoreMax: 100,
  });
  await apiCall(baseUrl, qa, 'POST', '/api/cad/thresholds', {
    productId: made.id,
    programme: 'GENERAL',
    operatingThreshold: thresholds.operating,
    triageThreshold: thresholds.triage,
    note: thresholds.note,
  });
  const integration = await cadIntegrationForDemo1(baseUrl, admin, opts.integration);
  return {
    qa,
    admin,
    demo1: integration.demo1,
    productId: made.id,
    version: product.version,
    integrationId: integration.id,
    token: integration.token,
  };
}

/** Posts a CAD result to the JSON webhook with the integration's `token`; answers the response. */
export function postCadResult(
  baseUrl: string,
  token: string,
  result: Record<string, unknown>,
): Promise<Response> {
  return fetch(`${baseUrl}/api/cad/results`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(result),
  });
}
