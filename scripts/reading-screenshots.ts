/**
 * Screenshots of the reading screen with a real-size CXR (2500×2048, 12-bit) and its prior, in
 * headless Chromium against a fresh demo server: the study alone, on a tablet held upright (the
 * report under the image, then folded away), with the prior compared, and with a PA + lateral
 * study. Writes PNGs to the directory given (default .tmp/screenshots/reading).
 *
 *   node --import tsx scripts/reading-screenshots.ts [outDir]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeCxr } from '../apps/server/src/testing/dicomFixtures';
import { startServer } from '../apps/server/src/testing/serverProcess';
import { launchBrowser, newPage } from '../e2e/support/browser';
import { LoginPage } from '../e2e/support/pages';
import { apiLogin, openAllCentres } from '../e2e/support/api';
import { stowFiles, waitForFullRender, waitForTask } from '../e2e/support/reading';

const out = path.resolve(process.argv[2] ?? '.tmp/screenshots/reading');
fs.mkdirSync(out, { recursive: true });
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-shots-'));
const server = await startServer({
  env: { TELERAD_STABLE_SECONDS: '1', TELERAD_DEMO_STUDIES: '0' },
});
const browser = await launchBrowser();
try {
  await openAllCentres(server.url);
  const patient = {
    name: 'SANTOS^MARIA CLARA',
    id: 'PH-SHOT-1',
    birthDate: '19910412',
    sex: 'F' as const,
  };
  const size = { rows: 2500, columns: 2048 };
  const prior = await writeCxr(path.join(work, 'prior.dcm'), 'explicitLE', {
    ...size,
    seed: 7,
    patient,
    study: {
      studyDate: '20240611',
      description: 'Chest PA',
      institutionName: 'Manila Panel Clinic',
    },
  });
  const current = await writeCxr(path.join(work, 'current.dcm'), 'htj2kLossless', {
    ...size,
    seed: 8,
    patient,
    study: {
      studyDate: '20261120',
      description: 'Chest PA',
      institutionName: 'Manila Panel Clinic',
    },
  });
  await stowFiles(server.url, [prior.path]);
  await stowFiles(server.url, [current.path]);
  const reader = await apiLogin(server.url, 'radiologist');
  const taskId = await waitForTask(server.url, reader, current.studyInstanceUid, patient.id);

  const { page } = await newPage(browser, server.url);
  await page.setViewportSize({ width: 1920, height: 1080 });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning')
      console.warn(`[page ${m.type()}] ${m.text()}`);
  });
  page.on('pageerror', (e) => console.warn(`[page error] ${e.message}`));
  await new LoginPage(page).open().then((l) => l.signIn('radiologist'));
  const since = Date.now();
  await page.goto(`/read/${taskId}`);
  await waitForFullRender(page, { ...size, since }).catch(async (e: unknown) => {
    await page.screenshot({ path: path.join(out, 'failed.png') });
    console.warn(await page.evaluate(() => JSON.stringify(window.__viewerEvents ?? [])));
    throw e;
  });
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(out, 'reading-current.png') });
  // A tablet held upright: the report under the image, then folded away for a larger image.
  await page.setViewportSize({ width: 820, height: 1180 });
  await page.locator('[data-testid="reading-layout"][data-layout="portrait"]').waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(out, 'reading-tablet-upright.png') });
  await page.getByRole('button', { name: /Fold away/ }).click();
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(out, 'reading-tablet-folded.png') });
  await page.getByRole('button', { name: /Show the report/ }).click();
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.locator('[data-testid="reading-layout"][data-layout="landscape"]').waitFor();
  // The clinic serves several programmes: the form picker, open.
  await page.getByRole('combobox', { name: 'Report form' }).click();
  await page.getByRole('option').first().waitFor();
  await page.screenshot({ path: path.join(out, 'reading-form-picker.png') });
  await page.keyboard.press('Escape');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const compareSince = Date.now();
  await page.keyboard.press('c');
  await waitForFullRender(page, { ...size, since: compareSince, viewportId: 'vp-1' });
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(out, 'reading-compare-prior.png') });
  await page.keyboard.press('?');
  await page.getByText('Viewer shortcuts').waitFor();
  await page.screenshot({ path: path.join(out, 'reading-help.png') });

  // A PA + lateral study hangs side by side (protocol "PA and lateral").
  const pa = await writeCxr(path.join(work, 'pa.dcm'), 'jpegLsLossless', {
    ...size,
    seed: 9,
    patient: { name: 'OKAFOR^GRACE', id: 'KE-SHOT-2', birthDate: '19850203', sex: 'F' },
    study: { studyDate: '20261121', description: 'Chest PA and lateral' },
  });
  const lateral = await writeCxr(path.join(work, 'lat.dcm'), 'jpegLsLossless', {
    ...size,
    seed: 9, // same seed: same accession and study attributes as the PA
    view: 'LATERAL',
    seriesNumber: 2,
    patient: { name: 'OKAFOR^GRACE', id: 'KE-SHOT-2', birthDate: '19850203', sex: 'F' },
    study: {
      studyInstanceUid: pa.studyInstanceUid,
      studyDate: '20261121',
      description: 'Chest PA and lateral',
    },
  });
  await stowFiles(server.url, [pa.path, lateral.path]);
  const latSince = Date.now();
  await page.goto(`/studies/${pa.studyInstanceUid}/view`);
  await waitForFullRender(page, { ...size, since: latSince, viewportId: 'vp-1' });
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(out, 'reading-pa-lateral.png') });
  console.log(`screenshots in ${out}`);
} finally {
  await browser.close();
  await server.stop();
  fs.rmSync(server.dataDir, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
}
