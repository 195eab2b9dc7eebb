import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Notification, NotificationList } from '@telerad/contracts';
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
