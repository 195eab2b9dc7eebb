import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { z } from 'zod';
import type { RegisteredRoute } from '../app';
import type { Db } from '../platform/db';
import type { ResourceKind } from '../modules/auth';
import { testServiceRequest, testTransaction } from '../modules/delivery/fhirTestOrders';
import type { ForeignTargets } from './foreignTargets';
import { bodyFor } from './schemaBody';
import type { TestClient } from './http';

/** A valid version body for the walk's SOP writes (Markdown, for the radiologists). */
const WALKED_SOP_VERSION = {
  format: 'markdown',
  markdown: 'Walked procedure',
  fileId: null,
  effectiveOn: '2026-03-04',
  reviewDueOn: '2027-03-04',
  roles: ['radiologist'],
  changeNote: '',
};

/**
 * Fields set over the generated body where its minimum would not reach the handler's work or
 * would harm the rest of the walk (the result must still pass the route's schema: `requestFor`
 * checks it). Security settings stay generous, so the walk's wrong passwords do not lock the
 * accounts it walks with.
 */
const BODY_OVERRIDES: Record<string, (t: ForeignTargets) => Record<string, unknown>> = {
  'PUT /api/settings/security': () => ({
    mfaRequiredRoles: [],
    sessionIdleMinutes: 1440,
    lockoutThreshold: 20,
    lockoutMinutes: 1,
  }),
  // The home centre must exist (the service checks it, not the schema).
  'POST /api/clinics': (t) => ({ homeCentreId: t.ids.centre }),
  // A message needs words or a file; the generated minimum has neither.
  'POST /api/messaging/threads/:id/messages': () => ({ body: 'Walked message' }),
  // A version's review must fall due after it takes effect (checked by a refinement).
  'POST /api/sops': (t) => ({ ownerId: t.sopOwnerId, version: WALKED_SOP_VERSION }),
  'POST /api/sops/:id/versions': () => ({ version: WALKED_SOP_VERSION, ownerId: null }),
  // A flag names a real study; a session is built from a real flag (its copy is made).
  'POST /api/teaching/flags': (t) => ({ studyUid: t.studyUid }),
  'POST /api/teaching/sessions': (t) => ({ cases: [{ flagId: t.ids.teachingFlag, note: '' }] }),
  // An applicant's names and ID carry DICOM character rules the generator does not meet.
  'POST /api/clinics/:id/orders': () => ({
    patientId: 'WALK-1',
    familyName: 'Walked',
    birthDate: '1990-01-01',
    sex: 'O',
  }),
  // A FHIR order for DEMO2 (the clinic named in the resource, not the path): the service's
  // scope check refuses it to a DEMO1 user; a re-post answers the order already made.
  'POST /api/fhir/ServiceRequest': (t) =>
    testServiceRequest(t.clinicId, 'WALK-FHIR-1', 'WALK-FHIR-SR'),
  'POST /api/fhir': (t) => testTransaction(t.clinicId, 'WALK-FHIR-2', 'WALK-FHIR-TX'),
  // A result needs a score or an error code; it names the foreign study.
  'POST /api/cad/results': (t) => ({
    studyInstanceUid: t.studyUid,
    product: { name: 'Walked CAD', version: '1' },
    score: 1,
  }),
  // A product's scale must rise.
  'POST /api/cad/products': () => ({ scoreMin: 0, scoreMax: 100 }),
  // An integration is for clinics that exist (the service checks them, not the schema).
  'POST /api/cad/integrations': (t) => ({ clinicIds: [t.clinicId] }),
  // A target's host must be a host name (a pattern the generator does not meet).
  'PUT /api/cad/integrations/:id/forward': () => ({
    protocol: 'dimse',
    aeTitle: 'WALKCAD',
    host: '127.0.0.1',
    port: 104,
  }),
  // A hand match names the foreign clinic's own order, so only the study's scope can refuse it.
  'POST /api/studies/:studyUid/order-match': (t) => ({ orderId: t.ids.order }),
  // An HL7 destination's host and names follow rules the generator does not meet.
  'POST /api/clinics/:id/hl7-destinations': () => ({
    host: '127.0.0.1',
    port: 2575,
    receivingApplication: 'WALKED-RIS',
  }),
  'PATCH /api/hl7-destinations/:id': () => ({ enabled: false }),
  // A real order list, previewed, so the walk reaches the import's row checks.
  'POST /api/clinics/:id/orders/import': () => ({
    csv: 'patient_id,family_name,birth_date,sex\nWALK-2,Walked,1990-01-01,M\n',
    dryRun: true,
  }),
  // A gateway's outage order carries the same applicant rules, and a real UID.
  'POST /api/gateways/orders': () => ({
    orders: [
      {
        localId: 'walk-local-1',
        studyInstanceUid: '2.25.1234567',
        order: { patientId: 'WALK-3', familyName: 'Walked', birthDate: '1990-01-01', sex: 'O' },
      },
    ],
  }),
};

