/**
 * The viewer's blind-first step (docs/adr/0043) end to end in the running demo server: a CXR
 * and the CAD's heatmap (a Secondary Capture of the same study, made by DCMTK's img2dcm and sent
 * by C-STORE through the ingest path) arrive from DEMO1, the CAD posts its score with a box to the
 * webhook. The radiologist opens the read: the CAD strip shows no score, they choose Normal, the
 * score appears with its band and version, the heatmap lies over the image, and O turns it off.
 * Set TELERAD_SCREENSHOTS=<dir> to keep screenshots of the blind step and the revealed state.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCall, apiLogin, openAllCentres } from './support/api';
import { launchBrowser } from './support/browser';
import { postCadResult, setUpCad } from './support/cad';
import { navigate } from './support/pages';
import { waitForFullRender, waitForTask } from './support/reading';
import { sendCxr, signedIn } from './support/reportPages';
import { shotsAtBothWidths } from './support/screenshots';

let browser: Browser;
const baseUrl = inject('baseUrl');
const dicomPort = inject('dicomPort');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-e2e-cad-'));

beforeAll(async () => {
  browser = await launchBrowser();
  await openAllCentres(baseUrl);
});
afterAll(async () => {
  await browser?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * A heatmap as a CAD sends it: a Secondary Capture (PS3.3 §A.8.1) of study `studyUid`, a warm
 * blob on black, sent by C-STORE as DEMO1. Answers its SOP Instance UID.
 */
function sendHeatmap(studyUid: string, patient: { name: string; id: string }): string {
  const sopUid = `2.25.${BigInt(`0x${crypto.randomUUID().replaceAll('-', '')}`)}`;
  const bmp = path.join(dir, 'heat.bmp');
  const dcm = path.join(dir, 'heat.dcm');
  fs.writeFileSync(bmp, heatBmp(256, 256, { x: 90, y: 100, sigma: 28 }));
  execFileSync('img2dcm', [
    '--input-format',
    'BMP',
    bmp,
    dcm,
    '-k',
    `StudyInstanceUID=${studyUid}`,
    '-k',
    `SOPInstanceUID=${sopUid}`,
    '-k',
    `PatientName=${patient.name}`,
    '-k',
    `PatientID=${patient.id}`,
    '-k',
    'SeriesDescription=CAD heatmap',
    '-k',
    'Modality=OT',
  ]);
  execFileSync('storescu', [
    '-aet',
    'DEMO1',
    '-aec',
    'TELERAD',
    '127.0.0.1',
    String(dicomPort),
    dcm,
  ]);
  return sopUid;
}

