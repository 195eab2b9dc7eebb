/**
 * The teaching file end to end: a radiologist flags two studies from the viewer screen (Alt+T,
 * with a note), a quality officer builds a session from them in the order chosen, and the
 * session's cases open in the viewer, de-identified: the images render, the original patient's
 * name and ID appear nowhere on the page, and J/K step from case to case. Set
 * TELERAD_SCREENSHOTS=<dir> to keep screenshots of the flag dialog, the builder and the viewer.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeCxr } from '../apps/server/src/testing/dicomFixtures';
import { launchBrowser } from './support/browser';
import { stowFiles, waitForFullRender } from './support/reading';
import { signedIn } from './support/reportPages';
import { shotsAtBothWidths } from './support/screenshots';

let browser: Browser;
const baseUrl = inject('baseUrl');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-e2e-teaching-'));
const run = Date.now().toString(36).toUpperCase();

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Flags the study open on the viewer screen with `note`, by the Alt+T key. */
async function flagOnViewer(page: Page, studyUid: string, family: string, note: string) {
  await page.goto(`/studies/${studyUid}/view`);
  await page.getByText(new RegExp(family)).first().waitFor();
  const button = page.getByRole('button', { name: /^Teaching case$/ });
  await button.waitFor();
  await page.keyboard.press('Alt+KeyT');
  const dialog = page.getByRole('dialog', { name: 'Flag for the teaching file' });
  await dialog.waitFor();
  await dialog.getByRole('textbox', { name: 'What makes it worth showing' }).fill(note);
  return dialog;
}

describe('a teaching session from flagged cases', () => {
  it('is flagged by a reader, built by QA and viewed de-identified with J/K', async () => {
    const studies = [] as { uid: string; family: string; id: string; note: string }[];
    for (const [i, family] of ['TEACHORIG', 'TEACHSECOND'].entries()) {
      const id = `E2E-TEACH-${run}-${i}`;
      const file = await writeCxr(path.join(dir, `case-${i}.dcm`), 'explicitLE', {
        rows: 128,
        columns: 128 + i * 16,
        seed: 40 + i,
        patient: { name: `${family}^MARIA`, id, birthDate: '19850101' },
      });
      await stowFiles(baseUrl, [file.path]);
      studies.push({
        uid: file.studyInstanceUid,
        family,
        id,
        note: `${run} ${i === 0 ? 'Miliary nodules, both lungs' : 'Right apical cavity'}`,
      });
    }

    // The radiologist flags both from the viewer screen.
    const reader = await signedIn(browser, baseUrl, 'radiologist');
    for (const [i, s] of studies.entries()) {
      const dialog = await flagOnViewer(reader, s.uid, s.family, s.note);
      if (i === 0) await shotsAtBothWidths(reader, 'teaching-flag-dialog');
      await dialog.getByRole('button', { name: 'Flag case' }).click();
      await reader.getByRole('button', { name: 'Teaching case ✓' }).waitFor();
    }

    // QA builds the session: the second case first.
    const qa = await signedIn(browser, baseUrl, 'qa');
    await qa.goto('/teaching');
    await qa.getByRole('heading', { name: 'Teaching sessions' }).waitFor();
    await qa.getByRole('button', { name: 'New session' }).click();
    const drawer = qa.getByRole('dialog', { name: 'New teaching session' });
    await drawer.waitFor();
    await drawer.getByRole('textbox', { name: 'Title' }).fill(`TB patterns ${run}`);
    for (const s of [studies[1]!, studies[0]!])
      await drawer.getByRole('checkbox', { name: new RegExp(s.note) }).check();
    expect(await drawer.getByTestId('chosen-case').count()).toBe(2);
    // The builder shows what the readers wrote, never the patient.
    const builderText = await drawer.innerText();
    for (const s of studies) {
      expect(builderText).not.toContain(s.family);
      expect(builderText).not.toContain(s.id);
    }
    await shotsAtBothWidths(qa, 'teaching-session-builder');
    const frames: string[] = [];
    qa.on('request', (r) => {
      if (r.url().includes('/frames/')) frames.push(new URL(r.url()).pathname);
    });
    await drawer.getByRole('button', { name: 'Build session' }).click();
    await qa.waitForURL(/\/teaching\/[0-9a-f-]{36}(\?.*)?$/);

    // The session opens on its first case: de-identified, rendered through the teaching paths.
    const since = Date.now() - 60_000;
    await waitForFullRender(qa, { rows: 128, columns: 144, since });
    await qa.getByTestId('teaching-current-note').getByText(studies[1]!.note).waitFor();
    const body = async () => qa.locator('body').innerText();
    for (const s of studies) {
      expect(await body()).not.toContain(s.family);
      expect(await body()).not.toContain(s.id);
    }
    expect(await body()).toContain('TEACHING');
    await shotsAtBothWidths(qa, 'teaching-session-viewer');

    // J steps to the next case, K back.
    const next = Date.now();
    await qa.locator('body').press('j');
    await qa.waitForURL(/[?&]case=2/);
    await waitForFullRender(qa, { rows: 128, columns: 128, since: next });
    await qa.getByTestId('teaching-current-note').getByText(studies[0]!.note).waitFor();
    expect(await body()).not.toContain(studies[0]!.family);
    await qa.locator('body').press('k');
    await qa.waitForURL(/[?&]case=1/);
    // Every image came from a teaching case, never from the archive's WADO-RS.
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.every((p) => p.startsWith('/api/teaching/cases/'))).toBe(true);
    for (const s of studies) expect(frames.some((p) => p.includes(s.uid))).toBe(false);

    // The session is listed for the staff who attend it.
    await qa.getByRole('link', { name: 'Teaching sessions' }).first().click();
    await qa
      .getByTestId('teaching-session')
      .filter({ hasText: `TB patterns ${run}` })
      .waitFor();
    await shotsAtBothWidths(qa, 'teaching-sessions');

    await reader.context().close();
    await qa.context().close();
  });
});
