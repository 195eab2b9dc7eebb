import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeCxr, type WrittenFile } from '../apps/server/src/testing/dicomFixtures';
import { launchBrowser, newPage } from './support/browser';
import { LoginPage } from './support/pages';
import { apiLogin, openAllCentres } from './support/api';
import { stowFiles, waitForFullRender, waitForTask } from './support/reading';

let browser: Browser;
const baseUrl = inject('baseUrl');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-e2e-annotations-'));
const SIZE = { rows: 256, columns: 256 };
const PATIENT = {
  name: 'MARKS^LUCIA',
  id: 'E2E-ANNOT-1',
  birthDate: '19880101',
  sex: 'F' as const,
};
let study: WrittenFile;
let taskId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  await openAllCentres(baseUrl);
  study = await writeCxr(path.join(dir, 'cxr.dcm'), 'explicitLE', {
    ...SIZE,
    seed: 41,
    patient: PATIENT,
  });
  await stowFiles(baseUrl, [study.path]);
  taskId = await waitForTask(
    baseUrl,
    await apiLogin(baseUrl, 'admin'),
    study.studyInstanceUid,
    PATIENT.id,
  );
});
afterAll(async () => {
  await browser?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface SavedDraft {
  revision: number;
  annotations: { tool: string; measurement?: { value: number; unit: string } }[];
}

/** The revision and annotations of the task's saved draft, as the server has them. */
async function savedDraft(page: Page): Promise<SavedDraft> {
  const res = await page.request.get(`/api/tasks/${taskId}/report`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { report: SavedDraft }).report;
}

describe('annotations saved with the draft', () => {
  it('come back on the image when the reader reopens the task, without a new save', async () => {
    const { page, context } = await newPage(browser, baseUrl);
    await new LoginPage(page).open().then((l) => l.signIn('radiologist'));
    let since = Date.now();
    await page.goto(`/read/${taskId}`);
    await waitForFullRender(page, { ...SIZE, since, viewportId: 'vp-0' });

    // L, then a drag: one length measurement, autosaved with the draft.
    const box = (await page.getByTestId('viewport-element').first().boundingBox())!;
    const c = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await page.keyboard.press('l');
    await page.mouse.move(c.x - 80, c.y - 40);
    await page.mouse.down();
    await page.mouse.move(c.x + 40, c.y + 30, { steps: 10 });
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('annotation-count').innerText()).toBe('1');
    await page.getByText(/^Saved \d/).waitFor({ timeout: 15_000 });
    const before = await savedDraft(page);
    expect(before.annotations).toHaveLength(1);
    const measured = before.annotations[0]!.measurement!.value;
    expect(measured).toBeGreaterThan(0);

    // Reload: the draft's measurement is back on the image, measuring the same.
    since = Date.now();
    await page.reload();
    await waitForFullRender(page, { ...SIZE, since, viewportId: 'vp-0' });
    await expect.poll(() => page.getByTestId('annotation-count').innerText()).toBe('1');
    // The same length (points are saved to 0.01 px, so the last digit may move).
    const mm = (text: string) => Number(/Length: ([\d.]+) mm/.exec(text)?.[1] ?? NaN);
    await expect
      .poll(async () => mm(await page.locator('[data-annotation-tool="length"]').innerText()))
      .toBeCloseTo(measured, 1);
    expect(await page.getByText('Unsaved', { exact: true }).count()).toBe(0);
    await expect(page.getByText(/^Saved \d/).isVisible()).resolves.toBe(true);

    // Putting the marks back was no edit: leaving saves nothing new (any unsaved change would
    // be sent on the way out).
    await page.getByRole('link', { name: 'Worklist' }).first().click();
    await page.waitForURL(/\/worklist/);
    const after = await savedDraft(page);
    expect(after.revision).toBe(before.revision);
    expect(after.annotations).toEqual(before.annotations);
    await context.close();
  });
});
