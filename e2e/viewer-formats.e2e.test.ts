import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  SYNTAXES,
  producibleSyntaxes,
  syntaxInfo,
  writeCxr,
  type CxrOptions,
  type SyntaxKey,
  type WrittenFile,
} from '../apps/server/src/testing/dicomFixtures';
import { launchBrowser, newPage } from './support/browser';
import { LoginPage } from './support/pages';
import { stowFiles, waitForFullRender } from './support/reading';

/**
 * Issue 5: the viewer shows every transfer syntax the archive accepts, 8- to 16-bit, MONOCHROME1
 * and MONOCHROME2, and shows it right. Each case is its own small study (the viewer hangs one
 * frontal image per study); the rendered canvas is compared with what the synthetic chest film
 * must look like: dark air in the corners, grey lungs, brighter soft tissue, the brightest spine.
 * A decoder that answers noise, a wrong byte order or an uninverted MONOCHROME1 fails.
 */

let browser: Browser;
let context: BrowserContext;
let page: Page;
const baseUrl = inject('baseUrl');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-e2e-formats-'));
const SIZE = { rows: 256, columns: 256 };

interface FormatCase {
  name: string;
  syntax: SyntaxKey;
  opts: Pick<CxrOptions, 'bitsStored' | 'photometric' | 'modality'>;
}

const DX = { modality: 'DX', photometric: 'MONOCHROME2' } as const;
const CR = { modality: 'CR', photometric: 'MONOCHROME1' } as const;

/**
 * What `writeCxrSet` writes (per producible syntax a DX MONOCHROME2 and a CR MONOCHROME1, 12-bit
 * or 8-bit for JPEG Baseline; 14/16-bit in Explicit LE and JPEG 2000), plus 16-bit MONOCHROME1 in
 * Explicit LE, JPEG 2000 and HTJ2K lossless, and 16-bit JPEG-LS.
 */
const CASES: FormatCase[] = (() => {
  const producible = producibleSyntaxes();
  const out: FormatCase[] = producible.flatMap((syntax) => {
    const bitsStored = syntaxInfo(syntax).maxBitsStored === 8 ? 8 : 12;
    return [
      { name: `${syntax} ${bitsStored}-bit MONOCHROME2`, syntax, opts: { ...DX, bitsStored } },
      { name: `${syntax} ${bitsStored}-bit MONOCHROME1`, syntax, opts: { ...CR, bitsStored } },
    ];
  });
  const deep: [SyntaxKey, 14 | 16, typeof DX | typeof CR][] = [
    ['explicitLE', 14, DX],
    ['explicitLE', 16, DX],
    ['explicitLE', 16, CR],
    ['j2kLossless', 14, DX],
    ['j2kLossless', 16, DX],
    ['j2kLossless', 16, CR],
    ['htj2kLossless', 16, CR],
    ['jpegLsLossless', 16, DX],
  ];
  for (const [syntax, bitsStored, kind] of deep)
    if (producible.includes(syntax))
      out.push({
        name: `${syntax} ${bitsStored}-bit ${kind.photometric}`,
        syntax,
        opts: { ...kind, bitsStored },
      });
  return out;
})();

const written = new Map<string, WrittenFile>();

