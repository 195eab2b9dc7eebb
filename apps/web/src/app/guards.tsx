import { Center, Loader } from '@mantine/core';
import { rolesCan, type Permission } from '@telerad/contracts';
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

/** Lets through only users holding every one of `permissions`, as the server checks them. */
export function RequirePermissions({ permissions }: { permissions: readonly Permission[] }) {
  const { data } = useSession();
  const userRoles = data?.user.roles ?? [];
  if (!permissions.every((p) => rolesCan(userRoles, p))) return <NoAccessPage />;
  return <Outlet />;
}
