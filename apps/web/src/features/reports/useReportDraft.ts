import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../app/api';
import { ApiError, errorMessage } from '../../app/apiError';
import { currentSession } from '../../app/queryClient';
import { isRevisionConflict, isTransient, saveReport, saveReportOnUnload } from './api';
import { sameAnnotations } from './sameAnnotations';
import type {
  ReportContent,
  ReportIssue,
  ReportRecord,
  TaskReportAnswer,
  ViewerAnnotation,
} from '@telerad/contracts';

/** Quiet time after the last keystroke before the draft is saved. */
export const AUTOSAVE_DELAY_MS = 1000;
const RETRY_MIN_MS = 2000;
const RETRY_MAX_MS = 30_000;

/** What the autosave is doing, for the "Saved 10:42 / Saving… / Offline — retrying" line. */
export type SaveStatus =
  | { kind: 'new' }
  | { kind: 'saved'; at: Date }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'offline'; message: string; retryInMs: number }
  | { kind: 'conflict'; server: ReportRecord }
  | { kind: 'refused'; message: string };

/** The draft the panel edits and the autosave behind it. */
export interface ReportDraft {
  content: ReportContent;
  setContent: (update: (c: ReportContent) => ReportContent) => void;
  annotations: ViewerAnnotation[];
  revision: number;
  /** Issues the server returned with the last save (draft stage). */
  serverIssues: ReportIssue[];
  status: SaveStatus;
  /** Saves now; resolves with the saved revision, or null when it could not be saved. */
  flush: () => Promise<number | null>;
  /**
   * Saves now and holds further autosaves, so the revision handed to sign stays the one signed;
   * resolves with it, or null when it could not be saved. `release` resumes autosave.
   */
  hold: () => Promise<number | null>;
  release: () => void;
  /** After a 409: keep the reader's text over the newer version, or take the newer version. */
  resolveConflict: (keep: 'mine' | 'theirs') => void;
}

/** Reads the record a 409 carries, or asks the server for the current one. */
async function currentRecord(taskId: string, error: unknown): Promise<ReportRecord | null> {
  if (error instanceof ApiError && error.details && typeof error.details === 'object') {
    const d = error.details as { report?: ReportRecord };
    if (d.report?.content) return d.report;
  }
  const answer = await api.get<TaskReportAnswer>(`/api/tasks/${encodeURIComponent(taskId)}/report`);
  return answer.report;
}

/**
 * The reader's draft with debounced autosave (1 s after typing stops, at once on `flush`, on
 * leaving the panel and on closing the tab), optimistic concurrency by revision, and retry with
 * back-off while the server cannot be reached. A 409 never overwrites what the reader typed: the
 * panel shows both and the reader chooses.
 */
