/**
 * Forwarding to a CAD end to end in the running demo server: an administrator sets up a CAD
 * integration for DEMO1 and, on the CAD integrations page, points it at a DCMTK storescp this
 * file runs as the CAD's AE, tests the connection (C-ECHO), and a CXR sent from DEMO1 by
 * C-STORE reaches the CAD once stable, counted as sent on the page. The AE title the CAD's
 * results come back from is set on the page, and a clinic's is refused. The target is cleared again
 * whatever happens. Set TELERAD_SCREENSHOTS=<dir> to keep screenshots.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startStorescp } from '../apps/server/src/modules/delivery/testSupport';
import { freePort } from '../apps/server/src/testing/serverProcess';
import { apiCall, apiLogin, openAllCentres } from './support/api';
import { launchBrowser } from './support/browser';
import { cadIntegrationForDemo1 } from './support/cad';
import { navigate } from './support/pages';
import { sendCxr, signedIn } from './support/reportPages';
import { shotsAtBothWidths } from './support/screenshots';

let browser: Browser;
let cad: ChildProcess | undefined;
const baseUrl = inject('baseUrl');
const dicomPort = inject('dicomPort');
const inbox = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-e2e-cad-'));

beforeAll(async () => {
  browser = await launchBrowser();
  await openAllCentres(baseUrl);
});
afterAll(async () => {
  cad?.kill();
  await browser?.close();
  fs.rmSync(inbox, { recursive: true, force: true });
});

describe('forwarding stable chest X-rays to a CAD', () => {
  it('is set on the CAD integrations page, answers its test, and receives a new CXR', async () => {
    const admin = await apiLogin(baseUrl, 'admin');
    const name = `E2E CAD ${Date.now().toString(36)}`;
    const made = await cadIntegrationForDemo1(baseUrl, admin, name);
    const port = await freePort();
    cad = await startStorescp('E2ECAD', port, inbox);
    try {
      const page = await signedIn(browser, baseUrl, 'admin');
      await navigate(page, 'CAD integrations');
      const card = page.getByLabel(`CAD integration ${name}`);
      await card.getByText('Not forwarding: no target set').waitFor();
      await card.getByRole('button', { name: 'Set target' }).click();
      await card.getByLabel('CAD AE title').fill('E2ECAD');
      await card.getByLabel('Host').fill('127.0.0.1');
      await card.getByLabel('Port').fill(String(port));
      await card.getByRole('button', { name: 'Save target' }).click();
      await card.getByText(`C-STORE to E2ECAD at 127.0.0.1:${port}`).waitFor();
      await card.getByRole('button', { name: 'Test connection' }).click();
      await page.getByText(`C-ECHO to E2ECAD@127.0.0.1:${port} succeeded`).waitFor();

      // The AE title its results come back from is set here too; one a clinic holds is refused.
      await card.getByText('Sends no results back by DICOM: no calling AE title set').waitFor();
      await card.getByRole('button', { name: 'Change AE titles' }).click();
      const titles = card.getByLabel('Calling AE titles of this CAD');
      await titles.fill('DEMO1');
      await titles.press('Enter');
      await card.getByRole('button', { name: 'Save AE titles' }).click();
      await card.getByText(/already belongs to a clinic or another CAD integration/).waitFor();
      await titles.press('Backspace');
      const sender = `E2E${Date.now().toString(36).toUpperCase().slice(-8)}`;
      await titles.fill(sender.toLowerCase());
      await titles.press('Enter');
      await card.getByRole('button', { name: 'Save AE titles' }).click();
      await card.getByText(`Sends its results back from ${sender}`).waitFor();
      const listed = await apiCall<{ integrations: { id: string; aeTitles: string[] }[] }>(
        baseUrl,
        admin,
        'GET',
        '/api/cad/integrations',
      );
      expect(listed.integrations.find((i) => i.id === made.id)?.aeTitles).toEqual([sender]);

      const studyUid = await sendCxr(dicomPort, 'DEMO1', {
        name: 'CADFWD^E2E',
        id: `CADFWD-${Date.now().toString(36).toUpperCase()}`,
      });
      // The page counts what was sent; it is read again until the stable study's image went.
      for (;;) {
        await page.reload();
        await card.getByText('Not forwarding').or(card.getByText('C-STORE to')).waitFor();
        if (await card.getByText('1 sent').isVisible()) break;
      }
      const files = fs.readdirSync(inbox);
      expect(files).toHaveLength(1);
      expect(studyUid).toMatch(/^[0-9.]+$/);
      await shotsAtBothWidths(page, 'cad-integrations', { fullPage: true });
    } finally {
      await apiCall(baseUrl, admin, 'DELETE', `/api/cad/integrations/${made.id}/forward`);
      await apiCall(baseUrl, admin, 'PUT', `/api/cad/integrations/${made.id}/ae-titles`, {
        aeTitles: [],
      });
    }
  });
});
