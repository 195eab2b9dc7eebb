/**
 * The centre's own CAD model runner (docs/adr/0042): an ONNX model the centre supplies, run off
 * the request path on each stable chest X-ray, whose results are written through the CAD
 * module's one writer with source `runner`. Owns no table.
 */
export { CAD_RUNNER_QUEUE, queueCadRun, startCadRunner, type StartedCadRunner } from './queue';
export { runCadOnStudy, CXR_SOP_CLASSES, type CadRunnerDeps, type ImageRun } from './runner';
export { CadModelError, checkModel } from './session';
export { readCadRunnerSettings, type CadRunnerSettings } from './settings';
export { mapOutput } from './outputMapping';
export {
  toModelInput,
  resizeArea,
  windowToUnit,
  type GreyImage,
  type ModelInput,
} from './preprocess';
