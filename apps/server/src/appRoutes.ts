import type { FastifyInstance } from 'fastify';
import type { AppDeps } from './app';
import type { FastifyZodApp } from './platform/http';
import { NODE_ROLES } from './config';
import { archiveRoutes } from './modules/archive';
import { attentionRoutes } from './modules/attention';
import { deskRoutes } from './modules/desk';
import { portalRoutes } from './modules/portal';
import { auditRoutes } from './modules/audit';
import { authRoutes } from './modules/auth';
import { centreRoutes } from './modules/centres';
import { clinicRoutes } from './modules/clinics';
import { clinicOverviewRoutes } from './modules/clinicOverview';
import { criticalRoutes } from './modules/critical';
import { monitorRoutes } from './modules/monitor';
import { dicomwebRoutes } from './modules/dicomweb';
import { healthRoutes } from './modules/health';
import { messagingRoutes } from './modules/messaging';
import { digestRoutes } from './modules/digest';
import { notificationRoutes } from './modules/notifications';
import { realtimeRoutes } from './modules/realtime';
import { settingsRoutes } from './modules/settings';
import { createUploads, uploadRoutes } from './modules/upload';
import { retakeRoutes } from './modules/retakes';
import { orderRoutes } from './modules/orders';
import { hl7Routes } from './modules/hl7';
import { incidentRoutes } from './modules/incidents';
import { sopRoutes } from './modules/sops';
import { onboardingRoutes } from './modules/onboarding';
import { teachingRoutes } from './modules/teaching';
import { capacityRoutes } from './modules/capacity';
import { reportCardRoutes } from './modules/reportCards';
import { kpiRoutes } from './modules/kpi';
import { gatewayRoutes } from './modules/gateways';
import { cadForwardRoutes, cadRoutes, cadViewerRoutes } from './modules/cad';
import { userRoutes } from './modules/users';
import { worklistRoutes } from './modules/worklist';
import { reportReleaseQueue, reportRoutes } from './modules/reports';
import { peerReviewRoutes } from './modules/peerReview';
import { qcRoutes } from './modules/qc';
import { wireModuleHooks } from './startup/moduleHooks';
import { secondOpinionRoutes } from './modules/secondOpinions';
import {
  DEFAULT_DELIVERY_SETTINGS,
  deliveryRoutes,
  fhirRoutes,
  type DeliveryDeps,
} from './modules/delivery';
import { VERSION } from './version';

/**
 * Registers every module's routes, and the wiring between modules, in one fixed order (the
 * route table, which the access test walks, keeps it).
 */
export async function registerApiRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = app as unknown as FastifyZodApp;
  wireModuleHooks({ peerReviewSeed: deps.peerReviewSeed });
  await api.register(healthRoutes, {
    dataDir: deps.config.dataDir,
    storage: deps.storage,
    version: VERSION,
    minFreeBytes: deps.config.archive.minFreeBytes,
    recentObjects: deps.recentObjects,
    roles: deps.roles ?? NODE_ROLES,
    ...(deps.workerQueues ? { workerQueues: deps.workerQueues } : {}),
  });
  await api.register(authRoutes, {
    secureCookies: deps.config.secureCookies,
    loginRateLimit: deps.loginRateLimit ?? 20,
  });
  await api.register(centreRoutes);
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
  const releases = await reportReleaseQueue(deps.jobs);
  await api.register(reportRoutes, {
    claimTimeoutSeconds: deps.claimTimeoutSeconds ?? 120,
    releases,
  });
  await api.register(peerReviewRoutes, {
    claimTimeoutSeconds: deps.claimTimeoutSeconds ?? 120,
    releases,
  });
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
  await api.register(cadViewerRoutes, { storage: deps.storage });
  const deliveryDeps: DeliveryDeps = {
    db: deps.db,
    storage: deps.storage,
    log: app.log.child({ component: 'delivery' }),
    settings: deps.delivery ?? DEFAULT_DELIVERY_SETTINGS,
  };
  await api.register(deliveryRoutes, { deps: deliveryDeps });
  await api.register(cadForwardRoutes, {
    deps: { ...deliveryDeps, log: app.log.child({ component: 'cadForward' }) },
  });
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
}