export function useReportDraft(
  taskId: string,
  initial: { content: ReportContent; revision: number; annotations: ViewerAnnotation[] },
  annotationsFromViewer: ViewerAnnotation[] | undefined,
  saved: boolean,
): ReportDraft {
  const [content, setContentState] = useState(initial.content);
  const [status, setStatusState] = useState<SaveStatus>(
    saved ? { kind: 'saved', at: new Date() } : { kind: 'new' },
  );
  const statusRef = useRef(status);
  const setStatus = useCallback((s: SaveStatus) => {
    statusRef.current = s;
    setStatusState(s);
  }, []);
  const [serverIssues, setServerIssues] = useState<ReportIssue[]>([]);
  const [revision, setRevision] = useState(initial.revision);
  const contentRef = useRef(initial.content);
  // The viewer starts empty (until it shows the saved marks): only its changes are taken.
  const annotationsRef = useRef(initial.annotations);
  const viewerFirst = useRef(annotationsFromViewer);
  const revisionRef = useRef(initial.revision);
  const dirty = useRef(false);
  const paused = useRef(false);
  /** Set while a signature is under way: no autosave may move the revision being signed. */
  const holding = useRef(false);
  const inFlight = useRef<Promise<number | null> | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const retryDelay = useRef(RETRY_MIN_MS);
  const saveRef = useRef<() => Promise<number | null>>(async () => null);

  const schedule = useCallback((ms: number) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void saveRef.current(), ms);
  }, []);

  const body = () => ({
    formId: contentRef.current.formId,
    formVersion: contentRef.current.formVersion,
    content: contentRef.current,
    annotations: annotationsRef.current,
    revision: revisionRef.current,
  });

  const saveOnce = async (): Promise<number | null> => {
    if (holding.current) return revisionRef.current;
    if (!dirty.current || paused.current) return paused.current ? null : revisionRef.current;
    dirty.current = false;
    setStatus({ kind: 'saving' });
    try {
      const answer = await saveReport(taskId, body());
      revisionRef.current = answer.report.revision;
      setRevision(answer.report.revision);
      setServerIssues(answer.issues ?? []);
      retryDelay.current = RETRY_MIN_MS;
      if (dirty.current) {
        setStatus({ kind: 'pending' });
        schedule(AUTOSAVE_DELAY_MS);
      } else setStatus({ kind: 'saved', at: new Date() });
      return answer.report.revision;
    } catch (error) {
      dirty.current = true;
      if (isRevisionConflict(error)) {
        paused.current = true;
        const server = await currentRecord(taskId, error).catch(() => null);
        if (server) setStatus({ kind: 'conflict', server });
        else setStatus({ kind: 'refused', message: errorMessage(error) });
      } else if (isTransient(error)) {
        const wait = retryDelay.current;
        retryDelay.current = Math.min(wait * 2, RETRY_MAX_MS);
        setStatus({ kind: 'offline', message: errorMessage(error), retryInMs: wait });
        schedule(wait);
      } else {
        setStatus({ kind: 'refused', message: errorMessage(error) });
      }
      return null;
    }
  };

  const save = async (): Promise<number | null> => {
    while (inFlight.current) await inFlight.current;
    const p = saveOnce();
    inFlight.current = p;
    try {
      return await p;
    } finally {
      inFlight.current = null;
    }
  };
  saveRef.current = save;

  const markDirty = useCallback(() => {
    dirty.current = true;
    if (paused.current) return;
    const s = statusRef.current.kind;
    if (s !== 'offline' && s !== 'saving') setStatus({ kind: 'pending' });
    schedule(AUTOSAVE_DELAY_MS);
  }, [schedule, setStatus]);

  const setContent = useCallback(
    (update: (c: ReportContent) => ReportContent) => {
      const next = update(contentRef.current);
      if (next === contentRef.current) return;
      contentRef.current = next;
      setContentState(next);
      markDirty();
    },
    [markDirty],
  );

  // Annotations drawn in the viewer are saved with the report.
  useEffect(() => {
    if (
      !annotationsFromViewer ||
      annotationsFromViewer === viewerFirst.current ||
      // The draft's own marks put back on the images are no change.
      sameAnnotations(annotationsFromViewer, annotationsRef.current)
    )
      return;
    annotationsRef.current = annotationsFromViewer;
    markDirty();
  }, [annotationsFromViewer, markDirty]);

  const flush = useCallback(async () => {
    window.clearTimeout(timer.current);
    return saveRef.current();
  }, []);

  const hold = useCallback(async () => {
    const revision = await flush();
    if (revision !== null) holding.current = true;
    return revision;
  }, [flush]);

  const release = useCallback(() => {
    holding.current = false;
    if (dirty.current && !paused.current) schedule(AUTOSAVE_DELAY_MS);
  }, [schedule]);

  const resolveConflict = useCallback(
    (keep: 'mine' | 'theirs') => {
      const s = statusRef.current;
      if (s.kind !== 'conflict') return;
      revisionRef.current = s.server.revision;
      setRevision(s.server.revision);
      paused.current = false;
      if (keep === 'theirs') {
        contentRef.current = s.server.content;
        setContentState(s.server.content);
        annotationsRef.current = s.server.annotations ?? [];
        dirty.current = false;
        setStatus({ kind: 'saved', at: new Date() });
        return;
      }
      dirty.current = true;
      setStatus({ kind: 'pending' });
      schedule(0);
    },
    [schedule, setStatus],
  );

  // Back online: retry at once rather than wait out the back-off.
  useEffect(() => {
    const online = () => {
      if (dirty.current && !paused.current) schedule(0);
    };
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [schedule]);

  // Closing the tab: send what is unsaved with a keep-alive request.
  useEffect(() => {
    const unload = (event: BeforeUnloadEvent) => {
      if (!dirty.current || paused.current) return;
      saveReportOnUnload(taskId, body(), currentSession()?.csrfToken);
      event.preventDefault();
    };
    window.addEventListener('beforeunload', unload);
    return () => window.removeEventListener('beforeunload', unload);
    // body() reads refs only.
  }, [taskId]);

  // Leaving the panel (another route): save what is pending.
  useEffect(
    () => () => {
      window.clearTimeout(timer.current);
      if (dirty.current && !paused.current && !holding.current) void saveRef.current();
    },
    [],
  );

  return {
    content,
    setContent,
    annotations: annotationsRef.current,
    revision,
    serverIssues,
    status,
    flush,
    hold,
    release,
    resolveConflict,
  };
}
