import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { useSession } from '../features/auth/session';
import { i18n } from '../i18n';
import { LanguageSync } from '../i18n/LanguageSync';
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

/** The root component: data, language, theme, notifications and routes. */
export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nextProvider i18n={i18n}>
        <LanguageSync />
        <Themed />
      </I18nextProvider>
    </QueryClientProvider>
  );
}
