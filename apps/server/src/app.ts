import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { PgBoss } from 'pg-boss';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config, NodeRole } from './config';
import type { Db } from './platform/db';
import type { Realtime } from './platform/realtime';
import type { ObjectStorage } from './platform/storage';
import { installErrorHandler } from './platform/errorHandler';
import {
  DEFAULT_HTTP_LIMITS,
  httpServerOptions,
  watchRequestBodies,
  type HttpConnectionLimits,
} from './platform/httpLimits';
import { registerWeb } from './platform/webApp';
import type { ScopeRegistry } from './modules/auth';
import type { RecentObjectsReport } from './modules/ingest';
import type { DeliverySettings } from './modules/delivery';
import { recordRouteTable, registerPlatform } from './appPlatform';
import { registerApiRoutes } from './appRoutes';

export { VERSION } from './version';
export type { RegisteredRoute } from './appPlatform';

/** What buildApp needs: config and an open database. */
export interface AppDeps {
  config: Pick<Config, 'dataDir' | 'secureCookies' | 'webDir' | 'archive'> &
    Partial<Pick<Config, 'trustedProxies'>>;
  db: Db;
  /** Where DICOM objects are stored. */
  storage: ObjectStorage;
  /**
   * The process's started job queue. Required: the app releases reports, and a release must
   * enqueue its delivery on its own transaction, so an app without one is refused at build.
   */
  jobs: PgBoss;
  /** A pino logger; none (silent) when omitted, as in tests. */
  logger?: FastifyBaseLogger;
  /**
   * Password verifications per minute per address and username, sign-in and HTTP Basic counted
   * together (default 20).
   */
  loginRateLimit?: number;
  /** Seconds a worklist claim lives without a heartbeat (default 120). */
  claimTimeoutSeconds?: number;
  /** The cross-process event hub; without it `/api/realtime` answers 503. */
  realtime?: Realtime;
  /** How often an open `/api/realtime` socket re-checks its session or token (default 60 s). */
  realtimeRecheckMs?: number;
  /** The server's public URL: pages served from it may open `/api/realtime` (Origin check). */
  publicUrl?: string;
  /**
   * TELERAD_PUBLIC_URL when it is set: DICOMweb links start from it; without it they follow
   * the request's host.
   */
  publicUrlSetting?: string;
  /** Report delivery (PDF, DICOM, FHIR links, webhook); defaults when omitted. */
  delivery?: DeliverySettings;
  /** The start-up check of the latest stored objects, shown by `/api/health`. */
  recentObjects?: RecentObjectsReport;
  /** The scope registry (default `RESOURCE_SCOPES`); tests pass a damaged one to prove the walker notices. */
  resourceScopes?: Partial<ScopeRegistry>;
  /** How long an unfinished browser upload is kept (default one day). */
  uploadExpiryMs?: number;
  /** Fixes the peer-review and QC samples' draws (tests); a fresh secret seed per start by default. */
  peerReviewSeed?: string;
  /** Header, body and connection limits of the listening server (DEFAULT_HTTP_LIMITS). */
  httpLimits?: HttpConnectionLimits;
  /** This node's roles, shown by `/api/health` (default: all of them, the one-node default). */
  roles?: readonly NodeRole[];
  /** The job queue this node works (worker role): `/api/health` shows its counts. */
  workerQueues?: PgBoss;
}

/**
 * Builds the Fastify app with every module. It never listens: `main.ts` does, and tests use
 * `app.inject()`.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  if (!deps.jobs)
    throw new Error(
      'buildApp needs the started job queue (deps.jobs): report releases enqueue on it',
    );
  const limits = deps.httpLimits ?? DEFAULT_HTTP_LIMITS;
  const app = Fastify({
    ...httpServerOptions(limits),
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    // req.ip is the X-Forwarded-For client only for requests from a trusted load balancer
    // (docs/adr/0049); with none trusted, the peer that connected.
    trustProxy: deps.config.trustedProxies?.length ? [...deps.config.trustedProxies] : false,
    bodyLimit: 1024 * 1024,
    // Long parameters reach input hygiene, which refuses them with a catalogue error and an
    // audit event, instead of the router's bare 414.
    routerOptions: { maxParamLength: 2048 },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  watchRequestBodies(app, limits, (req) => req.ctx?.actor != null);

  recordRouteTable(app);
  await registerPlatform(app, deps);
  await registerApiRoutes(app, deps);

  await registerWeb(app, deps.config.webDir);
  return app;
}
