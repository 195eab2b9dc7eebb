import { Readable } from 'node:stream';
import dcmjs from 'dcmjs';
import type { FastifyBaseLogger } from 'fastify';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import type { ObjectStorage } from '../../platform/storage';
import { renderFrame } from '../dicomweb';
import {
  buildEncapsulatedPdfDataset,
  buildSrDataset,
  toPart10,
  type DocumentContext,
  type InstanceRef,
} from './dicomObjects';
import type { ReleasedReport } from './load';
import { buildReportPdf } from './pdf';
import { srContentTree } from './srContent';

/** The kinds of document kept for a report version. */
export type DocumentKind = 'pdf' | 'sr' | 'encapsulated_pdf';

/** A stored document of a report version. */
export interface StoredDocument {
  kind: DocumentKind;
  storageKey: string;
  sizeBytes: number;
  sopInstanceUid: string | null;
  seriesInstanceUid: string | null;
}

/** What producing documents needs. */
export interface DocumentDeps {
  db: Db;
  storage: ObjectStorage;
  log: FastifyBaseLogger;
}

const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;
/** The key image's longest side in the PDF. */
const KEY_IMAGE_PX = 1024;

/**
 * The current instances of the study, first series and instance first, and the key image: the
 * first one with pixels.
 */
async function studyImages(
  db: Db,
  studyId: string,
): Promise<{ all: InstanceRef[]; key: InstanceRef | undefined }> {
  const rows = await db
    .selectFrom('instances')
    .innerJoin('series', 'series.id', 'instances.series_id')
    .select(['series.series_uid', 'instances.sop_class_uid', 'instances.sop_uid', 'instances.rows'])
    .where('instances.study_id', '=', studyId)
    .where('instances.current', '=', true)
    .orderBy('series.series_number')
    .orderBy('instances.instance_number')
    .orderBy('instances.received_at')
    .execute();
  const ref = (r: (typeof rows)[number]): InstanceRef => ({
    seriesUid: r.series_uid,
    sopClassUid: r.sop_class_uid,
    sopUid: r.sop_uid,
  });
  const key = rows.find((r) => r.rows !== null);
  return { all: rows.map(ref), key: key && ref(key) };
}

/**
 * A JPEG of the study's first image through the one server-side renderer (dicomweb/render.ts),
 * as a system caller scoped to the report's clinic. Undefined when there is nothing to render;
 * a report is never held back for its key image.
 */
async function keyImageJpeg(
  deps: DocumentDeps,
  r: ReleasedReport,
  key: InstanceRef,
): Promise<Buffer | undefined> {
  const ctx: ServiceContext = {
    actor: {
      userId: '00000000-0000-0000-0000-000000000000',
      username: 'delivery',
      displayName: 'Report delivery',
      roles: ['clinic'],
      clinicIds: [r.clinic.id],
      via: 'token',
    },
    requestId: `delivery-${r.reportId}-${r.version}`,
    ip: null,
    db: deps.db,
  };
  try {
    const out = await renderFrame(
      ctx,
      deps.storage,
      { studyUid: r.study.uid, seriesUid: key.seriesUid, sopUid: key.sopUid },
      {
        frame: 1,
        thumbnail: false,
        params: { viewport: { width: KEY_IMAGE_PX, height: KEY_IMAGE_PX }, quality: 85 },
        accept: [{ type: 'image/jpeg', params: {}, q: 1 }],
      },
    );
    return out.body;
  } catch (err) {
    deps.log.warn({ err, reportId: r.reportId }, 'key image not rendered; PDF made without it');
    return undefined;
  }
}

async function store(
  deps: DocumentDeps,
  r: ReleasedReport,
  kind: DocumentKind,
  bytes: Buffer,
  uids: { sop: string; series: string } | null,
): Promise<StoredDocument> {
  const staged = await deps.storage.stage(Readable.from([bytes]), MAX_DOCUMENT_BYTES);
  const key = await deps.storage.commit(staged);
  await deps.db
    .insertInto('report_documents')
    .values({
      report_id: r.reportId,
      version: r.version,
      kind,
      storage_key: key,
      size_bytes: bytes.length,
      sop_instance_uid: uids?.sop ?? null,
      series_instance_uid: uids?.series ?? null,
    })
    .onConflict((oc) => oc.columns(['report_id', 'version', 'kind']).doNothing())
    .execute();
  return (await findDocument(deps.db, r.reportId, r.version, kind))!;
}

