import { onClinicCreated } from '../clinics';
import { createChecklist } from './steps';

/**
 * Makes a clinic's checklist part of its creation in this process: the steps are inserted in
 * the creating transaction, so no clinic exists without its checklist. Idempotent.
 */
export function wireOnboarding(): void {
  onClinicCreated((trx, clinic) => createChecklist(trx, clinic.id));
}

/** Removes the wiring (the test that proves the checklist comes from this mechanism). */
export function unwireOnboarding(): void {
  onClinicCreated(null);
}
