/** DICOMweb (PS3.18) under `/dicomweb`: STOW-RS, QIDO-RS and WADO-RS over the archive. */
export { dicomwebRoutes, type DicomwebOptions } from './routes';
export { forEachPart, multipartBody, parseMediaType, type MultipartPart } from './multipart';
export { renderFrame, type RenderParams, type Rendered } from './render';
export { acceptOf, chooseSingle, parseAccept, type AcceptRange } from './accept';
export { FRAME_TYPES } from './pixelData';
export { parseFrameList, storedFrames, storedMetadata, type StoredImage } from './wado';