/** A stored document of a report version, if produced. */
export async function findDocument(
  db: Db,
  reportId: string,
  version: number,
  kind: DocumentKind,
): Promise<StoredDocument | undefined> {
  const row = await db
    .selectFrom('report_documents')
    .selectAll()
    .where('report_id', '=', reportId)
    .where('version', '=', version)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return (
    row && {
      kind: row.kind as DocumentKind,
      storageKey: row.storage_key,
      sizeBytes: row.size_bytes,
      sopInstanceUid: row.sop_instance_uid,
      seriesInstanceUid: row.series_instance_uid,
    }
  );
}

/** Reads a stored document's bytes. */
export async function readDocument(storage: ObjectStorage, doc: StoredDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of storage.open(doc.storageKey) as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

/**
 * The SOP class of a stored SR, from its File Meta Information (PS3.10 §7.1): versions made
 * before ADR 0012 are Basic Text SR, later ones Enhanced SR, and each is sent and referenced as
 * what it is.
 */
export async function srSopClass(storage: ObjectStorage, doc: StoredDocument): Promise<string> {
  const bytes = await readDocument(storage, doc);
  const dict = dcmjs.data.DicomMessage.readFile(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    { untilTag: '00080016' },
  );
  const meta = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.meta);
  return String(meta.MediaStorageSOPClassUID);
}

/**
 * The PDF of a report version: made once, kept content-addressed in object storage (never in
 * the study index), and served from there afterwards, so every copy is the same bytes.
 */
export async function ensurePdf(deps: DocumentDeps, r: ReleasedReport): Promise<StoredDocument> {
  const existing = await findDocument(deps.db, r.reportId, r.version, 'pdf');
  if (existing) return existing;
  const images = await studyImages(deps.db, r.study.id);
  const jpeg = images.key ? await keyImageJpeg(deps, r, images.key) : undefined;
  return store(deps, r, 'pdf', await buildReportPdf(r, jpeg), null);
}

/**
 * The DICOM objects of a report version for the clinic PACS: an Enhanced SR and an
 * Encapsulated PDF of the stored PDF, same study, new series; made once and kept like the PDF.
 */
export async function ensureDicomDocuments(
  deps: DocumentDeps,
  r: ReleasedReport,
): Promise<{ sr: StoredDocument; srSopClassUid: string; pdf: StoredDocument }> {
  let sr = await findDocument(deps.db, r.reportId, r.version, 'sr');
  let enc = await findDocument(deps.db, r.reportId, r.version, 'encapsulated_pdf');
  if (!sr) {
    const images = await studyImages(deps.db, r.study.id);
    const previous =
      r.version > 1 ? await findDocument(deps.db, r.reportId, r.version - 1, 'sr') : undefined;
    const ctx: DocumentContext = {
      evidence: images.all,
      predecessorSr:
        previous?.sopInstanceUid && previous.seriesInstanceUid
          ? {
              sopUid: previous.sopInstanceUid,
              seriesUid: previous.seriesInstanceUid,
              sopClassUid: await srSopClass(deps.storage, previous),
            }
          : undefined,
    };
    const ds = buildSrDataset(r, ctx, srContentTree(r, images.key));
    sr = await store(deps, r, 'sr', toPart10(ds), {
      sop: ds.SOPInstanceUID as string,
      series: ds.SeriesInstanceUID as string,
    });
  }
  if (!enc) {
    const pdf = await readDocument(deps.storage, await ensurePdf(deps, r));
    const ds = buildEncapsulatedPdfDataset(r, pdf);
    enc = await store(deps, r, 'encapsulated_pdf', toPart10(ds), {
      sop: ds.SOPInstanceUID as string,
      series: ds.SeriesInstanceUID as string,
    });
  }
  return { sr, srSopClassUid: await srSopClass(deps.storage, sr), pdf: enc };
}
