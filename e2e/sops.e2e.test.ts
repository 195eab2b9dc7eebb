/**
 * SOPs end to end: a quality officer publishes a procedure that radiologists must acknowledge;
 * a radiologist sees it waiting (the badge beside Procedures and the list at the top of the
 * library), opens it, reads it and confirms with one click; the quality officer then sees who
 * confirmed it, and the CSV export says the same. Set TELERAD_SCREENSHOTS=<dir> to keep
 * screenshots of the library, the editor and the document page.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCall, apiLogin } from './support/api';
import { launchBrowser } from './support/browser';
import { signedIn } from './support/reportPages';
import { shotsAtBothWidths } from './support/screenshots';

let browser: Browser;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const TITLE = `Patient identification before reading ${Date.now().toString(36)}`;

describe('an SOP from publication to acknowledgement', () => {
  it('is published by QA for radiologists, acknowledged by one, and QA sees who did', async () => {
    let sopId: string | null = null;
    try {
      // QA publishes it from the library, for radiologists.
      const qa = await signedIn(browser, baseUrl, 'qa');
      await qa.goto('/sops');
      await qa.getByRole('heading', { name: 'Procedures and guidelines' }).waitFor();
      await qa.getByRole('button', { name: 'New document' }).first().click();
      const dialog = qa.getByRole('dialog', { name: 'New document' });
      await dialog.waitFor();
      await dialog.getByRole('textbox', { name: 'Title' }).fill(TITLE);
      await dialog.getByLabel('Owner').click();
      await qa.getByRole('option', { name: 'Quentin Quality' }).click();
      await dialog.getByLabel('Who must read it').fill('Radiol');
      await qa.getByRole('option', { name: 'Radiologist' }).click();
      await dialog.getByLabel('Who must read it').press('Escape');
      await dialog
        .getByRole('textbox', { name: 'Text' })
        .fill(
          '# Before you read\n\n1. Compare the **name** and **date of birth** with the request.\n2. Check the side marker.\n\n| Check | Where |\n|---|---|\n| Name | Header |\n| Marker | Image |\n\n<script>alert(1)</script>',
        );
      await dialog.getByRole('textbox', { name: 'What changed' }).fill('First version');
      await shotsAtBothWidths(qa, 'sop-editor');
      await dialog.getByRole('button', { name: 'Publish' }).click();
      await qa.waitForURL(/\/sops\/[0-9a-f-]{36}$/);
      sopId = new URL(qa.url()).pathname.split('/').pop()!;
      await qa.getByRole('heading', { name: new RegExp(`SOP-\\d+ · ${TITLE}`) }).waitFor();
      // Raw HTML in the text is shown as text, never run.
      await qa.getByText('<script>alert(1)</script>').waitFor();
      await qa.getByText('Still to confirm the current version').waitFor();

      // The radiologist sees it waiting, from the shell and the library.
      const reader = await signedIn(browser, baseUrl, 'radiologist');
      await reader.getByTestId('nav-badge-sopsPending').waitFor();
      await reader.getByRole('link', { name: 'Procedures', exact: true }).click();
      const pending = reader.getByTestId('sops-pending');
      await pending.waitFor();
      await shotsAtBothWidths(reader, 'sops-library-pending');
      await pending.getByRole('link', { name: new RegExp(TITLE) }).click();
      await reader.waitForURL(new RegExp(`/sops/${sopId}$`));
      await reader.getByRole('heading', { name: 'Before you read' }).waitFor();
      expect(await reader.getByTestId('sop-text').locator('table').count()).toBe(1);
      await shotsAtBothWidths(reader, 'sop-to-acknowledge', { fullPage: true });
      await reader.getByRole('button', { name: 'I have read this document' }).click();
      await reader.getByTestId('sop-acknowledged').waitFor();
      expect(await reader.getByTestId('sop-acknowledged').innerText()).toMatch(
        /You confirmed reading this version/,
      );
      await shotsAtBothWidths(reader, 'sop-acknowledged');
      // Nothing left to confirm: the list at the top of the library is gone.
      await reader.getByRole('link', { name: 'All procedures' }).click();
      await reader
        .getByTestId('sop-row')
        .filter({ hasText: TITLE })
        .getByText('Confirmed')
        .waitFor();
      expect(await reader.getByTestId('sops-pending').count()).toBe(0);

      // QA sees who confirmed it, and the CSV says the same.
      await qa.reload();
      const row = qa.getByTestId('sop-ack').filter({ hasText: 'Dr Rosa Reyes' });
      await row.first().waitFor();
      expect(await row.first().innerText()).not.toContain('Not yet');
      await shotsAtBothWidths(qa, 'sop-acknowledgements', { fullPage: true });
      const s = await apiLogin(baseUrl, 'qa');
      const csv = await fetch(`${baseUrl}/api/sops/${sopId}/acknowledgements.csv`, {
        headers: { cookie: s.cookie },
      }).then((r) => r.text());
      const lines = csv.trim().split('\r\n');
      expect(lines.filter((l) => l.includes('Dr Rosa Reyes') && /Z$/.test(l))).toHaveLength(1);
      expect(lines.filter((l) => l.includes('Dr Kamau Njoroge') && l.endsWith(','))).toHaveLength(
        1,
      );

      // A clinic user finds the guidelines for clinics only: not this staff procedure.
      const clinic = await signedIn(browser, baseUrl, 'clinic1');
      await clinic.getByRole('link', { name: 'Procedures', exact: true }).click();
      await clinic.getByRole('heading', { name: 'Procedures and guidelines' }).waitFor();
      await clinic.getByRole('textbox', { name: 'Search by title or reference' }).waitFor();
      await clinic
        .getByText(/No procedures yet|SOP-\d+/)
        .first()
        .waitFor();
      expect(await clinic.getByText(TITLE).count()).toBe(0);
      await shotsAtBothWidths(clinic, 'sops-library-clinic');

      await clinic.context().close();
      await reader.context().close();
      await qa.context().close();
    } finally {
      // Both radiologists were asked: each confirms it and reads the notice, so no later test
      // finds a badge or an unread notification it did not expect.
      for (const username of sopId ? ['radiologist', 'radiologist2'] : []) {
        const r = await apiLogin(baseUrl, username);
        await apiCall(baseUrl, r, 'GET', `/api/sops/${sopId}`);
        await apiCall(baseUrl, r, 'POST', `/api/sops/${sopId}/acknowledge`, { version: 1 });
        const { notifications } = await apiCall<{
          notifications: { id: string; link: string | null }[];
        }>(baseUrl, r, 'GET', '/api/notifications?unread=true');
        for (const n of notifications.filter((x) => x.link === `/sops/${sopId}`))
          await apiCall(baseUrl, r, 'POST', `/api/notifications/${n.id}/read`);
      }
    }
  });
});
