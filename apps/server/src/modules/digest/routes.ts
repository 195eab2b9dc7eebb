import { DigestPreview } from '@telerad/contracts';
import { z } from 'zod';
import type { FastifyZodApp } from '../../platform/http';
import { previewDigest } from './service';

const Params = z.object({ id: z.uuid() });

/** `/api/clinics/:id/digest`: the clinic's daily digest as its manager would receive it now. */
export async function digestRoutes(
  app: FastifyZodApp,
  opts: { publicUrl?: string | undefined },
): Promise<void> {
  // It holds the clinic's figures (no patient names), so reading it is scoped and audited.
  app.get('/api/clinics/:id/digest', {
    config: {
      access: { permission: 'digest:preview', resource: 'clinic', audit: 'digest.preview' },
    },
    schema: {
      tags: ['notifications'],
      summary: "The clinic's daily digest e-mail as it would be sent now (subject, text and HTML)",
      params: Params,
      response: { 200: DigestPreview },
    },
    handler: async (req) => {
      req.auditInfo = { clinicId: req.params.id };
      return previewDigest(
        req.ctx,
        req.params.id,
        opts.publicUrl ?? `${req.protocol}://${req.host}`,
      );
    },
  });
}
