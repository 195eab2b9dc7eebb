import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { realtimeUrl, reconnectDelay } from '../worklist/realtime';
import { NOTIFICATIONS_KEY } from './api';
import { isNotificationMessage } from './live';

/**
 * Refetches the notification list when the live channel announces a new one. `enabled` false
 * (roles without the live channel) leaves the list to its slow fallback refresh. Reconnects
 * with the worklist's backoff and catches up after a reconnect. Returns whether the channel is
 * open now, so the fallback refresh runs only while it is not.
 */
export function useLiveNotifications(enabled: boolean): boolean {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!enabled) return;
    let socket: WebSocket | null = null;
    let attempt = 0;
    let stopped = false;
    let retryTimer: number | undefined;
    const refresh = () => void queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
    const connect = () => {
      if (stopped) return;
      const ws = new WebSocket(realtimeUrl(window.location));
      socket = ws;
      ws.onopen = () => {
        if (attempt > 0) refresh();
        attempt = 0;
        setOpen(true);
      };
      ws.onmessage = (event) => {
        if (isNotificationMessage(event.data)) refresh();
      };
      ws.onclose = () => {
        if (stopped) return;
        socket = null;
        setOpen(false);
        retryTimer = window.setTimeout(connect, reconnectDelay(attempt));
        attempt += 1;
      };
      ws.onerror = () => undefined;
    };
    connect();
    return () => {
      stopped = true;
      window.clearTimeout(retryTimer);
      socket?.close();
      setOpen(false);
    };
  }, [enabled, queryClient]);
  return enabled && open;
}
