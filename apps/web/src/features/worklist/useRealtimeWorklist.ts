import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { WORKLIST_KEY } from './api';
import { parseRealtimeMessage, realtimeUrl, reconnectDelay } from './realtime';

/** State of the real-time link, for the "Live" indicator. */
export type RealtimeStatus = 'connecting' | 'live' | 'reconnecting';

/** Bursts of events (a batch routed at opening time) are folded into one refetch. */
const DEBOUNCE_MS = 150;

/**
 * Keeps the worklist fresh without polling: listens on `/api/realtime` and refetches the
 * worklist query (or the list under `queryKey`, such as the clinic portal's) shortly after any
 * task event. Reconnects with backoff; after a reconnect the list is refetched too, since events
 * may have been missed while the link was down.
 */
export function useRealtimeWorklist(queryKey: QueryKey = WORKLIST_KEY): RealtimeStatus {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<RealtimeStatus>('connecting');
  // The socket outlives renders; it refreshes whatever list the caller names now.
  const keyRef = useRef(queryKey);
  keyRef.current = queryKey;

  useEffect(() => {
    let socket: WebSocket | null = null;
    let attempt = 0;
    let stopped = false;
    let retryTimer: number | undefined;
    let debounceTimer: number | undefined;

    const refresh = () => {
      window.clearTimeout(debounceTimer);
      debounceTimer = window.setTimeout(() => {
        void queryClient.invalidateQueries({ queryKey: keyRef.current });
      }, DEBOUNCE_MS);
    };

    const connect = () => {
      if (stopped) return;
      const ws = new WebSocket(realtimeUrl(window.location));
      socket = ws;
      ws.onopen = () => {
        // A reconnect may have missed events: catch up once.
        if (attempt > 0) refresh();
        attempt = 0;
        setStatus('live');
      };
      ws.onmessage = (event) => {
        if (parseRealtimeMessage(event.data)?.kind === 'task') refresh();
      };
      ws.onclose = () => {
        if (stopped) return;
        socket = null;
        setStatus('reconnecting');
        retryTimer = window.setTimeout(connect, reconnectDelay(attempt));
        attempt += 1;
      };
      // An error is always followed by close, which schedules the retry.
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
