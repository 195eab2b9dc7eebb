/**
 * Retakes end to end: a radiologist asks for a retake from the reading screen (its key opens the
 * dialog), the study leaves the worklist, the clinic sees the request on the study page and takes
 * it on by name, sends new images of the same study by STOW-RS, and the study is back on the
 * radiologist's worklist. Set TELERAD_SCREENSHOTS=<dir> to keep screenshots of the dialog and of
 * the clinic's view.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeCxr } from '../apps/server/src/testing/dicomFixtures';
import { launchBrowser } from './support/browser';
import { openAllCentres } from './support/api';
import { navigate } from './support/pages';
import { stowFiles } from './support/reading';
import { claimFromWorklist, signedIn, worklistRow } from './support/reportPages';
import { shotsAtBothWidths } from './support/screenshots';

let browser: Browser;
const baseUrl = inject('baseUrl');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-e2e-retakes-'));
const PATIENT = { name: 'RETAKE^NADIA', id: 'E2E-RETAKE-1', birthDate: '19910101' };

beforeAll(async () => {
  browser = await launchBrowser();
  await openAllCentres(baseUrl);
});
afterAll(async () => {
  await browser?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a retake asked from the reading screen', () => {
  it('leaves the worklist, is acknowledged by the clinic, and comes back with the new images', async () => {
    const first = await writeCxr(path.join(dir, 'first.dcm'), 'explicitLE', {
      rows: 256,
      columns: 256,
      patient: PATIENT,
    });
    await stowFiles(baseUrl, [first.path]);

    const reader = await signedIn(browser, baseUrl, 'radiologist');
    await claimFromWorklist(reader, /RETAKE, NADIA/);
    // The key opens the dialog from anywhere on the reading screen.
    await reader.keyboard.press('Alt+KeyR');
    const dialog = reader.getByRole('dialog', { name: 'Ask the clinic for new images' });
    await dialog.waitFor();
    const send = dialog.getByRole('button', { name: 'Send to the clinic' });
    expect(await send.isDisabled()).toBe(true);
    await dialog.getByRole('checkbox', { name: 'Under-exposed' }).check();
    await dialog.getByRole('checkbox', { name: 'Motion' }).check();
    await dialog
      .getByRole('textbox', { name: 'Note for the clinic' })
      .fill('Too dark and blurred: hold the breath, raise the exposure.');
    await shotsAtBothWidths(reader, 'retake-dialog');
    await send.click();
    // Sent: the reader is back on the worklist, and the study is no longer on it.
    await reader.waitForURL(/\/worklist/);
    await reader.getByText('Retake requested').first().waitFor();
    await reader.getByRole('table', { name: 'Worklist' }).waitFor();
    await worklistRow(reader, /RETAKE, NADIA/).waitFor({ state: 'detached' });

    // The clinic sees why on the study page and takes it on by name.
    const clinic = await signedIn(browser, baseUrl, 'clinic1');
    await clinic.goto(`/studies/${first.studyInstanceUid}`);
    const reports = clinic.getByRole('region', { name: 'Reports', exact: true });
    await reports.getByText('Retake requested').waitFor();
    const text = await reports.innerText();
    expect(text).toContain('Under-exposed; Motion');
    expect(text).toContain('hold the breath');
    expect(text).toContain('Nobody at the clinic has taken this on yet.');
    await shotsAtBothWidths(clinic, 'retake-clinic-request', { fullPage: true });
    await reports.getByRole('button', { name: 'We will take new images' }).click();
    await reports.getByText(/Taken on by Clinic One Technician/).waitFor();
    await shotsAtBothWidths(clinic, 'retake-clinic-study', { fullPage: true });
    // Clinic words: no DICOM vocabulary in the request the clinic reads.
    expect(await reports.innerText()).not.toMatch(
      /study instance uid|modality|\bseries\b|\bSOP\b|AE title/i,
    );
    // The clinic user reading in French sees the request in French.
    const session = (await (await clinic.request.get('/api/auth/session')).json()) as {
      csrfToken: string;
    };
    const french = await clinic.request.put('/api/auth/language', {
      data: { language: 'fr' },
      headers: { 'x-csrf-token': session.csrfToken },
    });
    expect(french.status()).toBe(200);
    // clinic1 is shared by every e2e file on this server: its own language choice goes back to
    // following its clinic whatever happens below.
    try {
      await clinic.reload();
      const comptesRendus = clinic.getByRole('region', { name: 'Comptes rendus', exact: true });
      await comptesRendus.getByText('Reprise demandée').waitFor();
      expect(await comptesRendus.innerText()).toContain('Sous-exposé; Flou de mouvement');
      await shotsAtBothWidths(clinic, 'retake-clinic-study-fr', { fullPage: true });

      // New images of the same study arrive (STOW-RS as the clinic): back on the worklist.
      const again = await writeCxr(path.join(dir, 'again.dcm'), 'explicitLE', {
        rows: 256,
        columns: 256,
        seed: 2,
        patient: PATIENT,
        study: { studyInstanceUid: first.studyInstanceUid },
      });
      await stowFiles(baseUrl, [again.path]);
      await navigate(reader, 'Worklist');
      await worklistRow(reader, /RETAKE, NADIA/).waitFor({ timeout: 30_000 });

      await clinic.reload();
      await comptesRendus.getByText('Reprise reçue').waitFor({ timeout: 30_000 });
      expect(await comptesRendus.innerText()).toMatch(/Nouvelles images reçues/);
    } finally {
      const back = await clinic.request.put('/api/auth/language', {
        data: { language: null },
        headers: { 'x-csrf-token': session.csrfToken },
      });
      expect(back.status()).toBe(200);
    }
    await reader.context().close();
    await clinic.context().close();
  });
});