beforeAll(async () => {
  browser = await launchBrowser();
  const files = await Promise.all(
    CASES.map((c, i) =>
      writeCxr(path.join(dir, `${i}.dcm`), c.syntax, {
        ...SIZE,
        ...c.opts,
        seed: 500 + i,
        patient: { name: `FORMATS^CASE${i}`, id: `E2E-FMT-${i}` },
      }),
    ),
  );
  CASES.forEach((c, i) => written.set(c.name, files[i]!));
  await stowFiles(
    baseUrl,
    files.map((f) => f.path),
  );
  ({ page, context } = await newPage(browser, baseUrl));
  await new LoginPage(page).open().then((l) => l.signIn('radiologist'));
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * Opens a study's viewer: the first by loading the page, the next ones as the router's own
 * back/forward navigation does (no reload), so the one viewer switches studies as a reader's does.
 */
async function openStudy(p: Page, studyUid: string): Promise<void> {
  const url = `/studies/${studyUid}/view`;
  if (!p.url().includes('/view')) {
    await p.goto(url);
    return;
  }
  await p.evaluate((to) => {
    window.history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, url);
}

/** A rectangle of the image, in fractions of its width and height. */
interface Region {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Regions of the synthetic PA film (apps/server/src/testing/dicom/synthCxr.ts) whose brightness
 * order is fixed whatever the seed: air outside the body ellipse, the lung fields (air-filled,
 * crossed by ribs), soft tissue of the lower abdomen (below lungs and heart), the spine above
 * the heart.
 */
const REGIONS = {
  air: [
    { x0: 0.01, y0: 0.01, x1: 0.06, y1: 0.06 },
    { x0: 0.94, y0: 0.01, x1: 0.99, y1: 0.06 },
  ],
  lung: [
    { x0: 0.27, y0: 0.38, x1: 0.35, y1: 0.52 },
    { x0: 0.65, y0: 0.39, x1: 0.73, y1: 0.53 },
  ],
  tissue: [{ x0: 0.42, y0: 0.88, x1: 0.58, y1: 0.95 }],
  spine: [{ x0: 0.495, y0: 0.2, x1: 0.505, y1: 0.4 }],
} satisfies Record<string, Region[]>;

type Brightness = Record<keyof typeof REGIONS, number> & { outside: number };

/**
 * The mean grey value (0–255) of each region on viewport 0's canvas, where the image is fitted
 * and centred; `outside` is the brightest canvas pixel beside the image (the black background).
 */
async function regionBrightness(p: Page): Promise<Brightness> {
  return p.evaluate(
    ({ regions, rows, columns }) => {
      const src = document.querySelector<HTMLCanvasElement>(
        '[data-testid="viewport-element"] canvas',
      );
      if (!src) throw new Error('no canvas');
      const c = document.createElement('canvas');
      c.width = src.width;
      c.height = src.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(src, 0, 0);
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      const scale = Math.min(c.width / columns, c.height / rows);
      const left = (c.width - columns * scale) / 2;
      const top = (c.height - rows * scale) / 2;
      const grey = (x: number, y: number) => d[(y * c.width + x) * 4]!;
      const mean = (list: { x0: number; y0: number; x1: number; y1: number }[]) => {
        let sum = 0;
        let n = 0;
        for (const r of list)
          for (let y = Math.round(top + r.y0 * rows * scale); y < top + r.y1 * rows * scale; y++)
            for (
              let x = Math.round(left + r.x0 * columns * scale);
              x < left + r.x1 * columns * scale;
              x++
            ) {
              sum += grey(x, y);
              n++;
            }
        return n ? sum / n : NaN;
      };
      let outside = 0;
      // A band of background a few pixels beside the image, where there is one.
      if (left > 4)
        for (let y = 0; y < c.height; y += 4)
          outside = Math.max(outside, grey(Math.floor(left / 2), y));
      if (top > 4)
        for (let x = 0; x < c.width; x += 4)
          outside = Math.max(outside, grey(x, Math.floor(top / 2)));
      return {
        air: mean(regions.air),
        lung: mean(regions.lung),
        tissue: mean(regions.tissue),
        spine: mean(regions.spine),
        outside,
      };
    },
    { regions: REGIONS, ...SIZE },
  );
}

/**
 * The grey (0–255) the fixture's own window gives a flat region of attenuation `a`: synthCxr
 * stores `0.06 + 0.86·a` of the range (inverted for MONOCHROME1), cxr.ts writes Window Center
 * 0.45 and Width 0.8 of the range; the window applies to stored values, then MONOCHROME1 is shown
 * inverted (PS3.3 §C.11.2.1.2, §C.7.6.3.1.2). So soft tissue (a = 0.56) is ~157 in MONOCHROME2, ~125 in
 * MONOCHROME1: a viewer ignoring the DICOM window or mis-scaling the bit depth misses it.
 */
function expectedGrey(a: number, photometric: 'MONOCHROME1' | 'MONOCHROME2'): number {
  const value = 0.06 + 0.86 * a;
  const stored = photometric === 'MONOCHROME1' ? 1 - value : value;
  const shown = Math.min(1, Math.max(0, (stored - (0.45 - 0.8 / 2)) / 0.8));
  return 255 * (photometric === 'MONOCHROME1' ? 1 - shown : shown);
}

describe('viewer: every transfer syntax the archive accepts', () => {
  it('has every syntax the fixtures can make on this machine', () => {
    // DCMTK is part of the test machine (DESIGN.md); without it JPEG Extended cannot be made.
    expect(producibleSyntaxes()).toEqual(SYNTAXES.map((s) => s.key));
  });

  it.each(CASES.map((c) => [c.name, c] as const))(
    '%s: rendered, with air dark, lungs grey, soft tissue brighter, spine brightest',
    async (_name, c) => {
      const file = written.get(c.name)!;
      const since = Date.now();
      await openStudy(page, file.studyInstanceUid);
      // The previous study's viewport may still draw once as the page changes: wait for this one.
      await waitForFullRender(page, {
        ...SIZE,
        since,
        viewportId: 'vp-0',
        imageIdContains: file.sopInstanceUid,
        timeout: 15_000,
      });
      expect(await page.locator('[data-viewport="vp-0"]').getAttribute('data-sop-uid')).toBe(
        file.sopInstanceUid,
      );
      const b = await regionBrightness(page);
      const seen = JSON.stringify(b, (_k, v: unknown) =>
        typeof v === 'number' ? Math.round(v) : v,
      );
      // Background stays black: the image is where the fit puts it.
      expect(b.outside, seen).toBeLessThan(8);
      expect(b.air, seen).toBeLessThan(50);
      expect(b.lung, seen).toBeGreaterThan(b.air + 25);
      expect(b.tissue, seen).toBeGreaterThan(b.lung + 25);
      expect(b.spine, seen).toBeGreaterThan(b.tissue + 10);
      expect(b.spine, seen).toBeGreaterThan(150);
      const photometric = c.opts.photometric ?? 'MONOCHROME2';
      expect(Math.abs(b.tissue - expectedGrey(0.56, photometric)), seen).toBeLessThan(12);
      expect(Math.abs(b.air - expectedGrey(0.04, photometric)), seen).toBeLessThan(12);
    },
  );
});
