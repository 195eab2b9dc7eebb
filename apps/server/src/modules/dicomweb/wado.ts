import type { Readable } from 'node:stream';
import dcmjs from 'dcmjs';
import { readMeta, walkDataset, DEFLATED_EXPLICIT_LITTLE_ENDIAN } from '@telerad/dicom';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { parseFile } from '../../platform/parseFile';
import type { ObjectStorage } from '../../platform/storage';
import { searchInstances } from '../archive';
import { cadObjectSopUids } from '../cad';
import { transcode } from '../transcode';
import { visibleInstances } from './cadBlinding';
import { multipartChoices, type AcceptRange } from './accept';
import { elementAtPath, el, withBulkDataUris, type DicomJson } from './dicomJson';
import { multipartBody, newBoundary, type OutgoingPart } from './multipart';
import { locateFrames, locateFramesIn, type ImageShape, type PixelLayout } from './pixelData';
import { frameRepresentation, instanceSyntax } from './representation';

/**
 * WADO-RS (PS3.18 §10.4): studies, series and instances (in Explicit VR Little Endian by
 * default, as stored byte for byte with `transfer-syntax=*`, or in another syntax the transcoding
 * module produces without loss), their metadata from the index, their frames, and bulk data.
 * Every request goes through the archive's clinic-scoped search: outside the caller's clinics
 * nothing exists.
 */

/** The resource a WADO-RS request names. */
export interface WadoTarget {
  studyUid: string;
  seriesUid?: string;
  sopUid?: string;
}

/** A streamed response: its Content-Type, its body, and the clinic for the audit trail. */
export interface WadoResponse {
  contentType: string;
  body: Readable;
  clinicId: string;
}

type InstanceRow = Awaited<ReturnType<typeof searchInstances>>[number];

const MAX_INSTANCES = 20_000;

/**
 * The current instances a target names that the caller may see: in their clinic scope, and
 * without the CAD objects they are still blind to (cadBlinding.ts). NOT_FOUND when there are
 * none. Every WADO-RS resource is resolved here, so a new one inherits both rules.
 */
export async function instancesOf(ctx: ServiceContext, t: WadoTarget): Promise<InstanceRow[]> {
  const found = await searchInstances(ctx, {
    studyUid: t.studyUid,
    seriesUid: t.seriesUid,
    sopUids: t.sopUid ? [t.sopUid] : undefined,
    limit: MAX_INSTANCES,
    offset: 0,
  });
  const rows = await visibleInstances(ctx, found);
  if (!rows.length) throw appError('NOT_FOUND', undefined, 'No such study, series or instance.');
  return rows;
}

/** The WADO-RS URL of an instance. */
export const instanceUrl = (base: string, r: InstanceRow) =>
  `${base}/studies/${r.study_uid}/series/${r.series_uid}/instances/${r.sop_uid}`;