/** A 24-bit BMP (bottom-up rows, BGR) of a warm Gaussian blob at `spot` on black. */
function heatBmp(width: number, height: number, spot: { x: number; y: number; sigma: number }) {
  const rowBytes = Math.ceil((width * 3) / 4) * 4;
  const out = Buffer.alloc(54 + rowBytes * height);
  out.write('BM', 0);
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(54, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(width, 18);
  out.writeInt32LE(height, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(24, 28);
  out.writeUInt32LE(rowBytes * height, 34);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const d2 = (x - spot.x) ** 2 + (y - spot.y) ** 2;
      const i = Math.exp(-d2 / (2 * spot.sigma ** 2));
      const at = 54 + (height - 1 - y) * rowBytes + x * 3;
      out[at] = 0;
      out[at + 1] = Math.round(90 * i);
      out[at + 2] = Math.round(255 * i);
    }
  return out;
}

describe('CAD in the viewer, blind first', () => {
  it('hides the score until the reader’s first impression, then shows it and the heatmap', async () => {
    const reader = await apiLogin(baseUrl, 'radiologist');
    // DEMO1 screens for several programmes and none is chosen: the general thresholds apply,
    // and GENERAL is blind first by default.
    const { token, version } = await setUpCad(baseUrl, {
      product: { name: 'CAD4TB', vendor: 'Delft Imaging', version: `7.1.${Date.now()}` },
      thresholds: { operating: 50, triage: 90, note: 'e2e blind first' },
      integration: 'E2E CAD4TB viewer',
    });

    const patient = { name: 'CADVIEW^BLIND', id: `E2E-CADV-${Date.now() % 100000}` };
    const studyUid = await sendCxr(dicomPort, 'DEMO1', patient);
    const heatmapUid = sendHeatmap(studyUid, patient);
    const taskId = await waitForTask(baseUrl, reader, studyUid, patient.id);
    const res = await postCadResult(baseUrl, token, {
      studyInstanceUid: studyUid,
      product: { name: 'CAD4TB', version },
      score: 77,
      heatmapSopInstanceUid: heatmapUid,
      labels: [{ label: 'TB', probability: 0.77, box: { x: 50, y: 60, width: 80, height: 80 } }],
    });
    expect(res.status, await res.text()).toBe(200);

    const page = await signedIn(browser, baseUrl, 'radiologist');
    const since = Date.now();
    await page.goto(`${baseUrl}/read/${taskId}`);
    const strip = page.getByRole('region', { name: 'CAD' });
    await strip.getByText('Hidden until your first impression').waitFor();
    await waitForFullRender(page, { rows: 256, columns: 256, since, viewportId: 'vp-0' });
    // Blind: nothing of the result on the page.
    expect(await strip.textContent()).not.toMatch(/77|CAD4TB|Abnormal ·/);
    expect(await page.getByTestId('cad-overlay').count()).toBe(0);
    await shotsAtBothWidths(page, 'cad-viewer-blind');
    // The help lists the CAD strip's keys beside the viewer's.
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Viewer shortcuts' });
    await help.getByText('First impression: normal').waitFor();
    await help.getByText('CAD overlay on / off').waitFor();
    await shotsAtBothWidths(page, 'viewer-help');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });

    await page.keyboard.press('n');
    const badge = strip.getByLabel('CAD score 77, Abnormal');
    await badge.waitFor();
    await strip.getByText(`CAD4TB ${version}`).waitFor();
    await strip.getByText('Your first impression:').waitFor();
    expect(await strip.textContent()).toContain('Normal');
    const heatmap = page.getByTestId('cad-heatmap');
    await heatmap.waitFor();
    await page.waitForFunction(
      () => {
        const img = document.querySelector<HTMLImageElement>('[data-testid="cad-heatmap"]');
        return !!img && img.complete && img.naturalWidth === 256;
      },
      undefined,
      { polling: 'raf' },
    );
    const box = await page.getByTestId('cad-overlay').boundingBox();
    const viewport = await page.getByTestId('viewport-element').first().boundingBox();
    // The overlay covers the image, inside its viewport.
    expect(box!.width).toBeGreaterThan(100);
    expect(box!.x).toBeGreaterThanOrEqual(viewport!.x - 1);
    expect(box!.x + box!.width).toBeLessThanOrEqual(viewport!.x + viewport!.width + 1);
    await shotsAtBothWidths(page, 'cad-viewer-revealed');

    await page.keyboard.press('o');
    await page.getByTestId('cad-overlay').waitFor({ state: 'detached' });
    expect(await page.getByRole('switch', { name: 'Show the CAD heatmap' }).isChecked()).toBe(
      false,
    );
    await page.getByRole('switch', { name: 'Show the CAD heatmap' }).click();
    await page.getByTestId('cad-overlay').waitFor();

    // Recorded once, with the score it unlocked.
    const answer = await apiCall<{ preliminary: { choice: string; cad: { score: number } } }>(
      baseUrl,
      reader,
      'GET',
      `/api/tasks/${taskId}/cad`,
    );
    expect(answer.preliminary).toMatchObject({ choice: 'normal', cad: { score: 77 } });
    // Leave the read for others: release the claim.
    await apiCall(baseUrl, reader, 'POST', `/api/tasks/${taskId}/release`);
    await page.context().close();
  });
});

describe('CAD visibility per programme', () => {
  it('shows QA each programme’s visibility, blind first by default', async () => {
    const page = await signedIn(browser, baseUrl, 'qa');
    await navigate(page, 'CAD in the viewer');
    const table = page.getByRole('table', { name: 'CAD visibility per programme' });
    const general = table.locator('tr[data-programme="GENERAL"]');
    await general.waitFor();
    const blind = general.getByRole('radio', { name: 'Blind first' });
    expect(await blind.isChecked()).toBe(true);
    await shotsAtBothWidths(page, 'cad-visibility');
    await page.context().close();
  });
});
