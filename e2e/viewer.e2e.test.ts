import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeCxr, type WrittenFile } from '../apps/server/src/testing/dicomFixtures';
import { launchBrowser, newPage } from './support/browser';
import { LoginPage, navigate } from './support/pages';
import { apiLogin, openAllCentres } from './support/api';
import { canvasStats, stowFiles, waitForFullRender, waitForTask } from './support/reading';

let browser: Browser;
const baseUrl = inject('baseUrl');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-e2e-viewer-'));
const SIZE = { rows: 512, columns: 416 };
const PATIENT = {
  name: 'VIEWER^AMINA',
  id: 'E2E-VIEW-1',
  birthDate: '19900101',
  sex: 'F' as const,
};
let current: WrittenFile;
let prior: WrittenFile;
let htj2k: WrittenFile;
let rpcl: WrittenFile;
let taskId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  await openAllCentres(baseUrl);
  // The prior is JPEG 2000 and MONOCHROME1 (a CR), the current uncompressed MONOCHROME2 (a DX).
  prior = await writeCxr(path.join(dir, 'prior.dcm'), 'j2kLossless', {
    ...SIZE,
    seed: 31,
    modality: 'CR',
    photometric: 'MONOCHROME1',
    patient: PATIENT,
    study: { studyDate: '20240301' },
  });
  current = await writeCxr(path.join(dir, 'current.dcm'), 'explicitLE', {
    ...SIZE,
    seed: 32,
    patient: PATIENT,
    study: { studyDate: '20261101' },
  });
  htj2k = await writeCxr(path.join(dir, 'htj2k.dcm'), 'htj2kLossless', {
    ...SIZE,
    seed: 33,
    patient: { name: 'VIEWER^HT', id: 'E2E-VIEW-2' },
  });
  // HTJ2K with RPCL progression streams: the viewer draws it while the frame still arrives.
  rpcl = await writeCxr(path.join(dir, 'rpcl.dcm'), 'htj2kRpclLossless', {
    ...SIZE,
    seed: 34,
    modality: 'CR',
    photometric: 'MONOCHROME1',
    patient: { name: 'VIEWER^RPCL', id: 'E2E-VIEW-3' },
  });
  await stowFiles(baseUrl, [rpcl.path]);
  await stowFiles(baseUrl, [prior.path]);
  await stowFiles(baseUrl, [current.path]);
  await stowFiles(baseUrl, [htj2k.path]);
  const reader = await apiLogin(baseUrl, 'admin');
  taskId = await waitForTask(baseUrl, reader, current.studyInstanceUid, PATIENT.id);
});
afterAll(async () => {
  await browser?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The centre of viewport `index` on the page. */
async function viewportCentre(page: Page, index = 0): Promise<{ x: number; y: number }> {
  const box = await page.getByTestId('viewport-element').nth(index).boundingBox();
  if (!box) throw new Error('viewport not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

describe('diagnostic viewer', () => {
  it('a radiologist claims a task and reads it: image shown, window adjusted, length measured, prior compared', async () => {
    const { page, context } = await newPage(browser, baseUrl);
    await new LoginPage(page).open().then((l) => l.signIn('radiologist'));
    await navigate(page, 'Worklist');
    const row = page.locator(`tr[data-task-id="${taskId}"]`);
    await row.waitFor({ timeout: 20_000 });
    const since = Date.now();
    await row.click();
    await page.waitForURL(new RegExp(`/read/${taskId}$`));
    // Opening it claimed it for the reader.
    const admin = await apiLogin(baseUrl, 'admin');
    const list = (await (
      await fetch(`${baseUrl}/api/worklist?state=all&q=${PATIENT.id}`, {
        headers: { cookie: admin.cookie },
      })
    ).json()) as { tasks: { id: string; state: string; assigneeName: string | null }[] };
    expect(list.tasks.find((t) => t.id === taskId)?.state).toBe('in_progress');
    await waitForFullRender(page, { ...SIZE, since, viewportId: 'vp-0' });
    const shown = await canvasStats(page, 0);
    expect(shown.nonBlack).toBeGreaterThan(shown.width * shown.height * 0.1);
    expect(shown.distinct).toBeGreaterThan(20);
    await expect
      .poll(() => page.locator('[data-overlay="top-left"]').innerText())
      .toContain('VIEWER, AMINA');

    // Right drag adjusts the window: the overlay's W/L and the pixels change.
    const c = await viewportCentre(page);
    await page.mouse.move(c.x, c.y);
    await page.mouse.down({ button: 'right' });
    await page.mouse.move(c.x + 60, c.y + 90, { steps: 8 });
    await page.mouse.up({ button: 'right' });
    await expect.poll(async () => (await canvasStats(page, 0)).sum).not.toBe(shown.sum);
    await expect
      .poll(() => page.locator('[data-overlay="bottom-right"]').innerText())
      .toMatch(/W \d+ \/ L \d+/);

    // L, then a drag: a length measurement, listed as an annotation in mm.
    await page.keyboard.press('l');
    await expect
      .poll(() => page.getByRole('button', { name: 'Length' }).getAttribute('aria-pressed'))
      .toBe('true');
    await page.mouse.move(c.x - 80, c.y - 40);
    await page.mouse.down();
    await page.mouse.move(c.x + 40, c.y + 30, { steps: 10 });
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('annotation-count').innerText()).toBe('1');
    await expect
      .poll(() => page.locator('[data-annotation-tool="length"]').innerText())
      .toMatch(/Length: [\d.]+ mm/);

    // T, then a drag: an arrow, labelled in the prompt.
    await page.keyboard.press('t');
    await page.mouse.move(c.x + 60, c.y - 60);
    await page.mouse.down();
    await page.mouse.move(c.x + 20, c.y - 20, { steps: 6 });
    await page.mouse.up();
    await page.getByRole('textbox', { name: 'Arrow text' }).fill('RUZ opacity');
    await page.getByRole('button', { name: 'Place' }).click();
    await expect.poll(() => page.getByTestId('annotation-count').innerText()).toBe('2');
    await expect
      .poll(() => page.locator('[data-annotation-tool="arrow"]').innerText())
      .toContain('RUZ opacity');

    // C: the prior (JPEG 2000, MONOCHROME1) beside the current, not blank.
    const compareSince = Date.now();
    await page.keyboard.press('c');
    await waitForFullRender(page, { ...SIZE, since: compareSince, viewportId: 'vp-1' });
    const priorShown = await canvasStats(page, 1);
    expect(priorShown.nonBlack).toBeGreaterThan(priorShown.width * priorShown.height * 0.1);
    expect(priorShown.distinct).toBeGreaterThan(20);
    expect(await page.locator('[data-viewport="vp-1"]').getAttribute('data-sop-uid')).toBe(
      prior.sopInstanceUid,
    );
    await context.close();
  });

  it('shows HTJ2K studies (plain and progressive RPCL) from the study browser, not blank', async () => {
    const { page, context } = await newPage(browser, baseUrl);
    await new LoginPage(page).open().then((l) => l.signIn('radiologist'));
    for (const f of [htj2k, rpcl]) {
      const since = Date.now();
      await page.goto(`/studies/${f.studyInstanceUid}/view`);
      await waitForFullRender(page, { ...SIZE, since });
      const shown = await canvasStats(page, 0);
      expect(shown.nonBlack, f.syntax).toBeGreaterThan(shown.width * shown.height * 0.1);
      expect(shown.distinct, f.syntax).toBeGreaterThan(20);
    }
    await context.close();
  });
});
