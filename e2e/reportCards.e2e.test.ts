/**
 * Radiologist report cards end to end: QA opens the list for the period, opens a reader's card
 * (figures as the server counts them, the charts drawn) and downloads its PDF; the radiologist
 * reaches their own card from their peer-review scores and downloads it with Alt+D, and is not
 * shown another reader's card.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pdfText } from '../apps/server/src/testing/pdfText';
import { apiCall, apiLogin, openAllCentres } from './support/api';
import { launchBrowser } from './support/browser';
import { navigate } from './support/pages';
import { releaseNormalRead, signedIn as signIn } from './support/reportPages';
import { shotsAtBothWidths } from './support/screenshots';

let browser: Browser;
const baseUrl = inject('baseUrl');
const dicomPort = inject('dicomPort');

beforeAll(async () => {
  browser = await launchBrowser();
  await openAllCentres(baseUrl);
});
afterAll(async () => browser?.close());

const signedIn = (username: string): Promise<Page> => signIn(browser, baseUrl, username);

/** The text of a downloaded PDF as PDF.js reads it (the shared helper), whitespace collapsed. */
async function downloadedText(download: Download): Promise<string> {
  const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'card-')), 'card.pdf');
  await download.saveAs(file);
  const bytes = await fs.readFile(file);
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  return (await pdfText(bytes)).text;
}

/** A user's id, from their session. */
async function idOf(username: string): Promise<string> {
  const s = await apiLogin(baseUrl, username);
  return (await apiCall<{ user: { id: string } }>(baseUrl, s, 'GET', '/api/auth/session')).user.id;
}

describe('report cards', () => {
  it('QA opens a reader’s card and downloads its PDF', async () => {
    // A read the radiologist signs today: their card has at least one.
    await releaseNormalRead(baseUrl, dicomPort, 'E2E-CARD-1');
    const readerId = await idOf('radiologist');
    const qa = await signedIn('qa');
    await navigate(qa, 'Report cards');
    await qa.getByRole('heading', { name: 'Report cards' }).waitFor();
    const table = qa.getByRole('table', { name: 'Report cards' });
    const row = table.locator(`tr[data-reader-id="${readerId}"]`);
    await row.waitFor();
    await qa
      .getByRole('img', { name: 'Reads and abnormal rate per reader' })
      .locator('svg')
      .waitFor();
    await shotsAtBothWidths(qa, 'report-cards');

    await row.getByRole('link', { name: 'Dr Rosa Reyes' }).click();
    await qa.getByRole('heading', { name: 'Report card — Dr Rosa Reyes' }).waitFor();
    const period = new URL(qa.url()).search;
    const qaApi = await apiLogin(baseUrl, 'qa');
    const card = await apiCall<{ volume: number; abnormal: { rate: number | null } }>(
      baseUrl,
      qaApi,
      'GET',
      `/api/report-cards/${readerId}${period}`,
    );
    expect(card.volume).toBeGreaterThan(0);
    await qa
      .locator('[data-figure="Reads"]')
      .getByText(String(card.volume), { exact: true })
      .waitFor();
    await qa.getByRole('img', { name: 'Reads per week' }).locator('svg').waitFor();
    await qa.getByRole('img', { name: 'Funnel plot of abnormal rates' }).locator('svg').waitFor();
    await shotsAtBothWidths(qa, 'report-card', { fullPage: true });

    const [download] = await Promise.all([
      qa.waitForEvent('download'),
      qa.getByRole('link', { name: 'Download PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^report-card-Dr Rosa Reyes-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.pdf$/,
    );
    const text = await downloadedText(download);
    expect(text).toContain('Radiologist report card');
    expect(text).toContain('Dr Rosa Reyes');
    expect(text).toContain(`Reads signed and released: ${card.volume}`);
    await qa.context().close();
  });

  it('a radiologist opens their own card from their scores, and no one else’s', async () => {
    const rad = await signedIn('radiologist');
    await navigate(rad, 'Peer-review scores');
    await rad.getByRole('link', { name: 'My report card' }).click();
    await rad.getByRole('heading', { name: 'Report card — Dr Rosa Reyes' }).waitFor();
    // No list of everyone for a radiologist: the page is their own card.
    await expect(rad.getByRole('link', { name: 'All report cards' }).count()).resolves.toBe(0);
    const [download] = await Promise.all([
      rad.waitForEvent('download'),
      rad.keyboard.press('Alt+D'),
    ]);
    expect(await downloadedText(download)).toContain('Dr Rosa Reyes');

    const other = await idOf('radiologist2');
    await rad.goto(`${baseUrl}/report-cards/${other}`);
    await rad.getByText('Not found.').waitFor();
    await expect(rad.getByText('Dr Kamau Njoroge').count()).resolves.toBe(0);
    await rad.context().close();
  });
});