/**
 * Query fields set over the generated query where a generated id would name nothing, so the walk
 * would stop at the route's 404 before its work: the CAD calibration routes name DEMO2's CAD
 * product version and DEMO2 itself. `access.int.test.ts` checks each reaches its answer.
 */
const QUERY_OVERRIDES: Record<string, (t: ForeignTargets) => Record<string, string>> = {
  'GET /api/kpi/cad': (t) => ({ productId: t.cadProductId, clinicId: t.clinicId }),
  'GET /api/kpi/cad/reads': (t) => ({ productId: t.cadProductId, clinicId: t.clinicId }),
};

/**
 * Whether a DEMO1 user must be refused DEMO2's record of each kind: the test's own expectation,
 * independent of the app's scope registry (centres and users are not clinic data). A new kind
 * does not compile until it is listed here.
 */
const REFUSED_ABROAD: Record<ResourceKind, boolean> = {
  centre: false,
  user: false,
  clinic: true,
  token: true,
  notification: true,
  notificationPreferences: true,
  study: true,
  series: true,
  instance: true,
  task: true,
  report: true,
  delivery: true,
  upload: true,
  retake: true,
  peerReviewProgramme: false,
  discrepancy: true,
  criticalResult: true,
  thread: true,
  attachment: true,
  incident: true,
  // SOPs are the centre's documents, for roles rather than clinics: their services refuse a
  // document not written for the caller's roles, which the walk's canaries check.
  sop: false,
  teachingFlag: true,
  teachingSession: false,
  teachingCase: false,
  secondOpinion: true,
  // A reader's card is no clinic's record: the owner check (with QA's openTo) guards it.
  reportCard: false,
  trainingRecord: true,
  gateway: true,
  order: true,
  hl7Destination: true,
  cadIntegration: true,
};

/** Every walked route: `/api` and `/dicomweb`, but not sign-in. */
export function walkedRoutes(app: FastifyInstance): RegisteredRoute[] {
  return app.routeTable.filter(
    (r) =>
      (r.url.startsWith('/api/') || r.url.startsWith('/dicomweb')) && r.url !== '/api/auth/login',
  );
}

/** The route's URL aimed at the foreign record of its kind. */
export function urlFor(route: RegisteredRoute, t: ForeignTargets): string {
  const kind = route.access?.resource ?? 'clinic';
  return route.url
    .replace(':id', t.ids[kind])
    .replace(':studyUid', t.studyUid)
    .replace(':seriesUid', t.seriesUid)
    .replace(':sopUid', t.sopUid)
    .replace(':frames', '1')
    .replace('*', '7FE00010');
}

/**
 * The request the walk sends to `route`: aimed at the foreign record, with a body that passes
 * the route's zod schema (generated, with `BODY_OVERRIDES`), so a refusal comes from access
 * control and not from the validator. Throws when no valid body can be made.
 */
