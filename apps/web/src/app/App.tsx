import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { useSession } from '../features/auth/session';
import { ColorSchemeProvider } from './colorScheme';
import { queryClient } from './queryClient';
import { router } from './router';

function Themed() {
  const { data } = useSession();
  const user = data?.stage === 'active' ? data.user : null;
  return (
    <ColorSchemeProvider user={user}>
      <Notifications position="top-right" zIndex={1000} />
      <RouterProvider router={router} />
    </ColorSchemeProvider>
  );
}

/** The root component: data, theme, notifications and routes. */
export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Themed />
    </QueryClientProvider>
  );
}
