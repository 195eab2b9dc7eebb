import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { AppDeps } from './app';
import { registerCompression } from './platform/compression';
import { appError } from './platform/errors';
import { isApiPath } from './platform/http';
import { checkRequestBody, checkRequestLine } from './platform/inputHygiene';
import {
  auditResponse,
  authenticate,
  credentialPolicy,
  installScopeCheck,
  PERMISSIONS,
  prepareAudit,
  type RouteAccess,
} from './modules/auth';
import { recordClinicReceipts } from './modules/receipts';
import { RESOURCE_SCOPES } from './resourceScopes';
import { VERSION } from './version';

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
 * Keeps `app.routeTable`: every route with its access rule, refusing an API route that declares
 * none or names an unknown permission.
 */
export function recordRouteTable(app: FastifyInstance): void {
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
}

/**
 * The cross-cutting layer every route runs under: scope checks, request context, security
 * headers, cookies, websockets, rate limits, OpenAPI, authentication, input hygiene, audit and
 * compression, in that order.
 */
export async function registerPlatform(app: FastifyInstance, deps: AppDeps): Promise<void> {
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
    credentialPolicy(deps.db, { attemptsPerMinute: deps.loginRateLimit ?? 20 }),
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
}
