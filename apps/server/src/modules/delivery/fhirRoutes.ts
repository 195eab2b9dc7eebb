import type { FastifyError, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { fromFastify } from '../../platform/errorHandler';
import { appError, toAppError } from '../../platform/errors';
import type { FastifyZodApp } from '../../platform/http';
import { noteClinicReceipts } from '../receipts';
import { chooseSingle, parseAccept } from '../dicomweb';
import type { ResourceIssue } from './fhirOrderIn';
import { diagnosticReport, FHIR_JSON, imagingStudy, searchset } from './fhirResources';
import { capabilityStatement, operationOutcome } from './fhirServerResources';
import { fhirReportsOfStudy, fhirReport, fhirStudy } from './fhirService';
import { fhirOrderRoutes } from './fhirOrderRoutes';
import { sendFhir } from './fhirReply';
import type { ReleasedReport } from './load';
import type { DeliveryDeps } from './runner';

/** What the FHIR routes need. */
export interface FhirRouteOptions {
  deps: DeliveryDeps;
  version: string;
}

/**
 * Does the caller speak FHIR? FHIR clients ask for `application/fhir+json` (or `_format`), or
 * post it, and get errors as OperationOutcome; any other caller gets the API's one error body.
 */
function wantsFhir(req: FastifyRequest): boolean {
  const format = (req.query as Record<string, unknown> | undefined)?._format;
  return (
    /fhir/i.test(String(req.headers.accept ?? '')) ||
    /fhir/i.test(String(req.headers['content-type'] ?? '')) ||
    typeof format === 'string'
  );
}

/** The elements at fault an error names (`details.issues`, as fhirOrderIn.ts throws them). */
function issuesOf(details: unknown): ResourceIssue[] | undefined {
  const issues = (details as { issues?: unknown } | undefined)?.issues;
  return Array.isArray(issues) ? (issues as ResourceIssue[]) : undefined;
}

/** The JSON media types FHIR R4 answers with `application/fhir+json` (R4 http.html §2.21.0.6). */
const JSON_TYPES = [FHIR_JSON, 'application/json', 'text/json'];

/** `_format` values (R4 http.html §2.21.0.6.1) as media types. */
const FORMAT_TYPES: Record<string, string> = {
  json: FHIR_JSON,
  xml: 'application/fhir+xml',
  ttl: 'text/turtle',
};

/**
 * Content negotiation: this server writes JSON only, so a caller that accepts no JSON (asks for
 * `application/fhir+xml`, say, by Accept or `_format`, which wins) gets 406 rather than a
 * format it cannot read.
 */
function negotiate(req: FastifyRequest): void {
  const format = (req.query as Record<string, unknown> | undefined)?._format;
  const ranges =
    typeof format === 'string' && format
      ? parseAccept(FORMAT_TYPES[format.toLowerCase()] ?? format)
      : parseAccept(req.headers.accept);
  chooseSingle(ranges, JSON_TYPES);
}

const send = sendFhir;

const Format = z.object({ _format: z.string().max(40).optional() });

/**
 * Reports a FHIR answer carries in full. Fetched by the clinic's own system (its API token), a
 * report is downloaded: it has left for the clinic's records, as a saved PDF has.
 */
const fetchedOverFhir = (reports: readonly ReleasedReport[]) =>
  reports.map((r) => ({
    reportId: r.reportId,
    version: r.version,
    clinicId: r.clinic.id,
    kind: 'downloaded' as const,
    via: 'fhir' as const,
  }));

/**
 * FHIR R4 under `/api/fhir`: released reports as DiagnosticReport (read and search by study),
 * ImagingStudy, and the CapabilityStatement. Clinic scope and audit as every patient-data route.
 */
export async function fhirRoutes(app: FastifyZodApp, opts: FhirRouteOptions) {
  const links = { baseUrl: opts.deps.settings.publicUrl };
  app.setErrorHandler((err: FastifyError, req, reply) => {
    // Not a FHIR client: the app's one error handler renders it (a handler that throws passes
    // the error to its parent's).
    if (!wantsFhir(req)) throw err;
    const e = err.validation
      ? appError('VALIDATION_FAILED', undefined, `The request is not valid: ${err.message}`)
      : (fromFastify(err) ?? toAppError(err));
    if (e.status >= 500) req.log.error({ err }, 'FHIR request failed');
    return send(
      reply,
      operationOutcome(e.status, e.code, e.message, issuesOf(e.details)),
      e.status,
    );
  });

  app.addHook('onRequest', async (req) => negotiate(req));
  // FHIR clients post `application/fhir+json` (R4 http.html §2.21.0.6): parsed as JSON is.
  app.addContentTypeParser(
    FHIR_JSON,
    { parseAs: 'string' },
    app.getDefaultJsonParser('error', 'error'),
  );

  // Unknown resource types and interactions: an OperationOutcome, whoever asks (a FHIR path is
  // never the web app's). The routes above are more specific and win.
  app.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/api/fhir/*',
    config: { access: { permission: 'public' } },
    schema: { hide: true },
    handler: async (req, reply) => {
      const path = req.url.split('?')[0] ?? '';
      const e = appError(
        'ROUTE_NOT_FOUND',
        undefined,
        `${path} is not served here: this FHIR server has DiagnosticReport, ImagingStudy, ServiceRequest (create, read, and a transaction of a Patient and a ServiceRequest) and metadata.`,
      );
      return send(reply, operationOutcome(e.status, e.code, e.message), e.status);
    },
  });

  // The CapabilityStatement is public, as FHIR servers usually make it: a client reads it to
  // learn how to connect and sign in (R4 http.html §2.21.0.15).
  app.get('/api/fhir/metadata', {
    config: { access: { permission: 'public' } },
    schema: { tags: ['fhir'], summary: 'FHIR CapabilityStatement', querystring: Format },
    handler: async (_req, reply) =>
      send(reply, capabilityStatement(opts.version, links, new Date())),
  });

  app.get('/api/fhir/DiagnosticReport/:id', {
    config: {
      access: { permission: 'report:read', audit: 'fhir.report.read', resource: 'report' },
    },
    schema: {
      tags: ['fhir'],
      summary: 'A released report (latest version) as a FHIR DiagnosticReport',
      params: z.object({ id: z.uuid() }),
      querystring: Format,
    },
    handler: async (req, reply) => {
      req.auditInfo = { ...req.auditInfo, resourceId: req.params.id };
      const { report: r, order } = await fhirReport(req.ctx, req.params.id);
      req.auditInfo.clinicId = r.clinic.id;
      req.auditInfo.details = { version: r.version };
      noteClinicReceipts(req, fetchedOverFhir([r]));
      return send(reply, diagnosticReport(r, links, order));
    },
  });

  app.get('/api/fhir/DiagnosticReport', {
    config: { access: { permission: 'report:read', audit: 'fhir.report.search' } },
    schema: {
      tags: ['fhir'],
      summary: 'Search released reports by study (Study Instance UID): a searchset Bundle',
      querystring: Format.extend({
        study: z
          .string()
          .max(64)
          .regex(/^[0-9.]+$/, 'must be a Study Instance UID'),
      }),
    },
    handler: async (req, reply) => {
      const found = await fhirReportsOfStudy(req.ctx, req.query.study);
      const reports = found.map((f) => f.report);
      req.auditInfo = {
        resourceId: req.query.study,
        clinicId: reports[0]?.clinic.id ?? null,
        details: { study: req.query.study, results: reports.length },
      };
      noteClinicReceipts(req, fetchedOverFhir(reports));
      const self = `${links.baseUrl}/api/fhir/DiagnosticReport?study=${req.query.study}`;
      return send(
        reply,
        searchset(
          self,
          found.map((f) => diagnosticReport(f.report, links, f.order)),
          links,
        ),
      );
    },
  });

  await fhirOrderRoutes(app, links);

  app.get('/api/fhir/ImagingStudy/:studyUid', {
    config: {
      access: { permission: 'report:read', audit: 'fhir.study.read', resource: 'study' },
    },
    schema: {
      tags: ['fhir'],
      summary: 'A study as a FHIR ImagingStudy',
      params: z.object({ studyUid: z.string().max(64) }),
      querystring: Format,
    },
    handler: async (req, reply) => {
      req.auditInfo = { ...req.auditInfo, resourceId: req.params.studyUid };
      const s = await fhirStudy(req.ctx, req.params.studyUid);
      req.auditInfo.clinicId = s.clinicId;
      return send(reply, imagingStudy(s.info, links));
    },
  });
}
