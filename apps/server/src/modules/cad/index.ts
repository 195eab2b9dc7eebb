/**
 * Computer-aided detection (owns `cad_products`, `cad_integrations`, `cad_results`,
 * `cad_thresholds` and `cad_discordance_checks`): CAD product versions as data, the results CAD
 * products send, the thresholds QA sets per version and programme, the bands they give, and
 * each signed read's comparison with its CAD result. See docs/adr/0027 and 0044.
 */
export { cadRoutes } from './routes';
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
