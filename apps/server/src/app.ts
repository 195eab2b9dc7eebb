import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { PgBoss } from 'pg-boss';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config';
import type { Db } from './platform/db';
import type { Realtime } from './platform/realtime';
import type { ObjectStorage } from './platform/storage';
import { registerCompression } from './platform/compression';
import { installErrorHandler } from './platform/errorHandler';
import { appError } from './platform/errors';
import { checkRequestBody, checkRequestLine } from './platform/inputHygiene';
import {
  DEFAULT_HTTP_LIMITS,
  httpServerOptions,
  watchRequestBodies,
  type HttpConnectionLimits,
} from './platform/httpLimits';
import { isApiPath, type FastifyZodApp } from './platform/http';
import { registerWeb } from './platform/webApp';
import { archiveRoutes } from './modules/archive';
import { attentionRoutes } from './modules/attention';
import { deskRoutes } from './modules/desk';
import { portalRoutes } from './modules/portal';
import { auditRoutes } from './modules/audit';
import {
  auditResponse,
  authenticate,
  authRoutes,
  credentialPolicy,
  installScopeCheck,
  PERMISSIONS,
  prepareAudit,
  type RouteAccess,
  type ScopeRegistry,
} from './modules/auth';
import { RESOURCE_SCOPES } from './resourceScopes';
import { centreRoutes } from './modules/centres';
import { clinicRoutes } from './modules/clinics';
import { clinicOverviewRoutes } from './modules/clinicOverview';
import { criticalRoutes } from './modules/critical';
import { monitorRoutes } from './modules/monitor';
import { dicomwebRoutes } from './modules/dicomweb';
import { healthRoutes } from './modules/health';
import type { RecentObjectsReport } from './modules/ingest';
import { messagingRoutes } from './modules/messaging';
import { digestRoutes } from './modules/digest';
import { notificationRoutes } from './modules/notifications';
import { realtimeRoutes } from './modules/realtime';
import { recordClinicReceipts } from './modules/receipts';
import { settingsRoutes } from './modules/settings';
import { createUploads, uploadRoutes } from './modules/upload';
import { retakeRoutes } from './modules/retakes';
import { orderRoutes } from './modules/orders';
import { hl7Routes } from './modules/hl7';
import { incidentRoutes } from './modules/incidents';
import { sopRoutes } from './modules/sops';
import { onboardingRoutes, wireOnboarding } from './modules/onboarding';
import { teachingRoutes } from './modules/teaching';
import { capacityRoutes } from './modules/capacity';
import { reportCardRoutes } from './modules/reportCards';
import { kpiRoutes } from './modules/kpi';
import { gatewayRoutes } from './modules/gateways';
import { cadRoutes } from './modules/cad';
import { userRoutes } from './modules/users';
import { wireShiftPresence, worklistRoutes } from './modules/worklist';
import { reportReleaseQueue, reportRoutes, wireRetakes } from './modules/reports';
import { peerReviewRoutes, wirePeerReview } from './modules/peerReview';
import { qcRoutes, wireClinicSrReads } from './modules/qc';
import { secondOpinionRoutes } from './modules/secondOpinions';
import {
  DEFAULT_DELIVERY_SETTINGS,
  deliveryRoutes,
  fhirRoutes,
  type DeliveryDeps,
  type DeliverySettings,
} from './modules/delivery';

/** Product version, reported by health and OpenAPI. */
export const VERSION = '0.1.0';

/** What buildApp needs: config and an open database. */
export interface AppDeps {
  config: Pick<Config, 'dataDir' | 'secureCookies' | 'webDir' | 'archive'>;
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
}

