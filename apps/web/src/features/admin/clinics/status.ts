import type { ClinicStatus } from '@telerad/contracts';

/** Badge colour and label of each clinic lifecycle status. */
export const STATUS_STYLE: Record<ClinicStatus, { color: string; label: string }> = {
  onboarding: { color: 'gray', label: 'Onboarding' },
  pilot: { color: 'yellow', label: 'Pilot' },
  live: { color: 'teal', label: 'Live' },
  suspended: { color: 'red', label: 'Suspended' },
};
