/** Browser upload: resumable (tus) uploads of clinic users into the one ingest path. */
export { uploadRoutes } from './routes';
export { uploadScope } from './scopes';
export { createUploads, uploadDirectory, DEFAULT_UPLOAD_EXPIRY_MS, type Uploads } from './tus';
export { sweepUploads, type SweepResult } from './sweep';
export { uploadStatus, finishUpload } from './service';
