import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { realtimeUrl, reconnectDelay } from './realtime';

/** State of the real-time link, for a "Live" indicator and for choosing the fallback refresh. */
export type RealtimeStatus = 'connecting' | 'live' | 'reconnecting';

/** The wait that folds a burst of task events (a batch routed at opening time) into one refetch. */
export const LIVE_BURST_MS = 150;

/** What a view asks of the live link. */
export interface LiveQueryRefreshOptions {
  /** The query (or key prefix) refetched when the channel says it changed. */
  queryKey: QueryKey;
  /**
   * Reads one channel message: true when it changes the query. It may also act on the message
   * (messaging's typing store), so every message is passed, not only the refreshing ones.
   */
  onMessage: (data: unknown) => boolean;
  /** False opens nothing (a role without the live channel); the view keeps its slow refresh. */
  enabled?: boolean;
  /** Folds a burst of events into one refetch after this many milliseconds; 0 refetches each. */
  debounceMs?: number;
}

/**
 * Keeps a react-query query fresh from `/api/realtime` instead of polling: refetches it when a
 * message says it changed, reconnects with jittered backoff, and catches up once on every open,
 * since events published before the socket opened (the first fetch races the socket; a
 * reconnect has a gap) never reach it. Returns the link's state; callers poll slowly only while
 * it is not `live`. Each caller holds its own socket, as the
 * server fans every event out to every socket of the user.
 */
export function useLiveQueryRefresh({
  queryKey,
  onMessage,
  enabled = true,
  debounceMs = 0,
}: LiveQueryRefreshOptions): RealtimeStatus {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<RealtimeStatus>('connecting');
  // The socket outlives renders: it refreshes the key and reads messages as the caller names
  // them now, without reconnecting when an inline key or handler changes identity.
  const keyRef = useRef(queryKey);
  keyRef.current = queryKey;
  const messageRef = useRef(onMessage);
  messageRef.current = onMessage;

  useEffect(() => {
    if (!enabled) return;
    let socket: WebSocket | null = null;
    let attempt = 0;
    let stopped = false;
    let retryTimer: number | undefined;
    let debounceTimer: number | undefined;

    const invalidate = () => void queryClient.invalidateQueries({ queryKey: keyRef.current });
    const refresh = () => {
      window.clearTimeout(debounceTimer);
      if (debounceMs > 0) debounceTimer = window.setTimeout(invalidate, debounceMs);
      else invalidate();
    };

    const connect = () => {
      if (stopped) return;
      const ws = new WebSocket(realtimeUrl(window.location));
      socket = ws;
      ws.onopen = () => {
        // Events published before this socket opened never reach it: the first fetch may have
        // run before the socket was open (a slow server, a slow link), and a reconnect has a
        // gap. Catch up once on every open.
        refresh();
        attempt = 0;
        setStatus('live');
      };
      ws.onmessage = (event) => {
        if (messageRef.current(event.data)) refresh();
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
      setStatus('connecting');
    };
  }, [enabled, debounceMs, queryClient]);

  return enabled ? status : 'connecting';
}
