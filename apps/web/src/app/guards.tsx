import { Center, Loader } from '@mantine/core';
import type { Role } from '@telerad/contracts';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from '../features/auth/session';
import { NoAccessPage } from './NoAccessPage';

/** Full-page spinner while the session is being read. */
export function FullPageLoader() {
  return (
    <Center h="100vh">
      <Loader aria-label="Loading" />
    </Center>
  );
}

/** Lets through only a fully signed-in session; else sends to the login page (which resumes MFA). */
export function RequireSession() {
  const { data, isPending } = useSession();
  const location = useLocation();
  if (isPending) return <FullPageLoader />;
  if (!data || data.stage !== 'active') {
    return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  }
  return <Outlet />;
}

/** Lets through only users holding one of `roles`; the server enforces the same rule. */
export function RequireRole({ roles }: { roles: readonly Role[] | 'all' }) {
  const { data } = useSession();
  const userRoles = data?.user.roles ?? [];
  if (roles !== 'all' && !roles.some((r) => userRoles.includes(r))) return <NoAccessPage />;
  return <Outlet />;
}
