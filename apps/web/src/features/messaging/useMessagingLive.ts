import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { realtimeUrl, reconnectDelay } from '../worklist/realtime';
import { MESSAGING_KEY } from './api';
import { parseMessagingEvent, typingStore } from './live';

/**
 * The live link of messaging (the app's one WebSocket endpoint): a new message or a moved read
 * mark refreshes the messaging queries (lists, badge, open threads); typing goes to the typing
 * store. Reconnects with the worklist's backoff and catches up after a reconnect. Returns whether
 * the link is open, so the slow fallback refresh runs only while it is not.
 */
export function useMessagingLive(enabled: boolean): boolean {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!enabled) return;
    let socket: WebSocket | null = null;
    let attempt = 0;
    let stopped = false;
    let retryTimer: number | undefined;
    const refresh = () => void queryClient.invalidateQueries({ queryKey: MESSAGING_KEY });
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
        const e = parseMessagingEvent(event.data);
        if (!e) return;
        typingStore.apply(e);
        if (e.type !== 'message.typing') refresh();
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
