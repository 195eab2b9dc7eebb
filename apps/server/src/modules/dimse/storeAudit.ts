import type { AuditEntry } from '../../platform/audit';
import { auditDimse, type AuditPeer, type DimseContext } from './context';
import type { StoreOutcome } from './cstore';

/** Instances a batch holds before it is written without waiting for the release. */
export const STORE_AUDIT_BATCH = 500;

interface StudyArrivals {
  stored: number;
  duplicate: number;
  newVersion: number;
  sopUids: string[];
}

/**
 * The audit events of one association's C-STORE arrivals, written in batches: one event per study
 * (and one for the refusals) in one insert, rather than an insert per instance on the C-STORE
 * response path, which is the hot path of ingest.
 *
 * What must stay true: `flush` is awaited before the A-RELEASE-RP (PS3.8 §7.2) is sent, so an
 * association that ends normally has every arrival in the audit trail before the sender learns
 * it is over; and a batch that reaches STORE_AUDIT_BATCH instances is flushed without waiting.
 */
export class StoreAuditBatch {
  private studies = new Map<string, StudyArrivals>();
  private refused: { sopUid: string; code: string }[] = [];
  private count = 0;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: DimseContext,
    private readonly peer: AuditPeer,
    private readonly requestId: string,
  ) {}

  /** Records how one C-STORE ended; returns true when the batch is due for a flush. */
  add(sopUid: string, o: StoreOutcome): boolean {
    this.count++;
    if (!o.ok) this.refused.push({ sopUid, code: o.error.code });
    else {
      const r = o.result;
      const s = this.studies.get(r.studyUid) ?? {
        stored: 0,
        duplicate: 0,
        newVersion: 0,
        sopUids: [],
      };
      if (r.outcome === 'stored') s.stored++;
      else if (r.outcome === 'duplicate') s.duplicate++;
      else s.newVersion++;
      s.sopUids.push(r.sopUid);
      this.studies.set(r.studyUid, s);
    }
    return this.count >= STORE_AUDIT_BATCH;
  }

  /**
   * Writes what is batched, after any earlier flush still writing. Rejects with AUDIT_UNAVAILABLE
   * when the events cannot be written; the caller then aborts the association.
   */
  flush(): Promise<void> {
    const entries = this.take();
    const write = this.writing
      .catch(() => undefined)
      .then(() =>
        entries.length ? auditDimse(this.ctx, this.peer, entries, this.requestId) : undefined,
      );
    this.writing = write;
    return write;
  }

  private take(): Omit<AuditEntry, 'actorName' | 'clinicId'>[] {
    const entries: Omit<AuditEntry, 'actorName' | 'clinicId'>[] = [...this.studies].map(
      ([studyUid, s]) => ({
        action: 'dimse.store',
        outcome: 'success',
        resourceType: 'study',
        resourceId: studyUid,
        details: {
          instances: s.sopUids.length,
          stored: s.stored,
          duplicate: s.duplicate,
          newVersion: s.newVersion,
          sopInstanceUids: s.sopUids,
        },
      }),
    );
    if (this.refused.length)
      entries.push({
        action: 'dimse.store',
        outcome: 'failure',
        details: { instances: this.refused.length, refused: this.refused },
      });
    this.studies = new Map();
    this.refused = [];
    this.count = 0;
    return entries;
  }
}
