import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Notification,
  NotificationList,
  NotificationPreferenceChange,
  NotificationPreferences,
} from '@telerad/contracts';
import { api } from '../../app/api';

/** Query key of the notification list (the live link invalidates it). */
export const NOTIFICATIONS_KEY = ['notifications'] as const;

/** Safety net should the live link be down (or absent for roles without the worklist). */
const FALLBACK_REFRESH_MS = 60_000;

/**
 * The signed-in user's newest notifications and unread count. The slow refresh runs only while
 * the live link is down or absent (`live` false), so an open bell writes no audit event a minute.
 */
export function useNotifications(live = false) {
  return useQuery({
    queryKey: NOTIFICATIONS_KEY,
    queryFn: ({ signal }) => api.get<NotificationList>('/api/notifications', { limit: 30 }, signal),
    refetchInterval: live ? false : FALLBACK_REFRESH_MS,
  });
}

/** Marks one notification read. */
export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.post<Notification>(`/api/notifications/${encodeURIComponent(id)}/read`),
    onSettled: () => qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

/** Query key of a user's notification switches. */
const preferencesKey = (userId: string) => ['notification-preferences', userId] as const;

/** The signed-in user's switch per kind of notification their roles receive. */
export function useNotificationPreferences(userId: string) {
  return useQuery({
    queryKey: preferencesKey(userId),
    queryFn: ({ signal }) =>
      api.get<NotificationPreferences>(
        `/api/users/${encodeURIComponent(userId)}/notification-preferences`,
        undefined,
        signal,
      ),
  });
}

/** Turns one kind on or off; the answer is the switches as they now stand. */
export function useSetNotificationPreference(userId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (change: NotificationPreferenceChange) =>
      api.put<NotificationPreferences>(
        `/api/users/${encodeURIComponent(userId)}/notification-preferences`,
        change,
      ),
    onSuccess: (answer) => qc.setQueryData(preferencesKey(userId), answer),
  });
}
