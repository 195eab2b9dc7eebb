import { TransferLoop } from './loop';
import type { TransferDeps, TransferHandle } from './types';

/**
 * The gateway's upload to its reading centre: lossless compression, STOW-RS batches of small
 * instances, resumable tus uploads of large ones, checksums the centre verifies, backoff with
 * jitter, a bandwidth limit, sending windows and urgent-first priority (docs/adr/0032).
 */

/** Starts draining `queue` to the centre; `stop()` ends it. Throws on an invalid config. */
export function startTransfer(deps: TransferDeps): TransferHandle {
  return new TransferLoop(deps).start();
}

export { TransferConfig, parseTransferConfig, CompressionMode } from './config';
export type {
  TransferDeps,
  TransferHandle,
  TransferStats,
  TransferErrors,
  TransferLog,
} from './types';
