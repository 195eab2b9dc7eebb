import fsp from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import type { ObjectStorage } from '../../platform/storage';
import { chooseSingle, type AcceptRange } from './accept';
import { instancesOf, type WadoTarget } from './wado';

/**
 * Rendered and thumbnail resources (PS3.18 §10.4.1.1.4, §8.3.5): the frame is decoded by
 * dcmjs-imaging (its WebAssembly decoders handle every compressed syntax), passed through the
 * modality LUT, the window (the request's, else the header's, else min/max) and MONOCHROME1
 * inversion, then scaled and encoded by sharp as JPEG or PNG. Nothing is cached on disk.
 */

type Imaging = typeof import('dcmjs-imaging');
const require = createRequire(import.meta.url);
let imaging: Promise<Imaging> | undefined;

/** dcmjs-imaging with its WebAssembly decoders initialised, once per process. */
function loadImaging(): Promise<Imaging> {
  imaging ??= (async () => {
    const mod = require('dcmjs-imaging') as Imaging;
    if (!mod.NativePixelDecoder.isInitialized()) {
      const wasm = path.join(
        path.dirname(require.resolve('dcmjs-imaging')),
        'dcmjs-native-codecs.wasm',
      );
      await mod.NativePixelDecoder.initializeAsync({ webAssemblyModulePathOrUrl: wasm });
    }
    return mod;
  })();
  return imaging;
}

/** Presentation parameters of a rendered request (PS3.18 §8.3.5.1). */
export interface RenderParams {
  window?: { center: number; width: number };
  viewport?: { width: number; height: number; crop?: [number, number, number, number] };
  quality?: number;
}

const THUMBNAIL_SIZE = 256;
const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? NaN : Number(s));

/** Reads `window`, `viewport` and `quality` from the query, refusing values that make no sense. */
export function parseRenderParams(query: Record<string, unknown>): RenderParams {
  const out: RenderParams = {};
  const bad = (p: string, message: string) => appError('VALIDATION_FAILED', [{ path: p, message }]);
  if (typeof query.window === 'string') {
    const [c, w, fn] = query.window.split(',');
    const center = num(c);
    const width = num(w);
    if (!Number.isFinite(center) || !(width >= 1))
      throw bad('window', 'must be center,width[,function] with width ≥ 1');
    if (fn && !['linear', 'linear-exact'].includes(fn.trim().toLowerCase()))
      throw bad('window', 'only the linear and linear-exact VOI LUT functions are supported');
    out.window = { center, width };
  }
  if (typeof query.viewport === 'string') {
    const v = query.viewport.split(',').map((x) => num(x));
    const [vw, vh] = v;
    if (!(vw! >= 1 && vh! >= 1 && vw! <= 8192 && vh! <= 8192) || (v.length !== 2 && v.length !== 6))
      throw bad('viewport', 'must be vw,vh or vw,vh,sx,sy,sw,sh (pixels)');
    out.viewport = { width: vw!, height: vh! };
    if (v.length === 6) {
      if (v.slice(2).some((x) => !Number.isFinite(x)) || !(v[4]! > 0 && v[5]! > 0))
        throw bad('viewport', 'the source region sx,sy,sw,sh must be numbers with sw, sh > 0');
      out.viewport.crop = [v[2]!, v[3]!, v[4]!, v[5]!];
    }
  }
  if (typeof query.quality === 'string') {
    const q = num(query.quality);
    if (!(q >= 1 && q <= 100)) throw bad('quality', 'must be 1 to 100');
    out.quality = q;
  }
  return out;
}

/** A rendered image and the clinic it belongs to. */
export interface Rendered {
  contentType: string;
  body: Buffer;
  clinicId: string;
}

/**
 * Renders frame `frame` (1-based) of an instance, or of the first image of a series or study
 * for their thumbnails, as JPEG (the default) or PNG per Accept. `thumbnail` fits it in 256 px
 * unless a viewport is given.
 */
export async function renderFrame(
  ctx: ServiceContext,
  storage: ObjectStorage,
  t: WadoTarget,
  opts: { frame: number; thumbnail: boolean; params: RenderParams; accept: AcceptRange[] },
): Promise<Rendered> {
  const rows = await instancesOf(ctx, t);
  const r = rows.find((x) => x.rows !== null);
  if (!r) throw appError('NOT_FOUND', undefined, 'There is no image to render here.');
  const type = chooseSingle(opts.accept, ['image/jpeg', 'image/png']);
  const frames = Math.max(1, r.number_of_frames ?? 1);
  if (opts.frame > frames)
    throw appError(
      'NOT_FOUND',
      undefined,
      `This instance has ${frames} frame(s); there is no frame ${opts.frame}.`,
    );
  const im = await loadImaging();
  const file = await storage.withFiles(async (files) =>
    fsp.readFile(await files.pathOf(r.storage_key)),
  );
  let result: ReturnType<InstanceType<Imaging['DicomImage']>['render']>;
  try {
    const image = new im.DicomImage(
      file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer,
    );
    const w = opts.params.window;
    result = image.render({
      frame: opts.frame - 1,
      renderOverlays: false,
      ...(w ? { windowLevel: new im.WindowLevel(w.width, w.center) } : {}),
    });
  } catch (e) {
    throw appError(
      'DICOM_UNREADABLE',
      undefined,
      `This image cannot be decoded: ${(e as Error).message}`,
    );
  }
  let img = sharp(Buffer.from(result.pixels), {
    raw: { width: result.width, height: result.height, channels: 4 },
  }).removeAlpha();
  const vp = opts.params.viewport;
  if (vp?.crop) {
    const [sx, sy, sw, sh] = vp.crop;
    const left = Math.max(0, Math.round(sx));
    const top = Math.max(0, Math.round(sy));
    img = img.extract({
      left,
      top,
      width: Math.max(1, Math.min(Math.round(sw), result.width - left)),
      height: Math.max(1, Math.min(Math.round(sh), result.height - top)),
    });
  }
  const box =
    vp ?? (opts.thumbnail ? { width: THUMBNAIL_SIZE, height: THUMBNAIL_SIZE } : undefined);
  if (box) img = img.resize({ width: box.width, height: box.height, fit: 'inside' });
  const body =
    type === 'image/png'
      ? await img.png().toBuffer()
      : await img.jpeg({ quality: opts.params.quality ?? (opts.thumbnail ? 75 : 90) }).toBuffer();
  return { contentType: type, body, clinicId: r.clinic_id };
}
