import { Anchor, Breadcrumbs } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../app/components/PageHeader';
import { OnboardingList } from './OnboardingList';
import { OnboardingSection } from './OnboardingSection';

/**
 * Support → Onboarding: the clinics on their way to live, with their progress; one clinic's
 * checklist at `/support/onboarding/:clinicId`.
 */
export function OnboardingPage() {
  const { clinicId } = useParams();
  if (clinicId)
    return (
      <>
        <Breadcrumbs mb="sm">
          <Anchor component={Link} to="/support/onboarding" size="sm">
            Onboarding
          </Anchor>
        </Breadcrumbs>
        <OnboardingSection clinicId={clinicId} showTitle />
      </>
    );
  return (
    <>
      <PageHeader
        title="Clinic onboarding"
        description="New clinics from creation to live: technical preparation, training of local users, a pilot with second reads, then go-live sign-off. Open a clinic to work its checklist."
      />
      <OnboardingList />
    </>
  );
}
