import { Readable } from 'node:stream';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import type { ObjectStorage } from '../../platform/storage';
import { searchInstances } from '../archive';
import { readHeader, type DicomJson } from '../ingest';
import { deidentifyObject, type Pseudonym } from './deidentify';

/** A de-identified object, committed to storage and ready for its `teaching_instances` row. */
export interface CaseObject {
  seriesUid: string;
  sopUid: string;
  transferSyntaxUid: string;
  storageKey: string;
  sizeBytes: number;
  rows: number | null;
  columns: number | null;
  bitsAllocated: number | null;
  numberOfFrames: number;
  seriesNumber: number | null;
  instanceNumber: number | null;
  metadata: DicomJson;
}

/** The de-identified copy of one study: its new Study Instance UID and its objects. */
export interface CaseCopy {
  studyUid: string;
  objects: CaseObject[];
  withheldBurnedIn: number;
}

/** No larger than the archive's own objects (a CXR is tens of MB at most). */
const MAX_OBJECT_BYTES = 2 * 1024 * 1024 * 1024;

const first = (ds: DicomJson, tag: string): unknown => ds[tag]?.Value?.[0];
function int(ds: DicomJson, tag: string): number | null {
  const n = Number(first(ds, tag));
  return first(ds, tag) === undefined || !Number.isFinite(n) ? null : n;
}

async function readAll(storage: ObjectStorage, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of storage.open(key)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * De-identifies every current object of a study (deidentify.ts) under one UID map, so the copies
 * form one new study, and commits each copy to the content-addressed storage. The header of each
 * copy is read back with the ingest's own reader, so the teaching viewer's metadata is that of
 * the stored bytes. The originals are only read. Objects with burned-in identity are withheld
 * and counted; a study with nothing left is refused (TEACHING_BURNED_IN).
 */
export async function copyStudy(
  ctx: ServiceContext,
  storage: ObjectStorage,
  studyUid: string,
  pseudonym: Pseudonym,
): Promise<CaseCopy> {
  const rows = await searchInstances(ctx, { studyUid, limit: 5000, offset: 0 });
  if (!rows.length) throw appError('TEACHING_NO_IMAGES');
  const uids = new Map<string, string>();
  const objects: CaseObject[] = [];
  let withheldBurnedIn = 0;
  for (const r of rows) {
    const copy = deidentifyObject(await readAll(storage, r.storage_key), uids, pseudonym);
    if (copy.kind === 'burnedIn') {
      withheldBurnedIn++;
      continue;
    }
    const staged = await storage.stage(Readable.from([copy.part10]), MAX_OBJECT_BYTES);
    const key = await storage.commit(staged);
    const header = await storage.withFiles(async (files) =>
      readHeader(await files.pathOf(key), copy.part10.length),
    );
    const ds = header.dataset;
    objects.push({
      seriesUid: String(first(ds, '0020000E')),
      sopUid: String(first(ds, '00080018')),
      transferSyntaxUid: header.meta.transferSyntaxUid,
      storageKey: key,
      sizeBytes: copy.part10.length,
      rows: int(ds, '00280010'),
      columns: int(ds, '00280011'),
      bitsAllocated: int(ds, '00280100'),
      numberOfFrames: int(ds, '00280008') ?? 1,
      seriesNumber: int(ds, '00200011'),
      instanceNumber: int(ds, '00200013'),
      metadata: ds,
    });
  }
  if (!objects.length) throw appError('TEACHING_BURNED_IN');
  return { studyUid: uids.get(studyUid)!, objects, withheldBurnedIn };
}
