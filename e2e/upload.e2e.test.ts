import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeCxr } from '../apps/server/src/testing/dicomFixtures';
import { apiLogin, openAllCentres } from './support/api';
import { launchBrowser, newPage } from './support/browser';
import { shot, shotsAtBothWidths } from './support/screenshots';
import { LoginPage, navigate } from './support/pages';
import { waitForTask } from './support/reading';

// Issue 19 §2: a clinic without a sending box sends a folder of images from the browser over a
// thin, flaky link (750 kbit/s, 300 ms, emulated by Chromium through CDP); the link is cut once
// mid-upload; every image arrives exactly once and the study reaches a radiologist's worklist.

const baseUrl = inject('baseUrl');
let browser: Browser;
let dir: string;

beforeAll(async () => {
  browser = await launchBrowser();
  await openAllCentres(baseUrl);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-e2e-upload-'));
});
afterAll(async () => {
  await browser?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const KBIT = 1000 / 8;
const THIN = { latency: 300, downloadThroughput: 750 * KBIT, uploadThroughput: 750 * KBIT };

describe('send images from the browser', () => {
  it('sends a folder of three images over a cut 750 kbit/s link: each stored once, the study on the worklist', async () => {
    const folder = path.join(dir, 'APPLICANT');
    fs.mkdirSync(folder);
    const patient = { name: 'UPLOAD^FOLDER', id: `UP-${Date.now()}` };
    const first = await writeCxr(path.join(folder, 'IM1.dcm'), 'explicitLE', {
      rows: 320,
      columns: 320,
      patient,
      instanceNumber: 1,
    });
    const study = { studyInstanceUid: first.studyInstanceUid };
    for (const n of [2, 3])
      await writeCxr(path.join(folder, `IM${n}.dcm`), 'explicitLE', {
        rows: 320,
        columns: 320,
        patient,
        study,
        seriesInstanceUid: first.seriesInstanceUid,
        instanceNumber: n,
        seed: n,
      });

    const { context, page } = await newPage(browser, baseUrl);
    await new LoginPage(page).open().then((l) => l.signIn('clinic1'));
    await navigate(page, 'Send images');
    await page.getByText('No images chosen yet').waitFor();
    await shotsAtBothWidths(page, 'send-empty', { fullPage: true });

    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...THIN });

    await page.getByTestId('choose-folder').setInputFiles(folder);
    const rows = page.getByTestId('upload-row');
    await expect.poll(() => rows.count()).toBe(3);
    await page.getByText('Looks right').nth(2).waitFor();
    await page.getByRole('button', { name: 'Send 3 image(s)' }).click();

    // Cut the link once some bytes of the first image are through, then bring it back.
    await page
      .getByText(/^\d+ KB of /)
      .first()
      .waitFor({ timeout: 30_000 });
    await shotsAtBothWidths(page, 'send-progress', { fullPage: true });
    const failed = page.waitForEvent('requestfailed', { timeout: 30_000 });
    await cdp.send('Network.emulateNetworkConditions', { offline: true, ...THIN });
    await failed;
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...THIN });

    try {
      await expect
        .poll(() => page.getByText('Received by the centre').count(), { timeout: 90_000 })
        .toBe(3);
    } catch (e) {
      await shot(page, 'send-failed');
      throw e;
    }
    await shotsAtBothWidths(page, 'send-results', { fullPage: true });

    // Exactly three instances in the study, as the clinic's archive view sees it.
    const res = await fetch(`${baseUrl}/dicomweb/studies/${first.studyInstanceUid}/instances`, {
      headers: {
        authorization: `Basic ${Buffer.from('clinic1:telerad-demo').toString('base64')}`,
        accept: 'application/dicom+json',
      },
    });
    expect(res.status).toBe(200);
    expect((await res.json()) as unknown[]).toHaveLength(3);

    // The study reaches a radiologist's worklist.
    const radiologist = await apiLogin(baseUrl, 'radiologist');
    await waitForTask(baseUrl, radiologist, first.studyInstanceUid, patient.id, 60_000);

    // A file that is not an image is stopped in the browser, with no way to send it anyway.
    const letter = path.join(dir, 'letter.pdf');
    fs.writeFileSync(letter, '%PDF-1.4 referral letter\n'.repeat(4000));
    await page.getByTestId('choose-files').setInputFiles(letter);
    await page.getByText('This is not an X-ray image file').waitFor();
    await expect.poll(() => page.getByRole('button', { name: /^Send \d/ }).count()).toBe(0);
    await shotsAtBothWidths(page, 'send-warning', { fullPage: true });
    await context.close();
  }, 180_000);
});