export function requestFor(route: RegisteredRoute, t: ForeignTargets): InjectOptions {
  const key = `${route.method} ${route.url}`;
  const opts: InjectOptions = { method: route.method as 'GET', url: urlFor(route, t) };
  const query = route.querystring as z.ZodType | undefined;
  if (query) {
    const made = bodyFor(query);
    if ('problem' in made) throw new Error(`${key}: no valid query: ${made.problem}`);
    const entries = Object.entries(made.body as Record<string, unknown>).filter(
      ([, v]) => v !== null && typeof v !== 'object',
    );
    const q: Record<string, string> = Object.fromEntries(entries.map(([k, v]) => [k, String(v)]));
    const override = QUERY_OVERRIDES[key];
    if (override) {
      Object.assign(q, override(t));
      const checked = query.safeParse(q);
      if (!checked.success) throw new Error(`${key}: its query override fails: ${checked.error}`);
    }
    if (Object.keys(q).length) opts.query = q;
  }
  const schema = route.body as z.ZodType | undefined;
  if (!schema) return opts;
  const made = bodyFor(schema);
  const override = BODY_OVERRIDES[key];
  // A schema whose refinements its minimum fails (dates in order, text for its format) is made
  // valid by its override, checked below.
  if ('problem' in made && !override)
    throw new Error(`${key}: no valid body (add an override): ${made.problem}`);
  const generated = 'problem' in made ? made.generated : made.body;
  if (!override) return { ...opts, payload: generated as object };
  const body = { ...(generated as object), ...override(t) };
  const checked = schema.safeParse(body);
  if (!checked.success) throw new Error(`${key}: its override fails its schema: ${checked.error}`);
  return { ...opts, payload: body };
}

/** Sends the walk's request for `route`, signed in as `client` (anonymous when null). */
export function call(
  app: FastifyInstance,
  client: TestClient | null,
  route: RegisteredRoute,
  t: ForeignTargets,
): Promise<LightMyRequestResponse> {
  const opts = requestFor(route, t);
  return client ? client.request(opts) : app.inject(opts);
}

/**
 * What is wrong with a DEMO1 user's answer from `route` aimed at DEMO2's records: any DEMO2
 * canary in the body; and, on a route of a clinic-scoped kind the user may call, anything but a
 * 404 refused by the scope check itself (its audit event, outcome `denied`, naming the record and
 * its clinic). A service's own 404 does not count: a forgotten check there would leak.
 */
export async function foreignProblems(
  db: Db,
  route: RegisteredRoute,
  res: LightMyRequestResponse,
  t: ForeignTargets,
): Promise<string[]> {
  const label = `${route.method} ${route.url} → ${res.statusCode}`;
  const problems = t.canaries.filter((c) => res.body.includes(c)).map((c) => `${label} leaks ${c}`);
  const kind = route.access?.resource;
  if (!kind || !REFUSED_ABROAD[kind] || res.statusCode === 403) return problems;
  if (res.statusCode !== 404)
    return [...problems, `${label}: not refused (${res.body.slice(0, 120)})`];
  const event = await db
    .selectFrom('audit_events')
    .select(['outcome', 'clinic_id', 'resource_id', 'details'])
    .where('request_id', '=', String(res.headers['x-request-id']))
    .executeTakeFirst();
  // A user's own records (tokens, notification switches) belong to no clinic.
  const clinic = kind === 'token' || kind === 'notificationPreferences' ? null : t.clinicId;
  const details = (event?.details ?? {}) as { refusedBy?: string };
  if (
    !event ||
    event.outcome !== 'denied' ||
    event.clinic_id !== clinic ||
    !event.resource_id ||
    details.refusedBy !== 'scope'
  )
    problems.push(`${label}: not refused by the scope check (audit ${JSON.stringify(event)})`);
  return problems;
}
