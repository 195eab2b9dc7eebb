import fs from 'node:fs';
import type { Page } from 'playwright-core';
import type { ApiSession } from './api';

/**
 * Helpers for the reading screen, shared by the viewer e2e test, `bench:viewer` and the
 * screenshot script: sending studies as clinic DEMO1, finding the task of a study, and reading
 * the viewer's event log and canvas from the page. API set-up calls are in `./api`.
 */

/**
 * Sends Part 10 files to the server by STOW-RS as a clinic user (default clinic1, clinic DEMO1):
 * every transfer syntax goes through as stored (storescu would not propose HTJ2K).
 */
export async function stowFiles(
  baseUrl: string,
  files: string[],
  username = 'clinic1',
): Promise<void> {
  const boundary = `reading-${Math.random().toString(36).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const f of files)
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`),
      fs.readFileSync(f),
      Buffer.from('\r\n'),
    );
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  const res = await fetch(`${baseUrl}/dicomweb/studies`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${username}:telerad-demo`).toString('base64')}`,
      'content-type': `multipart/related; type="application/dicom"; boundary=${boundary}`,
      accept: 'application/dicom+json',
    },
    body: Buffer.concat(chunks),
  });
  if (res.status !== 200) throw new Error(`STOW-RS: HTTP ${res.status} ${await res.text()}`);
}

/** Waits until the study has a reading task; answers the task id. */
export async function waitForTask(
  baseUrl: string,
  session: ApiSession,
  studyUid: string,
  patientId: string,
  ms = 30_000,
): Promise<string> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const res = await fetch(
      `${baseUrl}/api/worklist?state=all&q=${encodeURIComponent(patientId)}`,
      { headers: { cookie: session.cookie } },
    );
    if (res.ok) {
      const page = (await res.json()) as { tasks: { id: string; studyUid: string }[] };
      const task = page.tasks.find((t) => t.studyUid === studyUid);
      if (task) return task.id;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no task for study ${studyUid} within ${ms} ms`);
}

/** One `IMAGE_RENDERED` (or other) entry of `window.__viewerEvents`. */
export interface PageViewerEvent {
  type: string;
  at: number;
  viewportId?: string;
  imageId?: string;
  rows?: number;
  columns?: number;
  quality?: number;
}

/** Cornerstone's ImageQualityStatus.FULL_RESOLUTION. */
export const FULL_RESOLUTION = 8;

/**
 * Waits for the first full-resolution render of an image of `rows`×`columns` in the viewport
 * `viewportId` (any when omitted) after `since` (ms since the epoch), of an image id containing
 * `imageIdContains` when given (e.g. a SOP Instance UID); answers the event.
 */
export async function waitForFullRender(
  page: Page,
  opts: {
    rows: number;
    columns: number;
    since: number;
    viewportId?: string;
    imageIdContains?: string;
    timeout?: number;
  },
): Promise<PageViewerEvent> {
  const handle = await page.waitForFunction(
    (o) =>
      ((window as unknown as { __viewerEvents?: PageViewerEvent[] }).__viewerEvents ?? []).find(
        (e) =>
          e.type === 'IMAGE_RENDERED' &&
          e.at >= o.since &&
          e.rows === o.rows &&
          e.columns === o.columns &&
          (e.quality ?? 8) >= 8 &&
          (!o.viewportId || e.viewportId === o.viewportId) &&
          (!o.imageIdContains || (e.imageId ?? '').includes(o.imageIdContains)),
      ) ?? null,
    opts,
    { timeout: opts.timeout ?? 30_000, polling: 'raf' },
  );
  return (await handle.jsonValue()) as PageViewerEvent;
}

/** Statistics of a viewport's canvas pixels: how many are non-black, and a checksum. */
export interface CanvasStats {
  width: number;
  height: number;
  nonBlack: number;
  distinct: number;
  sum: number;
}

/** Reads the pixels of the canvas in viewport `index` (0 = left); works for WebGL canvases too. */
export async function canvasStats(page: Page, index = 0): Promise<CanvasStats> {
  return page.evaluate((i) => {
    const canvases = [
      ...document.querySelectorAll<HTMLCanvasElement>('[data-testid="viewport-element"] canvas'),
    ];
    const src = canvases[i];
    if (!src) throw new Error(`no canvas ${i}`);
    // Copy through a 2D canvas: it reads WebGL and 2D sources alike.
    const c = document.createElement('canvas');
    c.width = src.width;
    c.height = src.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(src, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let nonBlack = 0;
    let sum = 0;
    const seen = new Set<number>();
    for (let p = 0; p < d.length; p += 4) {
      const v = d[p]! + d[p + 1]! + d[p + 2]!;
      if (v > 15) nonBlack++;
      sum = (sum + v * ((p >> 2) % 251)) % 1_000_000_007;
      if (seen.size < 256) seen.add(d[p]!);
    }
    return { width: c.width, height: c.height, nonBlack, distinct: seen.size, sum };
  }, index);
}
