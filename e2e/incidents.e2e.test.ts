/**
 * Incidents end to end: a radiologist reports an incident from a study page (the button there
 * links the study), a quality officer takes it on, writes the root cause, resolves it and closes
 * it with a lesson, and the lesson is found by searching the knowledge base with other forms of
 * its words. Set TELERAD_SCREENSHOTS=<dir> to keep screenshots of the incident pages.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeCxr } from '../apps/server/src/testing/dicomFixtures';
import { launchBrowser } from './support/browser';
import { stowFiles } from './support/reading';
import { signedIn } from './support/reportPages';
import { shotsAtBothWidths } from './support/screenshots';

let browser: Browser;
const baseUrl = inject('baseUrl');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-e2e-incidents-'));

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('an incident from a study page to a lesson learned', () => {
  it('is reported by a radiologist, investigated and closed by QA, and its lesson is found', async () => {
    const file = await writeCxr(path.join(dir, 'cut.dcm'), 'explicitLE', {
      rows: 128,
      columns: 128,
      patient: { name: 'INCIDENT^AMINA', id: 'E2E-INC-1', birthDate: '19850101' },
    });
    await stowFiles(baseUrl, [file.path]);

    // The radiologist reports it from the study page: the study is linked.
    const reader = await signedIn(browser, baseUrl, 'radiologist');
    await reader.goto(`/studies/${file.studyInstanceUid}`);
    await reader.getByRole('heading', { name: /INCIDENT, AMINA/ }).waitFor();
    await reader.keyboard.press('Alt+KeyI');
    const dialog = reader.getByRole('dialog', { name: 'Report an incident' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('INCIDENT, AMINA');
    await dialog.getByLabel('What happened').click();
    await reader.getByRole('option', { name: 'Transmission failure' }).click();
    await dialog.getByRole('textbox', { name: 'Title' }).fill('Half of the image arrived');
    await dialog
      .getByRole('textbox', { name: 'What you saw' })
      .fill('The lower half of the chest is grey: the transfer stopped part way.');
    await shotsAtBothWidths(reader, 'incident-report-dialog');
    await dialog.getByRole('button', { name: 'Report' }).click();
    await reader.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
    const incidentUrl = new URL(reader.url()).pathname;
    await reader.getByRole('heading', { name: /INC-\d+ · Half of the image arrived/ }).waitFor();
    expect(await reader.getByText('INCIDENT, AMINA').count()).toBeGreaterThan(0);
    // A radiologist reports and comments; investigating is QA's.
    expect(await reader.getByRole('button', { name: 'Start investigating' }).count()).toBe(0);

    // QA finds it on the incidents list, takes it on, resolves and closes it with a lesson.
    const qa = await signedIn(browser, baseUrl, 'qa');
    await qa.goto('/');
    await qa.getByText(/Incidents wait for you under Incidents/).waitFor();
    await qa.goto('/incidents');
    const link = qa.getByRole('link', { name: /Half of the image arrived/ });
    await link.waitFor();
    await shotsAtBothWidths(qa, 'incidents-list');
    await link.click();
    await qa.waitForURL(new RegExp(`${incidentUrl}$`));
    await qa.getByRole('button', { name: 'Start investigating' }).click();
    const rootCause = qa.getByRole('textbox', { name: 'Root cause' });
    await rootCause.waitFor();
    // Resolving without a root cause is refused in words.
    await qa.getByRole('button', { name: 'Mark resolved' }).click();
    await qa.getByText('Write the root cause before marking the incident resolved.').waitFor();
    await rootCause.fill('The clinic router drops connections longer than two minutes.');
    await qa.getByRole('button', { name: 'Mark resolved' }).click();
    await qa
      .getByRole('textbox', { name: 'Lesson title' })
      .fill('Long transfers need a resumable upload');
    await qa
      .getByRole('textbox', { name: 'What we learned' })
      .fill(
        'When a clinic router drops long connections, send studies through the resumable upload page instead.',
      );
    await shotsAtBothWidths(qa, 'incident-resolved', { fullPage: true });
    await qa.getByRole('button', { name: 'Close with a lesson' }).click();
    await qa.getByText('Closed', { exact: true }).first().waitFor();
    const timeline = qa.getByTestId('timeline-entry');
    expect(await timeline.count()).toBeGreaterThanOrEqual(5);
    await shotsAtBothWidths(qa, 'incident-closed', { fullPage: true });

    // The radiologist finds the lesson by other forms of its words.
    await reader.goto('/lessons');
    await reader.getByRole('textbox', { name: 'Search lessons' }).fill('dropped connection');
    const lesson = reader
      .getByTestId('lesson')
      .filter({ hasText: 'Long transfers need a resumable upload' });
    // Found by the search: its matching words are marked.
    await lesson.locator('mark').first().waitFor();
    expect(await lesson.locator('mark').allInnerTexts()).toEqual(
      expect.arrayContaining(['drops', 'connections']),
    );
    await shotsAtBothWidths(reader, 'lessons-search');
    await reader.getByRole('textbox', { name: 'Search lessons' }).fill('pneumothorax');
    await reader.getByText('No lesson matches these words').waitFor();

    await reader.context().close();
    await qa.context().close();
  });
});
