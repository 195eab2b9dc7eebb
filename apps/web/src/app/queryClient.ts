import { QueryClient } from '@tanstack/react-query';
import type { SessionInfo } from '@telerad/contracts';
import { ApiError } from './apiError';

/** The react-query key of the current session; its data carries the CSRF token. */
export const SESSION_KEY = ['session'] as const;

/** The one query client of the app. Client errors (4xx) are not retried: retrying cannot help. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: true,
      retry: (failures, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
    },
    mutations: { retry: false },
  },
});

/** The session as last seen, or null when signed out. */
export function currentSession(): SessionInfo | null {
  return queryClient.getQueryData<SessionInfo | null>(SESSION_KEY) ?? null;
}
