import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  MAX_ATTACHMENT_BYTES,
  type Message,
  type MessageAttachment,
  type MessageTemplate,
  type MessageTemplateBody,
  type NewMessage,
  type ThreadDetail,
  type ThreadList,
  type ThreadListQuery,
  type ThreadSummary,
} from '@telerad/contracts';
import { api } from '../../app/api';
import { ApiError } from '../../app/apiError';
import { currentSession } from '../../app/queryClient';

/** Every messaging query starts with this key: a live event refreshes them all at once. */
export const MESSAGING_KEY = ['messaging'] as const;

/** Safety net while the live link is down: how often lists refresh on their own. */
const FALLBACK_REFRESH_MS = 60_000;

/** The caller's threads (channels and study threads) with unread counts. */
export function useThreads(query: ThreadListQuery, live: boolean) {
  return useQuery({
    queryKey: [...MESSAGING_KEY, 'threads', query],
    queryFn: ({ signal }) => api.get<ThreadList>('/api/messaging/threads', { ...query }, signal),
    refetchInterval: live ? false : FALLBACK_REFRESH_MS,
  });
}

/** The caller's unread count, for the navbar's badge. */
export function useUnreadCount(enabled: boolean, live: boolean) {
  return useQuery({
    queryKey: [...MESSAGING_KEY, 'unread'],
    queryFn: ({ signal }) =>
      api.get<{ unread: number }>('/api/messaging/unread', undefined, signal),
    enabled,
    refetchInterval: live ? false : FALLBACK_REFRESH_MS,
  });
}

/** One thread with its messages and read marks. */
export function useThread(threadId: string | null) {
  return useQuery({
    queryKey: [...MESSAGING_KEY, 'thread', threadId],
    queryFn: ({ signal }) =>
      api.get<ThreadDetail>(`/api/messaging/threads/${threadId}`, undefined, signal),
    enabled: threadId !== null,
  });
}

/** A study's thread (created on first use). */
export function useStudyThread(studyUid: string, enabled = true) {
  return useQuery({
    queryKey: [...MESSAGING_KEY, 'study', studyUid],
    queryFn: ({ signal }) =>
      api.get<ThreadSummary>(
        `/api/studies/${encodeURIComponent(studyUid)}/thread`,
        undefined,
        signal,
      ),
    enabled,
    staleTime: Infinity,
  });
}

/** A clinic's channel (created on first use), for links that name the clinic, not the thread. */
export function useClinicChannel(clinicId: string | null) {
  return useQuery({
    queryKey: [...MESSAGING_KEY, 'channel', clinicId],
    queryFn: ({ signal }) =>
      api.get<ThreadSummary>(
        `/api/clinics/${encodeURIComponent(clinicId ?? '')}/channel`,
        undefined,
        signal,
      ),
    enabled: clinicId !== null,
    staleTime: Infinity,
  });
}

/** Sends a message into a thread. */
export function useSendMessage(threadId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (m: NewMessage) =>
      api.post<Message>(`/api/messaging/threads/${threadId}/messages`, m),
    onSuccess: () => qc.invalidateQueries({ queryKey: MESSAGING_KEY }),
  });
}

/** Marks a thread read up to now. */
export function useMarkThreadRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (threadId: string) =>
      api.post<{ moved: boolean }>(`/api/messaging/threads/${threadId}/read`),
    onSuccess: (r) => {
      if (r.moved) void qc.invalidateQueries({ queryKey: MESSAGING_KEY });
    },
  });
}

/** Tells the others in the thread that the user is typing; failures do not matter. */
export function sendTyping(threadId: string): void {
  void api.post(`/api/messaging/threads/${threadId}/typing`).catch(() => undefined);
}

/**
 * Uploads one file for a message as raw bytes (no form encoding: every byte counts on a slow
 * link). A file over the limit is refused here with the server's own words, before sending.
 */
export async function uploadAttachment(threadId: string, file: File): Promise<MessageAttachment> {
  if (file.size > MAX_ATTACHMENT_BYTES)
    throw new ApiError(
      413,
      'ATTACHMENT_TOO_LARGE',
      'This file is larger than 10 MB, the most a message can carry. Send a smaller photo or scan, or split the document.',
    );
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': 'application/octet-stream',
  };
  const csrf = currentSession()?.csrfToken;
  if (csrf) headers['x-csrf-token'] = csrf;
  const res = await fetch(
    `/api/messaging/threads/${threadId}/attachments?name=${encodeURIComponent(file.name)}`,
    { method: 'POST', headers, body: file, credentials: 'same-origin' },
  );
  if (!res.ok) throw await ApiError.fromResponse(res);
  return (await res.json()) as MessageAttachment;
}

/** Templates of common requests. */
export function useTemplates(enabled = true) {
  return useQuery({
    queryKey: [...MESSAGING_KEY, 'templates'],
    queryFn: ({ signal }) =>
      api.get<MessageTemplate[]>('/api/messaging/templates', undefined, signal),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** Saves the edited list of templates (assistant lead). */
export function useSaveTemplates() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (templates: MessageTemplateBody[]) =>
      api.put<MessageTemplate[]>('/api/messaging/templates', { templates }),
    onSuccess: (saved) => qc.setQueryData([...MESSAGING_KEY, 'templates'], saved),
  });
}

/** The URL of an attachment, or of its small preview. */
export const attachmentUrl = (id: string, preview = false) =>
  `/api/messaging/attachments/${id}${preview ? '/thumbnail' : ''}`;