/** The whole stored file of an instance, for transcoding. */
async function readStored(storage: ObjectStorage, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of storage.open(key)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Retrieves instances as `multipart/related; type="application/dicom"` (PS3.18 §10.4.1.1.1):
 * each part in the transfer syntax the Accept header settles on (representation.ts), the stored
 * file unchanged when that is its stored syntax, else transcoded; each part's Content-Type names
 * the syntax its bytes are really in.
 */
export async function retrieveInstances(
  ctx: ServiceContext,
  storage: ObjectStorage,
  t: WadoTarget,
  accept: AcceptRange[],
): Promise<WadoResponse> {
  const rows = await instancesOf(ctx, t);
  const syntaxFor = instanceSyntax(accept, [...new Set(rows.map((r) => r.transfer_syntax_uid))]);
  const boundary = newBoundary();
  async function* parts(): AsyncGenerator<OutgoingPart> {
    for (const r of rows) {
      const ts = syntaxFor(r.transfer_syntax_uid);
      if (ts === r.transfer_syntax_uid) {
        yield {
          headers: {
            'Content-Type': `application/dicom; transfer-syntax=${ts}`,
            'Content-Length': String(r.size_bytes),
          },
          body: storage.open(r.storage_key),
        };
        continue;
      }
      const out = await transcode(
        await readStored(storage, r.storage_key),
        r.transfer_syntax_uid,
        ts,
      );
      yield {
        headers: {
          'Content-Type': `application/dicom; transfer-syntax=${ts}`,
          'Content-Length': String(out.part10.length),
        },
        body: out.part10,
      };
    }
  }
  return {
    contentType: `multipart/related; type="application/dicom"; boundary=${boundary}`,
    body: multipartBody(boundary, parts()),
    clinicId: rows[0]!.clinic_id,
  };
}

/**
 * The metadata of every instance a target names (PS3.18 §10.4.1.1.2), from the index alone:
 * bulk data as absolute BulkDataURIs, Pixel Data as a reference to its bulk data resource, and
 * AvailableTransferSyntaxUID (0008,3002) so a viewer knows how its frames come.
 */
export async function retrieveMetadata(
  ctx: ServiceContext,
  t: WadoTarget,
  baseUrl: string,
  opts: { withoutCad?: boolean } = {},
): Promise<{ body: DicomJson[]; clinicId: string }> {
  const rows = await instancesOf(ctx, t);
  // The viewer's image list (`withoutCad`): a CAD's SRs and heatmaps are not images to read
  // (docs/adr/0041), so they are left out; every other DICOMweb client gets the whole study.
  const cad = opts.withoutCad ? await cadObjectSopUids(ctx.db, t.studyUid) : new Set<string>();
  const body = rows
    .filter((r) => !cad.has(r.sop_uid))
    .map((r) => storedMetadata(r, instanceUrl(baseUrl, r)));
  return { body, clinicId: rows[0]!.clinic_id };
}

/**
 * What the metadata and frame answers need of a stored image: its indexed header, how its
 * pixels are laid out, and where its bytes are. The archive's instances have it, and so do
 * objects indexed elsewhere (the teaching file's de-identified copies).
 */
export type StoredImage = Pick<
  InstanceRow,
  'rows' | 'columns' | 'bits_allocated' | 'number_of_frames' | 'transfer_syntax_uid' | 'storage_key'
> & { metadata: unknown };

/**
 * One stored image's metadata (PS3.18 §10.4.1.1.2) under its WADO-RS URL `url`: bulk data as
 * absolute BulkDataURIs, Pixel Data as a reference to its bulk data resource, and
 * AvailableTransferSyntaxUID (0008,3002).
 */
export function storedMetadata(r: StoredImage, url: string): DicomJson {
  const ds = withBulkDataUris(r.metadata as DicomJson, url);
  ds['00083002'] = el('UI', r.transfer_syntax_uid);
  if (r.rows !== null)
    ds['7FE00010'] = {
      vr: r.bits_allocated === 8 ? 'OB' : 'OW',
      BulkDataURI: `${url}/bulkdata/7FE00010`,
    };
  return ds;
}

/** Parses `1,3,5` into 1-based frame numbers (PS3.18 §10.4.1.1.3). */
export function parseFrameList(s: string): number[] {
  const list = s.split(',').map((x) => Number(x.trim()));
  if (!list.length || list.some((n) => !Number.isInteger(n) || n < 1))
    throw appError('VALIDATION_FAILED', [
      { path: 'frames', message: 'must be 1-based frame numbers separated by commas' },
    ]);
  return list;
}

function shapeOf(r: StoredImage): ImageShape {
  const spp = (r.metadata as DicomJson)['00280002']?.Value?.[0];
  return {
    rows: r.rows,
    columns: r.columns,
    bitsAllocated: r.bits_allocated,
    samplesPerPixel: typeof spp === 'number' ? spp : 1,
    numberOfFrames: r.number_of_frames,
  };
}

/** Where the frames of a stored instance are: in its stored file, or transcoded to `to`. */
async function layoutOf(storage: ObjectStorage, r: StoredImage, to?: string): Promise<PixelLayout> {
  if (!to)
    return storage.withFiles(async (files) =>
      locateFrames(await files.pathOf(r.storage_key), r.transfer_syntax_uid, shapeOf(r)),
    );
  const out = await transcode(await readStored(storage, r.storage_key), r.transfer_syntax_uid, to);
  return locateFramesIn(out.part10, to, shapeOf(r));
}

async function* frameBytes(storage: ObjectStorage, key: string, layout: PixelLayout, n: number) {
  for (const range of layout.frames[n - 1]!.ranges) {
    if (layout.buffer) yield layout.buffer.subarray(range.offset, range.offset + range.length);
    else if (!layout.swap16)
      yield* storage.open(key, {
        start: range.offset,
        end: range.offset + range.length - 1,
      }) as AsyncIterable<Buffer>;
    else {
      const chunks: Buffer[] = [];
      for await (const c of storage.open(key, {
        start: range.offset,
        end: range.offset + range.length - 1,
      }))
        chunks.push(c as Buffer);
      yield Buffer.concat(chunks).swap16();
    }
  }
}

/**
 * Frames of one instance (PS3.18 §10.4.1.1.3) as multipart/related, in the representation the
 * Accept header settles on (representation.ts): uncompressed little-endian
 * application/octet-stream by default (compressed frames decoded by the transcoding module),
 * compressed frames as stored (image/jpeg, image/jls, image/jp2, image/jphc, image/dicom-rle),
 * or RLE produced without loss. `frames` undefined: all.
 */
export async function retrieveFrames(
  ctx: ServiceContext,
  storage: ObjectStorage,
  t: Required<WadoTarget>,
  frames: number[] | undefined,
  accept: AcceptRange[],
): Promise<WadoResponse> {
  const [r] = await instancesOf(ctx, t);
  return { ...(await storedFrames(storage, r!, frames, accept)), clinicId: r!.clinic_id };
}

/**
 * Frames of one stored image as multipart/related (see {@link retrieveFrames}), for any caller
 * that has already decided the caller may see it.
 */
export async function storedFrames(
  storage: ObjectStorage,
  r: StoredImage,
  frames: number[] | undefined,
  accept: AcceptRange[],
): Promise<{ contentType: string; body: Readable }> {
  if (r.rows === null) throw appError('NOT_FOUND', undefined, 'This instance has no pixel data.');
  const rep = frameRepresentation(accept, r.transfer_syntax_uid);
  const layout = await layoutOf(storage, r, rep.transcode ? rep.ts : undefined);
  const list = frames ?? layout.frames.map((_, i) => i + 1);
  const missing = list.filter((n) => n > layout.frames.length);
  if (missing.length)
    throw appError(
      'NOT_FOUND',
      undefined,
      `This instance has ${layout.frames.length} frame(s); there is no frame ${missing.join(', ')}.`,
    );
  const boundary = newBoundary();
  async function* parts(): AsyncGenerator<OutgoingPart> {
    for (const n of list)
      yield {
        headers: { 'Content-Type': `${rep.type}; transfer-syntax=${rep.ts}` },
        body: frameBytes(storage, r.storage_key, layout, n),
      };
  }
  return {
    contentType: `multipart/related; type="${rep.type}"; boundary=${boundary}`,
    body: multipartBody(boundary, parts()),
  };
}

/** The bytes of the Part 10 file at `path` before its Pixel Data (read off the event loop). */
function readUntilPixels(path: string, ts: string): Promise<ArrayBuffer> {
  return parseFile(path, (read, size) => {
    const meta = readMeta(read, size);
    const end =
      ts === DEFLATED_EXPLICIT_LITTLE_ENDIAN
        ? size
        : (walkDataset(read, meta.datasetOffset, size, ts).pixelDataOffset ?? size);
    const bytes = Buffer.from(read(0, end));
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  });
}

/**
 * A bulk data value named by a metadata BulkDataURI (PS3.18 §10.4.1.1.5), as one
 * application/octet-stream part. Pixel Data (7FE00010) answers with all frames.
 */
export async function retrieveBulkData(
  ctx: ServiceContext,
  storage: ObjectStorage,
  t: Required<WadoTarget>,
  path: string[],
  accept: AcceptRange[],
): Promise<WadoResponse> {
  if (path.length === 1 && path[0]!.toUpperCase() === '7FE00010')
    return retrieveFrames(ctx, storage, t, undefined, accept);
  const [r] = await instancesOf(ctx, t);
  if (!elementAtPath(r!.metadata as DicomJson, path)?.BulkDataURI)
    throw appError('NOT_FOUND', undefined, 'No such bulk data.');
  multipartChoices(accept, ['application/octet-stream']);
  const parsed = dcmjs.data.DicomMessage.readFile(
    await storage.withFiles(async (files) =>
      readUntilPixels(await files.pathOf(r!.storage_key), r!.transfer_syntax_uid),
    ),
    {
      untilTag: '7FE00010',
      includeUntilTagValue: false,
    },
  );
  const element = elementAtPath(parsed.dict as unknown as DicomJson, path);
  const value = Buffer.concat((element?.Value ?? []).map((v) => Buffer.from(v as ArrayBuffer)));
  const boundary = newBoundary();
  async function* parts(): AsyncGenerator<OutgoingPart> {
    yield { headers: { 'Content-Type': 'application/octet-stream' }, body: value };
  }
  return {
    contentType: `multipart/related; type="application/octet-stream"; boundary=${boundary}`,
    body: multipartBody(boundary, parts()),
    clinicId: r!.clinic_id,
  };
}
