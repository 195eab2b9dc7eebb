import { Navigate, useLocation } from 'react-router';
import { FullPageLoader } from '../../app/guards';
import { AuthFrame } from './AuthFrame';
import { EnrollmentStep } from './EnrollmentStep';
import { MfaCodeStep } from './MfaCodeStep';
import { PasswordStep } from './PasswordStep';
import { useSession } from './session';

/**
 * The sign-in page. Which step shows follows the session stage: password, then a TOTP code
 * (`mfa_required`) or MFA enrolment (`mfa_enrollment_required`); an active session goes on.
 */
export function LoginPage() {
  const { data, isPending } = useSession();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (isPending) return <FullPageLoader />;
  if (data?.stage === 'active') return <Navigate to={from === '/login' ? '/' : from} replace />;
  if (data?.stage === 'mfa_enrollment_required') {
    return (
      <AuthFrame width={520}>
        <EnrollmentStep />
      </AuthFrame>
    );
  }
  return (
    <AuthFrame>{data?.stage === 'mfa_required' ? <MfaCodeStep /> : <PasswordStep />}</AuthFrame>
  );
}
