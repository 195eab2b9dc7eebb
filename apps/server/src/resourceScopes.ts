import { UNSCOPED, tokenScope, type ScopeRegistry } from './modules/auth';
import { instanceScope, seriesScope, studyScope } from './modules/archive';
import { clinicScopeResolver } from './modules/clinics';
import { criticalResultScope } from './modules/critical';
import { deliveryScope, hl7DestinationScope } from './modules/delivery';
import { attachmentScope, threadScope } from './modules/messaging';
import { notificationPreferencesScope, notificationScope } from './modules/notifications';
import { reportScope } from './modules/reports';
import { retakeScope } from './modules/retakes';
import { orderScope } from './modules/orders';
import { incidentScope } from './modules/incidents';
import { sopScope } from './modules/sops';
import { teachingCaseScope, teachingFlagScope, teachingSessionScope } from './modules/teaching';
import { reportCardScope } from './modules/reportCards';
import { uploadScope } from './modules/upload';
import { gatewayScope } from './modules/gateways';
import { discrepancyScope, peerReviewProgrammeScope } from './modules/peerReview';
import { secondOpinionScope } from './modules/secondOpinions';
import { taskScope } from './modules/worklist';
import { trainingRecordScope } from './modules/onboarding';
import { cadIntegrationScope } from './modules/cad';

/**
 * The app's scope registry: one resolver per resource kind, each from the module that owns the
 * kind's table. Centres and user accounts are not clinic data (their permissions are admin's or
 * every staff member's); tokens and notifications are their owner's.
 */
export const RESOURCE_SCOPES: ScopeRegistry = {
  centre: UNSCOPED,
  user: UNSCOPED,
  clinic: clinicScopeResolver,
  token: tokenScope,
  notification: notificationScope,
  notificationPreferences: notificationPreferencesScope,
  study: studyScope,
  series: seriesScope,
  instance: instanceScope,
  task: taskScope,
  report: reportScope,
  delivery: deliveryScope,
  upload: uploadScope,
  retake: retakeScope,
  peerReviewProgramme: peerReviewProgrammeScope,
  discrepancy: discrepancyScope,
  criticalResult: criticalResultScope,
  thread: threadScope,
  attachment: attachmentScope,
  incident: incidentScope,
  sop: sopScope,
  teachingFlag: teachingFlagScope,
  teachingSession: teachingSessionScope,
  teachingCase: teachingCaseScope,
  secondOpinion: secondOpinionScope,
  reportCard: reportCardScope,
  trainingRecord: trainingRecordScope,
  gateway: gatewayScope,
  order: orderScope,
  hl7Destination: hl7DestinationScope,
  cadIntegration: cadIntegrationScope,
};
