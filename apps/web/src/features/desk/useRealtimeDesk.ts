import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { realtimeUrl, reconnectDelay } from '../worklist/realtime';
import type { RealtimeStatus } from '../worklist/useRealtimeWorklist';
import { DESK_KEY } from './api';
import { isDeskEvent } from './deskEvents';

/** Bursts of events (a batch of readings routed at opening time) fold into one refetch. */
const DEBOUNCE_MS = 150;

/**
 * Keeps the desk fresh: listens on `/api/realtime` and refetches the desk shortly after any
 * event that changes it. Reconnects with backoff and catches up once after a reconnect, since
 * events may have been missed while the link was down.
 */
export function useRealtimeDesk(): RealtimeStatus {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<RealtimeStatus>('connecting');

  useEffect(() => {
    let socket: WebSocket | null = null;
    let attempt = 0;
    let stopped = false;
    let retryTimer: number | undefined;
    let debounceTimer: number | undefined;

    const refresh = () => {
      window.clearTimeout(debounceTimer);
      debounceTimer = window.setTimeout(() => {
        void queryClient.invalidateQueries({ queryKey: DESK_KEY });
      }, DEBOUNCE_MS);
    };

    const connect = () => {
      if (stopped) return;
      const ws = new WebSocket(realtimeUrl(window.location));
      socket = ws;
      ws.onopen = () => {
        if (attempt > 0) refresh();
        attempt = 0;
        setStatus('live');
      };
      ws.onmessage = (event) => {
        if (isDeskEvent(event.data)) refresh();
      };
      ws.onclose = () => {
        if (stopped) return;
        socket = null;
        setStatus('reconnecting');
        retryTimer = window.setTimeout(connect, reconnectDelay(attempt));
        attempt += 1;
      };
      ws.onerror = () => undefined;
    };

    connect();
    return () => {
      stopped = true;
      window.clearTimeout(retryTimer);
      window.clearTimeout(debounceTimer);
      socket?.close();
    };
  }, [queryClient]);

  return status;
}
