/**
 * Computer-aided detection (owns `cad_products`, `cad_integrations`, `cad_results` and
 * `cad_thresholds`): CAD product versions as data, the results CAD products send, the
 * thresholds QA sets per version and programme, and the bands they give. See docs/adr/0027.
 */
export { cadRoutes } from './routes';
export { latestCadResults, loadCadResults, type LatestCadResult } from './latest';
export { recordCadResult, resultKey } from './results';
export { registerProduct, listProducts, findProduct } from './products';
export { setThresholds, listThresholds, thresholdsInForce } from './thresholds';
export { cadProgrammes } from './programmes';
export { createCadIntegration } from './integrations';
