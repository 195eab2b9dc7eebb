import type { Db } from '../../platform/db';
import type { DicomJson } from './header';
import type { IngestOrigin, StoreResult } from './service';
import { isStructuredReport, type IngestFlag } from './sopClassRules';

/** A Structured Report just stored, with its dataset (content tree included) and origin. */
export interface StoredReport {
  stored: StoreResult;
  dataset: DicomJson;
  origin: IngestOrigin;
}

/** What takes a clinic's SR as its read (qc); it flags what it cannot use itself. */
export type StructuredReportHandler = (db: Db, sr: StoredReport) => Promise<void>;

let handler: StructuredReportHandler | null = null;

/**
 * Installs the one handler of stored SRs (the qc module takes a clinic's SR as its read; ingest
 * cannot import it back). `null` removes it; SRs are then stored as any object.
 */
export function onStructuredReport(h: StructuredReportHandler | null): void {
  handler = h;
}

/**
 * Flags a study for a person (study_flags, migration 0014), counted as ingest_instance counts
 * its own flags: a reason raised again is one row seen once more, and brings a reviewed study
 * back to the needs-attention list.
 */
export async function flagStudy(
  db: Db,
  studyId: string,
  flag: IngestFlag,
  instanceId: string | null,
): Promise<void> {
  await db
    .insertInto('study_flags')
    .values({ study_id: studyId, code: flag.code, detail: flag.detail, instance_id: instanceId })
    .onConflict((oc) =>
      oc.columns(['study_id', 'code', 'detail']).doUpdateSet((eb) => ({
        count: eb('study_flags.count', '+', 1),
        last_at: new Date(),
        instance_id: eb.ref('excluded.instance_id'),
      })),
    )
    .execute();
}

/**
 * After a new SR is stored and committed, hands it to the handler. The object is stored
 * whatever happens here: a handler failure flags its study with the reason rather than losing
 * the SR or failing the sender.
 */
export async function handOverStructuredReport(db: Db, sr: StoredReport): Promise<void> {
  if (!handler || sr.stored.outcome === 'duplicate') return;
  if (!isStructuredReport(sr.stored.sopClassUid)) return;
  try {
    await handler(db, sr);
  } catch (e) {
    await flagStudy(
      db,
      sr.stored.studyId,
      {
        code: 'clinic_sr_unread',
        detail: `Could not be processed: ${(e as Error).message}`.slice(0, 300),
      },
      sr.stored.instanceId,
    ).catch(() => undefined);
  }
}
