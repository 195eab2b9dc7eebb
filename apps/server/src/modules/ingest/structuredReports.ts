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

/**
 * Who sent a stored object, which decides who takes it (docs/adr/0041): a clinic's SR is its
 * own read (modules/qc); every object a CAD integration's AE sends is a CAD object
 * (modules/cad). The sender is the origin's, fixed at the door, never read from the object, so
 * a CAD's SR can never become a clinic's read whatever it says.
 */
export type ObjectSender = 'clinic' | 'cad';

/** What takes a stored object of one sender; it records what it cannot use itself. */
export type StructuredReportHandler = (db: Db, sr: StoredReport) => Promise<void>;

interface Route {
  /** The objects of this sender the handler is given. */
  takes: (sopClassUid: string) => boolean;
  /**
   * The flag its study gets when the handler fails; none for a CAD object, whose handler records
   * its own failures for support (a CAD's trouble is not the clinic assistant's to fix).
   */
  failure: IngestFlag['code'] | null;
}

/** Per sender: which objects its handler takes, and how a failure shows. */
const ROUTES: Record<ObjectSender, Route> = {
  // A clinic's SR is taken as its read; its images are the study itself.
  clinic: { takes: isStructuredReport, failure: 'clinic_sr_unread' },
  // Every CAD object (SR, heatmap SC or GSPS) is read or linked by the CAD module.
  cad: { takes: () => true, failure: null },
};

const handlers: Partial<Record<ObjectSender, StructuredReportHandler>> = {};

/** The sender of an object from its origin: a CAD integration's door, else its clinic. */
export const senderOf = (origin: IngestOrigin): ObjectSender => (origin.cad ? 'cad' : 'clinic');

/**
 * Installs the handler of one sender's stored objects (the qc module takes a clinic's SR as its
 * read, the cad module takes a CAD's objects; ingest cannot import them back). `null` removes
 * it; that sender's objects are then stored as any object, and never handed to another sender's
 * handler.
 */
export function onStructuredReport(sender: ObjectSender, h: StructuredReportHandler | null): void {
  if (h) handlers[sender] = h;
  else delete handlers[sender];
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
 * After a new object is stored and committed, hands it to its sender's handler, if that
 * handler takes its SOP class. The object is stored whatever happens here: a handler failure
 * flags its study with the reason rather than losing the object or failing the sender.
 */
export async function handOverStructuredReport(db: Db, sr: StoredReport): Promise<void> {
  if (sr.stored.outcome === 'duplicate') return;
  const sender = senderOf(sr.origin);
  const route = ROUTES[sender];
  const handler = handlers[sender];
  if (!handler || !route.takes(sr.stored.sopClassUid)) return;
  try {
    await handler(db, sr);
  } catch (e) {
    if (!route.failure) return;
    await flagStudy(
      db,
      sr.stored.studyId,
      {
        code: route.failure,
        detail: `Could not be processed: ${(e as Error).message}`.slice(0, 300),
      },
      sr.stored.instanceId,
    ).catch(() => undefined);
  }
}
