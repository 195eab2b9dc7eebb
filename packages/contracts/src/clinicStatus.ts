import type { ClinicStatus } from './org';

/**
 * The statuses the admin clinic form may set, given the clinic's status and the one it had
 * before a suspension. The form only suspends a clinic or lifts a suspension back to what the
 * clinic was; onboarding → pilot → live (and back) go through the onboarding checklist, so the
 * form cannot promote a clinic past steps nobody finished. Server and web share this rule.
 */
export function adminClinicStatuses(
  status: ClinicStatus,
  beforeSuspension: ClinicStatus | null,
): ClinicStatus[] {
  if (status !== 'suspended') return [status, 'suspended'];
  return ['suspended', beforeSuspension ?? 'onboarding'];
}

/** Where the web shows a clinic's onboarding checklist (its pilot and live moves). */
export function onboardingPath(clinicId: string): string {
  return `/support/onboarding/${clinicId}`;
}
