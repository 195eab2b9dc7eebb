import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, newPage } from './support/browser';
import { StoreScp } from './support/pacs';
import { expectToast, LoginPage, navigate } from './support/pages';
import { apiCall, apiLogin, openAllCentres, type ApiSession } from './support/api';
import { releaseNormalRead } from './support/reportPages';
import { freePort } from '../apps/server/src/testing/serverProcess';

/**
 * Delivery to the clinic, in the running demo server: an admin registers the clinic PACS (host,
 * port, receives reports) in the clinic editor; a signed report arrives at a DCMTK storescp as
 * an Enhanced SR and an Encapsulated PDF; a PACS that is down shows on support's Deliveries
 * page with its error, and the Retry button delivers once it is up.
 */
let browser: Browser;
const baseUrl = inject('baseUrl');
const dicomPort = inject('dicomPort');
const peers: StoreScp[] = [];
let dir: string;
let admin: ApiSession;
let demo1: { id: string; aeTitles: unknown[] };

beforeAll(async () => {
  browser = await launchBrowser();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-e2e-delivery-'));
  await openAllCentres(baseUrl);
  admin = await apiLogin(baseUrl, 'admin');
  const clinics = await apiCall<{ id: string; code: string; aeTitles: unknown[] }[]>(
    baseUrl,
    admin,
    'GET',
    '/api/clinics',
  );
  demo1 = clinics.find((c) => c.code === 'DEMO1')!;
});
afterAll(async () => {
  for (const p of peers) p.stop();
  // Leave DEMO1's AE titles as they were for the other tests.
  if (demo1)
    await apiCall(baseUrl, admin, 'PATCH', `/api/clinics/${demo1.id}`, {
      aeTitles: demo1.aeTitles,
    });
  await browser?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Starts a DCMTK storescp as the clinic PACS; it is stopped after the tests. */
async function storescp(aet: string, port: number, into: string): Promise<StoreScp> {
  const scp = await StoreScp.start(aet, port, into);
  peers.push(scp);
  return scp;
}

describe('delivery to the clinic', () => {
  it('sends a signed report to the PACS an admin registered in the clinic editor', async () => {
    const port = await freePort();
    const pacs = await storescp('DEMO1PACS', port, path.join(dir, 'pacs'));

    const { context, page } = await newPage(browser, baseUrl);
    await (await new LoginPage(page).open()).signIn('admin');
    await navigate(page, 'Clinics');
    await page.getByRole('button', { name: 'Edit clinic DEMO1' }).click();
    await page.getByRole('button', { name: 'Add AE title' }).click();
    await page.getByLabel('AE title 2', { exact: true }).fill('DEMO1PACS');
    await page.getByLabel('Host DEMO1PACS').fill('127.0.0.1');
    await page.getByLabel('Port DEMO1PACS').fill(String(port));
    expect(await page.getByLabel('Receives reports').last().isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Save' }).click();
    await expectToast(page, 'Clinic updated');
    await page.getByText(`listens 127.0.0.1:${port}, receives reports`).waitFor();
    await context.close();

    const studyUid = await releaseNormalRead(baseUrl, dicomPort, 'DLV-E2E-1');
    // An Enhanced SR and an Encapsulated PDF of the study, and nothing else.
    const { sr, pdf } = await pacs.report(studyUid, 60_000);
    expect((await pacs.files(2)).sort()).toEqual([sr, pdf].sort());
  });

  it('shows a PACS that is down to support, and Retry delivers once it is up', async () => {
    const port = await freePort();
    const clinic = await apiCall<{ aeTitles: unknown[] }>(
      baseUrl,
      admin,
      'GET',
      `/api/clinics/${demo1.id}`,
    );
    await apiCall(baseUrl, admin, 'PATCH', `/api/clinics/${demo1.id}`, {
      aeTitles: [...clinic.aeTitles, { aeTitle: 'DEMO1LATE', host: '127.0.0.1', port }],
    });
    await releaseNormalRead(baseUrl, dicomPort, 'DLV-E2E-2');

    const { context, page } = await newPage(browser, baseUrl);
    await (await new LoginPage(page).open()).signIn('support');
    await navigate(page, 'Deliveries');
    await page.getByText(/^Retrying/).click();
    const row = page
      .getByRole('table', { name: 'Report deliveries' })
      .getByRole('row', { name: /DEMO1LATE/ });
    await row.waitFor({ timeout: 60_000 });
    await row.getByText(/ECONNREFUSED|network error/).waitFor();

    const late = await storescp('DEMO1LATE', port, path.join(dir, 'late'));
    await row.getByRole('button', { name: 'Retry delivery to DEMO1LATE' }).click();
    await expectToast(page, 'Delivery retried');
    await page.getByText('Delivered to DEMO1LATE.').waitFor();
    await late.files(2);
    await context.close();
  });
});
