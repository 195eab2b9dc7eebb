import {
  ClinicWebhook,
  ClinicWebhookUpdate,
  Delivery,
  DeliveryPage,
  DeliveryQuery,
} from '@telerad/contracts';
import { z } from 'zod';
import type { FastifyZodApp } from '../../platform/http';
import { noteClinicReceipts } from '../receipts';
import { hl7DestinationRoutes } from './hl7Routes';
import type { DeliveryDeps } from './runner';
import { listDeliveries } from './deliveryList';
import { retryDeliveryNow } from './deliveryRetry';
import { contentDisposition, reportPdf } from './service';
import { getClinicWebhook, rotateWebhookSecret, setClinicWebhook } from './webhookSettings';

/** What the delivery routes need: the same deps the runner uses. */
export interface DeliveryRouteOptions {
  deps: DeliveryDeps;
}

const Params = z.object({ id: z.uuid() });
const PdfQuery = z.object({
  version: z.coerce.number().int().min(1).max(10_000).optional(),
  /** `1`: a download (Content-Disposition: attachment) rather than a page to view. */
  download: z.enum(['0', '1']).optional(),
});

/**
 * The report PDF (clinic scope, audited), support's deliveries list and retry, and a clinic's
 * webhook settings (admin).
 */
export async function deliveryRoutes(app: FastifyZodApp, opts: DeliveryRouteOptions) {
  app.get('/api/reports/:id/pdf', {
    config: {
      access: { permission: 'report:read', audit: 'report.pdf.read', resource: 'report' },
    },
    schema: {
      tags: ['reports'],
      summary: 'The PDF of a released report version (the latest when no version is given)',
      params: Params,
      querystring: PdfQuery,
    },
    handler: async (req, reply) => {
      req.auditInfo = { ...req.auditInfo, resourceId: req.params.id };
      const out = await reportPdf(req.ctx, opts.deps, req.params.id, req.query.version);
      req.auditInfo.clinicId = out.report.clinic.id;
      req.auditInfo.details = { version: out.report.version };
      const download = req.query.download === '1';
      noteClinicReceipts(req, [
        {
          reportId: out.report.reportId,
          version: out.report.version,
          clinicId: out.report.clinic.id,
          kind: download ? 'downloaded' : 'viewed',
          via: 'pdf',
        },
      ]);
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          contentDisposition(download ? 'attachment' : 'inline', out.fileName),
        )
        .header('cache-control', 'private, no-store')
        .send(out.pdf);
    },
  });

  app.get('/api/deliveries', {
    config: { access: { permission: 'deliveries:read' } },
    schema: {
      tags: ['deliveries'],
      summary: 'Report deliveries and their attempts: failed first',
      querystring: DeliveryQuery,
      response: { 200: DeliveryPage },
    },
    handler: async (req) => listDeliveries(req.ctx, req.query),
  });

  app.post('/api/deliveries/:id/retry', {
    config: { access: { permission: 'deliveries:retry', resource: 'delivery' } },
    schema: {
      tags: ['deliveries'],
      summary: 'Retry a delivery now, with a fresh set of attempts',
      params: Params,
      response: { 200: Delivery },
    },
    handler: async (req) => retryDeliveryNow(req.ctx, opts.deps, req.params.id),
  });

  app.get('/api/clinics/:id/webhook', {
    config: { access: { permission: 'clinics:write', resource: 'clinic' } },
    schema: {
      tags: ['clinics'],
      summary: "A clinic's webhook of released reports (the secret is never shown again)",
      params: Params,
      response: { 200: ClinicWebhook },
    },
    handler: async (req) => getClinicWebhook(req.ctx, req.params.id),
  });

  app.put('/api/clinics/:id/webhook', {
    config: { access: { permission: 'clinics:write', resource: 'clinic' } },
    schema: {
      tags: ['clinics'],
      summary: "Set or clear a clinic's webhook URL; the first URL generates its secret",
      params: Params,
      body: ClinicWebhookUpdate,
      response: { 200: ClinicWebhook },
    },
    handler: async (req) => setClinicWebhook(req.ctx, req.params.id, req.body.url),
  });

  app.post('/api/clinics/:id/webhook/secret', {
    config: { access: { permission: 'clinics:write', resource: 'clinic' } },
    schema: {
      tags: ['clinics'],
      summary: "Rotate a clinic's webhook secret; the new one is shown this once",
      params: Params,
      response: { 200: ClinicWebhook },
    },
    handler: async (req) => rotateWebhookSecret(req.ctx, req.params.id),
  });

  await hl7DestinationRoutes(app);
}
