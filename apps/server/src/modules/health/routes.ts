import fs from 'node:fs';
import { sql } from 'kysely';
import { z } from 'zod';
import type { FastifyZodApp } from '../../platform/http';

const Health = z.object({
  status: z.enum(['ok', 'unavailable']),
  version: z.string(),
  database: z.object({
    ok: z.boolean(),
    latencyMs: z.number().nullable(),
    error: z.string().optional(),
  }),
  storage: z.object({
    ok: z.boolean(),
    dataDir: z.string(),
    freeBytes: z.number().nullable(),
    totalBytes: z.number().nullable(),
  }),
  uptimeSeconds: z.number(),
});

/** `GET /api/health`: 200 once the database and storage answer, 503 otherwise. */
export async function healthRoutes(
  app: FastifyZodApp,
  opts: { dataDir: string; version: string },
): Promise<void> {
  app.get('/api/health', {
    config: { access: { permission: 'public' } },
    schema: {
      tags: ['health'],
      summary: 'Readiness of database and storage',
      response: { 200: Health, 503: Health },
    },
    handler: async (req, reply) => {
      const t0 = performance.now();
      let database: z.infer<typeof Health>['database'];
      try {
        await sql`select 1`.execute(req.ctx.db);
        database = { ok: true, latencyMs: Math.round((performance.now() - t0) * 10) / 10 };
      } catch (e) {
        database = { ok: false, latencyMs: null, error: (e as Error).message.slice(0, 200) };
      }
      let storage: z.infer<typeof Health>['storage'];
      try {
        fs.accessSync(opts.dataDir, fs.constants.W_OK);
        const s = fs.statfsSync(opts.dataDir);
        storage = {
          ok: true,
          dataDir: opts.dataDir,
          freeBytes: s.bavail * s.bsize,
          totalBytes: s.blocks * s.bsize,
        };
      } catch {
        storage = { ok: false, dataDir: opts.dataDir, freeBytes: null, totalBytes: null };
      }
      const ok = database.ok && storage.ok;
      return reply.status(ok ? 200 : 503).send({
        status: ok ? 'ok' : 'unavailable',
        version: opts.version,
        database,
        storage,
        uptimeSeconds: Math.round(process.uptime()),
      });
    },
  });
}
