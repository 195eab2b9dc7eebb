import type { Readable } from 'node:stream';
import dcmjs from 'dcmjs';
import { readMeta, walkDataset, DEFLATED_EXPLICIT_LITTLE_ENDIAN } from '@telerad/dicom';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { parseFile } from '../../platform/parseFile';
import type { ObjectStorage } from '../../platform/storage';
import { searchInstances } from '../archive';
import { covers, multipartChoices, type AcceptRange } from './accept';
import { elementAtPath, el, withBulkDataUris, type DicomJson } from './dicomJson';
import { multipartBody, newBoundary, type OutgoingPart } from './multipart';
import { frameMediaType, locateFrames, type PixelLayout } from './pixelData';

/**
 * WADO-RS (PS3.18 §10.4): studies, series and instances as stored (the original transfer syntax,
 * byte for byte), their metadata from the index, their frames, and bulk data. Every request goes
 * through the archive's clinic-scoped search: outside the caller's clinics nothing exists.
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

/** The current instances a target names, in the caller's scope; NOT_FOUND when there are none. */
export async function instancesOf(ctx: ServiceContext, t: WadoTarget): Promise<InstanceRow[]> {
  const rows = await searchInstances(ctx, {
    studyUid: t.studyUid,
    seriesUid: t.seriesUid,
    sopUids: t.sopUid ? [t.sopUid] : undefined,
    limit: MAX_INSTANCES,
    offset: 0,
  });
  if (!rows.length) throw appError('NOT_FOUND', undefined, 'No such study, series or instance.');
  return rows;
}

/** The WADO-RS URL of an instance. */
export const instanceUrl = (base: string, r: InstanceRow) =>
  `${base}/studies/${r.study_uid}/series/${r.series_uid}/instances/${r.sop_uid}`;

/**
 * Retrieves instances as `multipart/related; type="application/dicom"` (PS3.18 §10.4.1.1.1),
 * each part the stored file unchanged with its transfer syntax named. Objects are not
 * transcoded: an Accept that names only other transfer syntaxes gets NOT_ACCEPTABLE.
 */
export async function retrieveInstances(
  ctx: ServiceContext,
  storage: ObjectStorage,
  t: WadoTarget,
  accept: AcceptRange[],
): Promise<WadoResponse> {
  const rows = await instancesOf(ctx, t);
  const choices = multipartChoices(accept, ['application/dicom']);
  const syntaxes = new Set(rows.map((r) => r.transfer_syntax_uid));
  const ok = choices.some(
    (c) =>
      !c.transferSyntax ||
      c.transferSyntax === '*' ||
      (syntaxes.size === 1 && syntaxes.has(c.transferSyntax)),
  );
  if (!ok)
    throw appError(
      'NOT_ACCEPTABLE',
      { stored: [...syntaxes] },
      `The objects are stored in ${[...syntaxes].join(', ')} and are returned as stored: ask with transfer-syntax=*.`,
    );
  const boundary = newBoundary();
  async function* parts(): AsyncGenerator<OutgoingPart> {
    for (const r of rows)
      yield {
        headers: {
          'Content-Type': `application/dicom; transfer-syntax=${r.transfer_syntax_uid}`,
          'Content-Length': String(r.size_bytes),
        },
        body: storage.open(r.storage_key),
      };
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
): Promise<{ body: DicomJson[]; clinicId: string }> {
  const rows = await instancesOf(ctx, t);
  const body = rows.map((r) => {
    const url = instanceUrl(baseUrl, r);
    const ds = withBulkDataUris(r.metadata as DicomJson, url);
    ds['00083002'] = el('UI', r.transfer_syntax_uid);
    if (r.rows !== null)
      ds['7FE00010'] = {
        vr: r.bits_allocated === 8 ? 'OB' : 'OW',
        BulkDataURI: `${url}/bulkdata/7FE00010`,
      };
    return ds;
  });
  return { body, clinicId: rows[0]!.clinic_id };
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

async function layoutOf(storage: ObjectStorage, r: InstanceRow): Promise<PixelLayout> {
  const spp = (r.metadata as DicomJson)['00280002']?.Value?.[0];
  return locateFrames(await storage.pathOf(r.storage_key), r.transfer_syntax_uid, {
    rows: r.rows,
    columns: r.columns,
    bitsAllocated: r.bits_allocated,
    samplesPerPixel: typeof spp === 'number' ? spp : 1,
    numberOfFrames: r.number_of_frames,
  });
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
 * Frames of one instance (PS3.18 §10.4.1.1.3) as multipart/related: native frames as
 * little-endian application/octet-stream, compressed frames as stored (image/jpeg, image/jls,
 * image/jp2, image/jphc, image/dicom-rle) with their transfer syntax. `frames` undefined: all.
 */
export async function retrieveFrames(
  ctx: ServiceContext,
  storage: ObjectStorage,
  t: Required<WadoTarget>,
  frames: number[] | undefined,
  accept: AcceptRange[],
): Promise<WadoResponse> {
  const [r] = await instancesOf(ctx, t);
  if (r!.rows === null) throw appError('NOT_FOUND', undefined, 'This instance has no pixel data.');
  const media = frameMediaType(r!.transfer_syntax_uid);
  const choice = multipartChoices(accept, [media.type, 'application/octet-stream']).find(
    (c) =>
      (!c.partType || covers(c.partType, media.type) || c.transferSyntax === '*') &&
      (!c.transferSyntax || c.transferSyntax === '*' || c.transferSyntax === media.ts),
  );
  if (!choice)
    throw appError(
      'NOT_ACCEPTABLE',
      { stored: media },
      `The frames are available as ${media.type} in transfer syntax ${media.ts}; frames are not transcoded.`,
    );
  const layout = await layoutOf(storage, r!);
  const list = frames ?? layout.frames.map((_, i) => i + 1);
  const missing = list.filter((n) => n > layout.frames.length);
  if (missing.length)
    throw appError(
      'NOT_FOUND',
      undefined,
      `This instance has ${layout.frames.length} frame(s); there is no frame ${missing.join(', ')}.`,
    );
  const partType =
    choice.partType === 'application/octet-stream' ? 'application/octet-stream' : media.type;
  const boundary = newBoundary();
  async function* parts(): AsyncGenerator<OutgoingPart> {
    for (const n of list)
      yield {
        headers: { 'Content-Type': `${partType}; transfer-syntax=${media.ts}` },
        body: frameBytes(storage, r!.storage_key, layout, n),
      };
  }
  return {
    contentType: `multipart/related; type="${partType}"; boundary=${boundary}`,
    body: multipartBody(boundary, parts()),
    clinicId: r!.clinic_id,
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
    await readUntilPixels(await storage.pathOf(r!.storage_key), r!.transfer_syntax_uid),
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
