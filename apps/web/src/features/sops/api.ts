import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  MAX_SOP_PDF_BYTES,
  type NewSopBody,
  type SopAcknowledgementsAnswer,
  type SopDocument,
  type SopFileAnswer,
  type SopListAnswer,
  type SopListQuery,
  type SopOwnerChoices,
  type SopPendingAnswer,
  type SopVersionBody,
} from '@telerad/contracts';
import { api } from '../../app/api';
import { ApiError } from '../../app/apiError';
import { currentSession } from '../../app/queryClient';

const e = encodeURIComponent;
export const SOPS_KEY = ['sops'] as const;

/** The library: documents for the user's roles (QA: all), by words, role and status. */
export function useSops(q: Partial<SopListQuery>) {
  return useQuery({
    queryKey: [...SOPS_KEY, 'list', q],
    queryFn: ({ signal }) =>
      api.get<SopListAnswer>(
        '/api/sops',
        { q: q.q || undefined, role: q.role, status: q.status },
        signal,
      ),
  });
}

/** One document and the version asked for (the newest by default). */
export function useSop(id: string, version?: number) {
  return useQuery({
    queryKey: [...SOPS_KEY, 'one', id, version ?? 'newest'],
    queryFn: ({ signal }) => api.get<SopDocument>(`/api/sops/${e(id)}`, { version }, signal),
  });
}

/** What the user must still acknowledge: the shell's badge and the library's first list. */
export function usePendingSops(enabled: boolean) {
  return useQuery({
    queryKey: [...SOPS_KEY, 'pending'],
    queryFn: ({ signal }) => api.get<SopPendingAnswer>('/api/sops/pending', undefined, signal),
    enabled,
    refetchInterval: 5 * 60_000,
  });
}

/** The number of documents the user must still acknowledge (0 without the permission). */
export function usePendingSopCount(enabled: boolean): number {
  return usePendingSops(enabled).data?.pending.length ?? 0;
}

/** Who acknowledged which version (QA). */
export function useSopAcknowledgements(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...SOPS_KEY, 'acks', id],
    queryFn: ({ signal }) =>
      api.get<SopAcknowledgementsAnswer>(`/api/sops/${e(id)}/acknowledgements`, undefined, signal),
    enabled,
  });
}

/** People who may own a document (QA's choices). */
export function useSopOwners(enabled: boolean) {
  return useQuery({
    queryKey: [...SOPS_KEY, 'owners'],
    queryFn: ({ signal }) => api.get<SopOwnerChoices>('/api/sops/owners', undefined, signal),
    enabled,
  });
}

function useSopWrite<B>(call: (body: B) => Promise<SopDocument>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => void qc.invalidateQueries({ queryKey: SOPS_KEY }),
  });
}

export const useCreateSop = () =>
  useSopWrite((body: NewSopBody) => api.post<SopDocument>('/api/sops', body));

export const usePublishVersion = (id: string) =>
  useSopWrite((body: { version: SopVersionBody; ownerId: string | null }) =>
    api.post<SopDocument>(`/api/sops/${e(id)}/versions`, body),
  );

export const useAcknowledgeSop = (id: string) =>
  useSopWrite((version: number) =>
    api.post<SopDocument>(`/api/sops/${e(id)}/acknowledge`, { version }),
  );

/** Uploads a version's PDF as raw bytes; one over the limit is refused here in the server's words. */
export async function uploadSopPdf(file: File): Promise<SopFileAnswer> {
  if (file.size > MAX_SOP_PDF_BYTES)
    throw new ApiError(
      413,
      'SOP_FILE_TOO_LARGE',
      'This PDF is larger than 20 MB; reduce it (fewer or smaller images) and upload again.',
    );
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': 'application/pdf',
  };
  const csrf = currentSession()?.csrfToken;
  if (csrf) headers['x-csrf-token'] = csrf;
  const res = await fetch(`/api/sops/files?name=${e(file.name)}`, {
    method: 'POST',
    headers,
    body: file,
    credentials: 'same-origin',
  });
  if (!res.ok) throw await ApiError.fromResponse(res);
  return (await res.json()) as SopFileAnswer;
}

/** Where a version's PDF is read. */
export const sopFileUrl = (id: string, version: number) =>
  `/api/sops/${e(id)}/file?version=${version}`;

/** Where QA downloads the acknowledgement history. */
export const sopAcknowledgementsCsvUrl = (id: string) => `/api/sops/${e(id)}/acknowledgements.csv`;
