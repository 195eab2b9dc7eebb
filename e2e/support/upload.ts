import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { expect } from 'vitest';
import { writeCxr } from '../../apps/server/src/testing/dicomFixtures';
import { shot } from './screenshots';

/**
 * Sending images from the browser's Send images page over the links clinics have: a thin link
 * emulated by Chromium through CDP, cut once mid-upload; and the checks that every image arrived
 * exactly once, as the clinic's archive view (DICOMweb) sees it.
 */

const KBIT = 1000 / 8;

/** A clinic's thin link: 750 kbit/s each way and 300 ms of latency. */
export const THIN_LINK = {
  latency: 300,
  downloadThroughput: 750 * KBIT,
  uploadThroughput: 750 * KBIT,
} as const;

/** Puts `page` on the thin link; answers the CDP session that can cut and restore it. */
export async function thinLink(context: BrowserContext, page: Page): Promise<CDPSession> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...THIN_LINK });
  return cdp;
}

/** One applicant's images in a folder, as an X-ray unit saves them: one study, one series. */
export interface StudyFolder {
  folder: string;
  files: string[];
  sopInstanceUids: string[];
  studyInstanceUid: string;
  seriesInstanceUid: string;
}

/**
 * Writes `count` chest X-rays of one study of `patient` into `folder` (IM1.dcm, IM2.dcm, …); with
 * `study`, the images join that study (new images of it, as a retake sends), numbered from `from`.
 */
export async function writeStudyFolder(
  folder: string,
  patient: { name: string; id: string },
  count: number,
  opts: { study?: { studyInstanceUid: string; seriesInstanceUid: string }; from?: number } = {},
): Promise<StudyFolder> {
  fs.mkdirSync(folder, { recursive: true });
  const from = opts.from ?? 1;
  let study = opts.study && {
    studyInstanceUid: opts.study.studyInstanceUid,
    seriesInstanceUid: opts.study.seriesInstanceUid,
  };
  const files: string[] = [];
  const sopInstanceUids: string[] = [];
  for (let n = from; n < from + count; n++) {
    const image = await writeCxr(path.join(folder, `IM${n}.dcm`), 'explicitLE', {
      rows: 320,
      columns: 320,
      patient,
      ...(study
        ? {
            study: { studyInstanceUid: study.studyInstanceUid },
            seriesInstanceUid: study.seriesInstanceUid,
          }
        : {}),
      instanceNumber: n,
      seed: n,
    });
    study ??= {
      studyInstanceUid: image.studyInstanceUid,
      seriesInstanceUid: image.seriesInstanceUid,
    };
    files.push(image.path);
    sopInstanceUids.push(image.sopInstanceUid);
  }
  return { ...study!, folder, files, sopInstanceUids };
}

/**
 * On the Send images page, with `count` images chosen and checked: sends them, cuts the link
 * once some bytes of the first image are through, brings it back, and waits until every image
 * says "Received by the centre". `whileSending` runs before the cut (a screenshot of progress).
 */
export async function sendWithOneCut(
  page: Page,
  cdp: CDPSession,
  count: number,
  opts: { whileSending?: () => Promise<unknown>; failedShot?: string } = {},
): Promise<void> {
  await page
    .getByText('Looks right')
    .nth(count - 1)
    .waitFor();
  await page.getByRole('button', { name: `Send ${count} image${count === 1 ? '' : 's'}` }).click();
  await page
    .getByText(/^\d+ KB of /)
    .first()
    .waitFor({ timeout: 30_000 });
  if (opts.whileSending) await opts.whileSending();
  const failed = page.waitForEvent('requestfailed', { timeout: 30_000 });
  await cdp.send('Network.emulateNetworkConditions', { offline: true, ...THIN_LINK });
  await failed;
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...THIN_LINK });
  try {
    await expect
      .poll(() => page.getByText('Received by the centre').count(), { timeout: 90_000 })
      .toBe(count);
  } catch (e) {
    await shot(page, opts.failedShot ?? 'send-failed');
    throw e;
  }
}

/** The SOP Instance UIDs of a study, as `username`'s archive view (DICOMweb) lists them. */
export async function instancesSeenBy(
  baseUrl: string,
  studyUid: string,
  username: string,
): Promise<string[]> {
  const res = await fetch(`${baseUrl}/dicomweb/studies/${studyUid}/instances`, {
    headers: {
      authorization: `Basic ${Buffer.from(`${username}:telerad-demo`).toString('base64')}`,
      accept: 'application/dicom+json',
    },
  });
  if (res.status !== 200) return [];
  const body = (await res.json()) as { '00080018'?: { Value?: string[] } }[];
  return body.map((i) => i['00080018']?.Value?.[0] ?? '');
}
