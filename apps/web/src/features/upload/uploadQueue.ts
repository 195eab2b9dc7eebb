import type { AlreadySent, UploadResult } from '@telerad/contracts';
import { useCallback, useRef, useState } from 'react';
import * as tus from 'tus-js-client';
import { api } from '../../app/api';
import { currentSession } from '../../app/queryClient';
import { filesToSend, type PickedFile } from './collectFiles';
import { readFacts, warningsFor, type FileFacts, type Warning } from './fileChecks';

/** Where one file is: checked and waiting, sending, or done with the archive's answer. */
export type ItemState = 'checking' | 'ready' | 'sending' | 'paused' | 'done' | 'failed';

/** One file on the page. */
export interface Item {
  key: string;
  name: string;
  size: number;
  file: File;
  facts: FileFacts | null;
  warnings: Warning[];
  /** The user chose to send despite its (overridable) warnings. */
  override: boolean;
  state: ItemState;
  sent: number;
  result: UploadResult | null;
  error: string | null;
}

/** A header is read from the first bytes only: X-ray pixel data can be tens of megabytes. */
const HEADER_BYTES = 512 * 1024;
/** Retries after a cut link: quickly at first, then every 20 s for as long as the page is open. */
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10000, ...Array<number>(500).fill(20000)];

async function factsOf(file: File): Promise<FileFacts> {
  const head = new Uint8Array(await file.slice(0, HEADER_BYTES).arrayBuffer());
  const facts = readFacts(head);
  if (facts.isDicom && !facts.sopUid && file.size > HEADER_BYTES)
    return readFacts(new Uint8Array(await file.arrayBuffer()));
  return facts;
}

/**
 * The page's files and their uploads. Each file is checked in the browser (header read with
 * dicom-parser, the server asked which images were already sent), then sent with tus-js-client:
 * a cut link retries and resumes from the server's offset, and a closed tab resumes from the
 * upload URL stored under the file's fingerprint. The result shown is the archive's answer.
 * `clinic` (an id) names the clinic the images come from, for a user of several clinics.
 */
export function useUploadQueue(clinic: string | null) {
  const [items, setItems] = useState<Item[]>([]);
  const [missing, setMissing] = useState<string[]>([]);
  const started = useRef<{ at: number; bytes: number } | null>(null);
  const update = useCallback(
    (key: string, patch: Partial<Item>) =>
      setItems((all) => all.map((i) => (i.key === key ? { ...i, ...patch } : i))),
    [],
  );

  const add = useCallback(async (picked: PickedFile[]) => {
    const { files, missing: gone } = await filesToSend(picked);
    setMissing(gone);
    const fresh: Item[] = files.map((p) => ({
      key: `${p.path}:${p.file.size}:${p.file.lastModified}`,
      name: p.path.split('/').pop() ?? p.file.name,
      size: p.file.size,
      file: p.file,
      facts: null,
      warnings: [],
      override: false,
      state: 'checking',
      sent: 0,
      result: null,
      error: null,
    }));
    setItems((all) => [...all.filter((a) => !fresh.some((f) => f.key === a.key)), ...fresh]);
    const facts = await Promise.all(fresh.map((f) => factsOf(f.file)));
    const uids = [...new Set(facts.map((f) => f.sopUid).filter((u): u is string => !!u))];
    const known = new Set<string>();
    for (let i = 0; i < uids.length; i += 500) {
      const r = await api.post<AlreadySent>('/api/uploads/already-sent', {
        sopUids: uids.slice(i, i + 500),
      });
      for (const s of r.sent) known.add(s.sopUid);
    }
    fresh.forEach((f, i) => {
      const ff = facts[i]!;
      const warnings = warningsFor(ff, f.size, !!ff.sopUid && known.has(ff.sopUid));
      setItems((all) =>
        all.map((a) => (a.key === f.key ? { ...a, facts: ff, warnings, state: 'ready' } : a)),
      );
    });
  }, []);

  const send = useCallback(
    (item: Item) =>
      new Promise<void>((resolve) => {
        update(item.key, { state: 'sending', error: null });
        const upload = new tus.Upload(item.file, {
          endpoint: '/api/uploads',
          headers: { 'x-csrf-token': currentSession()?.csrfToken ?? '' },
          metadata: { filename: item.name, ...(clinic ? { clinic } : {}) },
          retryDelays: RETRY_DELAYS,
          // A cut link is retried even while the browser says it is offline (tus-js-client's
          // default gives up then); only a refusal that sending again cannot change stops it.
          onShouldRetry: (err) => {
            const status = err.originalResponse?.getStatus() ?? 0;
            return !(status >= 400 && status < 500 && status !== 409 && status !== 423);
          },
          storeFingerprintForResuming: true,
          removeFingerprintOnSuccess: true,
          onProgress: (sent) => update(item.key, { sent }),
          onSuccess: async ({ lastResponse }) => {
            // The completing PATCH answers ingest's result; a resume that found the file whole
            // (HEAD) did not, so the result is asked for.
            let result: UploadResult | null = null;
            try {
              result = JSON.parse(lastResponse.getBody()) as UploadResult;
            } catch {
              result = null;
            }
            if (!result?.outcome || result.outcome === 'receiving') {
              const id = upload.url?.split('/').pop();
              result = id ? await api.get<UploadResult>(`/api/uploads/${id}`) : null;
            }
            update(item.key, { state: 'done', sent: item.size, result });
            resolve();
          },
          onError: (e) => {
            update(item.key, { state: 'failed', error: e.message });
            resolve();
          },
        });
        void upload.findPreviousUploads().then((prev) => {
          if (prev[0]) upload.resumeFromPreviousUpload(prev[0]);
          upload.start();
        });
      }),
    [update, clinic],
  );

  const sendAll = useCallback(async () => {
    const todo = items.filter(
      (i) =>
        (i.state === 'ready' || i.state === 'failed') &&
        i.warnings.every((w) => w.overridable) &&
        (i.warnings.length === 0 || i.override),
    );
    started.current = { at: Date.now(), bytes: todo.reduce((n, i) => n + i.sent, 0) };
    // One at a time: on a thin link, parallel uploads only slow each other down.
    for (const i of todo) await send(i);
  }, [items, send]);

  return {
    items,
    missing,
    add,
    sendAll,
    setOverride: (key: string, override: boolean) => update(key, { override }),
    remove: (key: string) => setItems((all) => all.filter((i) => i.key !== key)),
    clear: () => setItems([]),
    started,
  };
}
