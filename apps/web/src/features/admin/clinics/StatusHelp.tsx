import { Text } from '@mantine/core';
import {
  adminClinicStatuses,
  onboardingPath,
  type Clinic,
  type ClinicStatus,
} from '@telerad/contracts';
import { Link } from 'react-router';
import { STATUS_STYLE } from './status';

/**
 * The statuses the clinic form offers: a new clinic starts in onboarding; an existing one may
 * only be suspended or have its suspension lifted. Pilot and live come from the checklist.
 */
export function statusChoices(clinic: Clinic | null): ClinicStatus[] {
  if (!clinic) return ['onboarding'];
  return adminClinicStatuses(clinic.status, clinic.statusBeforeSuspension);
}

/** Says what the status control can do here, and links to the checklist for the rest. */
export function StatusHelp({ clinic }: { clinic: Clinic | null }) {
  if (!clinic) return <>A new clinic starts in onboarding; its checklist moves it on.</>;
  const lead =
    clinic.status === 'suspended'
      ? `Lifting the suspension returns it to ${STATUS_STYLE[statusChoices(clinic)[1]!].label.toLowerCase()}; `
      : 'Suspend here; ';
  return (
    <>
      {lead}
      <Text
        component={Link}
        to={onboardingPath(clinic.id)}
        c="blue"
        inherit
        td="underline"
        data-testid="clinic-onboarding-link"
      >
        pilot and live are set on the onboarding checklist
      </Text>
    </>
  );
}
