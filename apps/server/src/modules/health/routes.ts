import type { PgBoss } from 'pg-boss';
import { sql } from 'kysely';
import { z } from 'zod';
import type { FastifyZodApp } from '../../platform/http';
import type { ObjectStorage } from '../../platform/storageTypes';
import { workerState, WorkerState } from './worker';

const Health = z.object({
  status: z.enum(['ok', 'unavailable']),
  version: z.string(),
  /** What this node runs (TELERAD_ROLES, docs/adr/0047). */
  roles: z.array(z.enum(['http', 'dimse', 'worker', 'realtime'])),
  /** The job queue as a worker node sees it; null on a node without the worker role. */
  worker: WorkerState.nullable(),
  database: z.object({
    ok: z.boolean(),
    latencyMs: z.number().nullable(),
    error: z.string().optional(),
  }),
  storage: z.object({
    ok: z.boolean(),
    /** The backend (TELERAD_STORAGE, docs/adr/0046). */
    kind: z.enum(['fs', 's3']),
    /** How long the backend took to answer its probe; null when it did not in time. */
    latencyMs: z.number().nullable(),
    dataDir: z.string(),
    /** S3 only, and only to a signed-in caller: where the objects go. */
    bucket: z.string().optional(),
    endpoint: z.string().optional(),
    /** Why the probe failed; the backend's words to a signed-in caller only. */
    error: z.string().optional(),
    freeBytes: z.number().nullable(),
    totalBytes: z.number().nullable(),
    /** Free space below which new DICOM objects are refused. */
    minFreeBytes: z.number(),
    /** False while free space is under the floor: reads work, new objects are refused. */
    acceptingObjects: z.boolean(),
    /**
     * The start-up check of the latest stored objects (docs/adr/0004, power loss): how many
     * were checked, and how many index rows name an object that is missing or of another size
     * (the log names them). Null when the check did not run in this process.
     */
    recentObjects: z.object({ checked: z.number(), missing: z.number() }).nullable(),
  }),
  uptimeSeconds: z.number(),
});

/**
 * How long the storage probe may take. HAProxy checks every 2 s and gives a check 5 s (its
 * `timeout connect`/`check` defaults), so a hung bucket answers 503 well within that.
 */
export const STORAGE_PROBE_MS = 1500;

/** `GET /api/health`: 200 once the database and storage answer, 503 otherwise. */
export async function healthRoutes(
  app: FastifyZodApp,
  opts: {
    dataDir: string;
    /** The node's object storage, probed through its own backend on every call. */
    storage: ObjectStorage;
    version: string;
    minFreeBytes: number;
    recentObjects?: { checked: number; missing: unknown[] };
    /** The node's roles, as config.roles gives them. */
    roles: readonly ('http' | 'dimse' | 'worker' | 'realtime')[];
    /** The started job queue, on a node with the worker role. */
    workerQueues?: PgBoss;
  },
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
        // The driver's words may name hosts and users: only a signed-in caller reads them.
        database = {
          ok: false,
          latencyMs: null,
          error: req.ctx.actor ? (e as Error).message.slice(0, 200) : 'unreachable',
        };
      }
      const recentObjects = opts.recentObjects
        ? { checked: opts.recentObjects.checked, missing: opts.recentObjects.missing.length }
        : null;
      const probe = await opts.storage.probe(STORAGE_PROBE_MS);
      const signedIn = Boolean(req.ctx.actor);
      const storage: z.infer<typeof Health>['storage'] = {
        ok: probe.ok,
        kind: probe.kind,
        latencyMs: probe.latencyMs,
        dataDir: opts.dataDir,
        ...(signedIn && probe.location.bucket ? { bucket: probe.location.bucket } : {}),
        ...(signedIn && probe.location.endpoint ? { endpoint: probe.location.endpoint } : {}),
        ...(probe.error ? { error: signedIn ? probe.error : 'unreachable' } : {}),
        freeBytes: probe.freeBytes,
        totalBytes: probe.totalBytes,
        minFreeBytes: opts.minFreeBytes,
        acceptingObjects: probe.ok && (probe.freeBytes ?? 0) >= opts.minFreeBytes,
        recentObjects,
      };
      const worker = opts.workerQueues ? await workerState(opts.workerQueues) : null;
      const ok = database.ok && storage.ok && (worker?.ok ?? true);
      return reply.status(ok ? 200 : 503).send({
        status: ok ? 'ok' : 'unavailable',
        version: opts.version,
        roles: [...opts.roles],
        worker,
        database,
        storage,
        uptimeSeconds: Math.round(process.uptime()),
      });
    },
  });
}