/** One registered route, as the access test walks them. */
export interface RegisteredRoute {
  method: string;
  url: string;
  access: RouteAccess | undefined;
  /** The route's body and query schemas (zod), if any: the access test sends requests that pass them. */
  body?: unknown;
  querystring?: unknown;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its access declaration, in registration order. */
    routeTable: RegisteredRoute[];
  }
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
    trustProxy: false,
    bodyLimit: 1024 * 1024,
    // Long parameters reach input hygiene, which refuses them with a catalogue error and an
    // audit event, instead of the router's bare 414.
    routerOptions: { maxParamLength: 2048 },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  watchRequestBodies(app, limits, (req) => req.ctx?.actor != null);

  app.decorate('routeTable', [] as RegisteredRoute[]);
  app.addHook('onRoute', (route) => {
    const access = (route.config as { access?: RouteAccess } | undefined)?.access;
    const url = route.url;
    if (isApiPath(url) && !access) {
      throw new Error(`Route ${route.method} ${url} declares no access rule (config.access)`);
    }
    if (access && access.permission !== 'public' && !(access.permission in PERMISSIONS)) {
      throw new Error(`Route ${url} names unknown permission ${access.permission}`);
    }
    for (const m of [route.method].flat())
      if (m !== 'HEAD')
        app.routeTable.push({
          method: m,
          url,
          access,
          body: route.schema?.body,
          querystring: route.schema?.querystring,
        });
  });

  installScopeCheck(app, deps.resourceScopes ?? RESOURCE_SCOPES);

  app.decorateRequest('ctx', null as never);
  app.addHook('onRequest', async (req, reply) => {
    req.ctx = { actor: null, requestId: req.id, ip: req.ip, db: deps.db };
    reply.header('x-request-id', req.id);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        // The viewer's image decoders are WebAssembly: compiling it needs 'wasm-unsafe-eval'
        // (not 'unsafe-eval'; JavaScript eval stays forbidden).
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        workerSrc: ["'self'", 'blob:'],
        // Clinics on a plain-HTTP LAN address would lose every asset to a forced upgrade.
        upgradeInsecureRequests: deps.config.secureCookies ? [] : null,
      },
    },
    // Only meaningful over HTTPS; on plain HTTP it would pin browsers to a scheme we do not serve.
    strictTransportSecurity: deps.config.secureCookies,
  });
  await app.register(cookie);
  // Upgrade requests run through the same hooks (auth, permission) as any other request.
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => appError('RATE_LIMITED'),
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Telerad API',
        version: VERSION,
        description: 'Teleradiology platform for TB-screening chest X-ray reading.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'telerad_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  app.decorate(
    'credentialPolicy',
    credentialPolicy({ attemptsPerMinute: deps.loginRateLimit ?? 20 }),
  );
  app.addHook('onRequest', authenticate);
  // Input hygiene runs before any other hook or handler reads the request's values.
  app.addHook('onRequest', checkRequestLine);
  app.addHook('preValidation', checkRequestBody);
  app.addHook('preHandler', prepareAudit);
  app.addHook('onSend', auditResponse);
  // After the audit hook: a report the audit withheld was not received by the clinic.
  app.addHook('onSend', recordClinicReceipts);
  await registerCompression(app);

  const api = app as unknown as FastifyZodApp;
  await api.register(healthRoutes, {
    dataDir: deps.config.dataDir,
    version: VERSION,
    minFreeBytes: deps.config.archive.minFreeBytes,
    recentObjects: deps.recentObjects,
  });
  await api.register(authRoutes, {
    secureCookies: deps.config.secureCookies,
    loginRateLimit: deps.loginRateLimit ?? 20,
  });
  await api.register(centreRoutes);
  // A new clinic's onboarding checklist is created in the clinic's own transaction.
  wireOnboarding();
  await api.register(clinicRoutes);
  await api.register(onboardingRoutes);
  await api.register(clinicOverviewRoutes);
  await api.register(userRoutes);
  await api.register(auditRoutes);
  await api.register(settingsRoutes);
  await api.register(archiveRoutes);
  await api.register(attentionRoutes);
  await api.register(deskRoutes);
  await api.register(portalRoutes);
  await api.register(worklistRoutes, { claimTimeoutSeconds: deps.claimTimeoutSeconds ?? 120 });
  // Readers go off shift when they leave and back on when they sign in again.
  wireShiftPresence();
  // Signing holds unreadable reads for a retake; this process must be able to resume them.
  wireRetakes();
  const releases = await reportReleaseQueue(deps.jobs);
  await api.register(reportRoutes, {
    claimTimeoutSeconds: deps.claimTimeoutSeconds ?? 120,
    releases,
  });
  // A read's finalisation samples it for peer review in the releasing transaction.
  wirePeerReview({ seed: deps.peerReviewSeed });
  await api.register(peerReviewRoutes, {
    claimTimeoutSeconds: deps.claimTimeoutSeconds ?? 120,
    releases,
  });
  // A clinic's SR, by whatever door, is taken as its own read and sampled for QC.
  wireClinicSrReads({ seed: deps.peerReviewSeed });
  await api.register(qcRoutes, {
    claimTimeoutSeconds: deps.claimTimeoutSeconds ?? 120,
    seed: deps.peerReviewSeed,
  });
  await api.register(realtimeRoutes, {
    realtime: deps.realtime,
    sessionCheckMs: deps.realtimeRecheckMs,
    publicUrl: deps.publicUrl,
  });
  await api.register(notificationRoutes);
  await api.register(retakeRoutes);
  await api.register(orderRoutes);
  await api.register(hl7Routes);
  await api.register(criticalRoutes);
  await api.register(monitorRoutes);
  await api.register(messagingRoutes, { storage: deps.storage, realtime: deps.realtime });
  await api.register(digestRoutes, { publicUrl: deps.publicUrl });
  await api.register(incidentRoutes);
  await api.register(sopRoutes, { storage: deps.storage });
  await api.register(teachingRoutes, { storage: deps.storage });
  await api.register(capacityRoutes);
  await api.register(secondOpinionRoutes, { claimTimeoutSeconds: deps.claimTimeoutSeconds ?? 120 });
  await api.register(reportCardRoutes);
  await api.register(kpiRoutes);
  await api.register(gatewayRoutes, { enrolRateLimit: deps.loginRateLimit ?? 20 });
  await api.register(cadRoutes);
  const deliveryDeps: DeliveryDeps = {
    db: deps.db,
    storage: deps.storage,
    log: app.log.child({ component: 'delivery' }),
    settings: deps.delivery ?? DEFAULT_DELIVERY_SETTINGS,
  };
  await api.register(deliveryRoutes, { deps: deliveryDeps });
  await api.register(fhirRoutes, { deps: deliveryDeps, version: VERSION });
  await api.register(dicomwebRoutes, {
    storage: deps.storage,
    publicUrl: deps.publicUrlSetting,
    stow: {
      storage: deps.storage,
      minFreeBytes: deps.config.archive.minFreeBytes,
      maxObjectBytes: deps.config.archive.maxObjectBytes,
    },
  });

  await api.register(uploadRoutes, {
    uploads: createUploads({
      dataDir: deps.config.dataDir,
      expiryMs: deps.uploadExpiryMs,
      ingest: {
        db: deps.db,
        storage: deps.storage,
        minFreeBytes: deps.config.archive.minFreeBytes,
        maxObjectBytes: deps.config.archive.maxObjectBytes,
      },
    }),
  });

  api.get('/api/openapi.json', {
    config: { access: { permission: 'public' } },
    schema: { hide: true },
    handler: async () => app.swagger(),
  });

  await registerWeb(app, deps.config.webDir);
  return app;
}
