import { wireCadObjects } from '../modules/cad';
import { wireOnboarding } from '../modules/onboarding';
import { wirePeerReview } from '../modules/peerReview';
import { wireClinicSrReads } from '../modules/qc';
import { wireRetakes } from '../modules/reports';
import { wireShiftPresence } from '../modules/worklist';

/**
 * Installs every in-process hook one module lends another (a module cannot import the one that
 * reacts to it). They belong to the process, not to its HTTP routes: a node without the `http`
 * role still stores SRs through its DICOM door, and they must reach qc or the CAD module all the
 * same (docs/adr/0047). Each hook is a setter, so wiring twice (a node with routes wires here
 * and when its app is built) is harmless.
 */
export function wireModuleHooks(opts: { peerReviewSeed?: string | undefined }): void {
  // A new clinic's onboarding checklist is created in the clinic's own transaction.
  wireOnboarding();
  // Readers go off shift when they leave and back on when they sign in again.
  wireShiftPresence();
  // Signing holds unreadable reads for a retake; this process must be able to resume them.
  wireRetakes();
  // A read's finalisation samples it for peer review in the releasing transaction.
  wirePeerReview({ seed: opts.peerReviewSeed });
  // A clinic's SR, by whatever door, is taken as its own read and sampled for QC.
  wireClinicSrReads({ seed: opts.peerReviewSeed });
  // Objects from a CAD integration's AE are CAD objects: read as results, never as reads.
  wireCadObjects();
}
