import { useLiveQueryRefresh } from '../../app/useLiveQueryRefresh';
import { MESSAGING_KEY, useUnreadCount } from './api';
import { applyMessagingMessage } from './live';

/**
 * The user's unread message count, kept live. The app frame calls it once for the navbar's
 * badge: this is where the app holds its messaging link open, so every messaging view refreshes
 * when a message or a read receipt arrives. `enabled` false (no messaging permission) opens
 * nothing and answers 0.
 */
export function useUnreadMessages(enabled: boolean): number {
  const live =
    useLiveQueryRefresh({ queryKey: MESSAGING_KEY, onMessage: applyMessagingMessage, enabled }) ===
    'live';
  return useUnreadCount(enabled, live).data?.unread ?? 0;
}
