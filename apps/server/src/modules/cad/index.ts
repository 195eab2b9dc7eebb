/**
 * Computer-aided detection (owns `cad_products`, `cad_integrations`, `cad_results`,
 * `cad_thresholds`, `cad_discordance_checks`, `cad_forward_targets`, `cad_forwards`,
 * `cad_integration_ae_titles`, `cad_objects`, `cad_visibility` and `cad_preliminary_reads`): CAD
 * product versions as data, the results CAD products send (webhook, or DICOM objects from the
 * CAD's AE), the thresholds QA sets per version and programme, the bands they give, each signed
 * read's comparison with its CAD result, the forwarding of stable chest X-rays to CADs, and the
 * viewer's blind-first step. See docs/adr/0027, 0040, 0041, 0043 and 0044.
 */
export { cadRoutes } from './routes';
export { cadViewerRoutes, type CadViewerRouteOptions } from './viewerRoutes';
export { blindCadObjects, blindStudiesFor, isReader, type BlindCadObject } from './blindness';
export { cadForRead, recordPreliminary } from './preliminary';
export { listVisibility, setVisibility, visibilityOf } from './visibility';
export { listReaderChoices } from './readerChoices';
export { latestCadResults, loadCadResults, type LatestCadResult } from './latest';
export { recordCadResult, resultKey } from './results';
export { registerProduct, listProducts, findProduct } from './products';
export { setThresholds, listThresholds, thresholdsInForce, thresholdKey } from './thresholds';
export { cadProgrammes } from './programmes';
export { createCadIntegration } from './integrations';
export {
  studyCadScore,
  recordCadDiscordanceCheck,
  isCadDiscordantRead,
  cadHoldOf,
  type StudyCadScore,
} from './discordance';
export { cadForwardRoutes, type CadForwardRouteOptions } from './forwardRoutes';
export { startCadForwarding } from './forwardConsumer';
export {
  forwardStableStudy,
  runCadForwardsOf,
  runDueCadForwards,
  retryCadForwards,
  type CadForwardDeps,
  type CadForwardRun,
} from './forwardRunner';
export { planCadForwards, cxrImages, CXR_IMAGE_SOP_CLASSES } from './forwardPlan';
export { setCadForwardTarget, clearCadForwardTarget, listCadIntegrations } from './forwardTargets';
export { cadIntegrationScope } from './scopes';
export { setCadAeTitles, listCadObjects } from './aeTitles';
export {
  cadObjectSopUids,
  cadSender,
  findCadByAe,
  takeCadObject,
  unwireCadObjects,
  wireCadObjects,
  type CadAe,
} from './dicomObjects';
export { CAD_OBJECT_CLASSES, readCadSr, type CadSrReading } from './srReading';
