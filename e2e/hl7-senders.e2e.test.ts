import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCall, apiLogin } from './support/api';
import { launchBrowser, newPage } from './support/browser';
import { LoginPage, navigate } from './support/pages';
import { shotsAtBothWidths } from './support/screenshots';

/**
 * An administrator registers the HL7 v2 system that sends a clinic's orders on the clinic's
 * page: the sender's MSH-3 and MSH-4 and the network it connects from, saved and shown in the
 * section's table. The clinic's senders are put back as they were at the end.
 */
let browser: Browser;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe('HL7 order senders on the clinic page', () => {
  it('an administrator adds a sender with its network, and it is listed', async () => {
    const admin = await apiLogin(baseUrl, 'admin');
    const clinics = await apiCall<{ id: string; code: string }[]>(
      baseUrl,
      admin,
      'GET',
      '/api/clinics',
    );
    const demo2 = clinics.find((c) => c.code === 'DEMO2')!;
    const url = `/api/clinics/${demo2.id}/hl7-senders`;
    const before = await apiCall<{ senders: unknown[] }>(baseUrl, admin, 'GET', url);
    try {
      const { page } = await newPage(browser, baseUrl);
      await (await new LoginPage(page).open()).signIn('admin');
      await navigate(page, 'Clinics');
      await page
        .getByRole('table', { name: 'Clinics' })
        .getByRole('link', { name: 'Demo Clinic Nairobi' })
        .click();
      const section = page.getByRole('region', { name: 'HL7 order senders' });
      await section.getByRole('button', { name: 'Change HL7 senders' }).click();
      await section.getByRole('button', { name: 'Add sender' }).click();
      await section
        .getByRole('textbox', { name: 'Sending application (MSH-3)' })
        .last()
        .fill('RIS-NBO');
      await section.getByRole('textbox', { name: 'Sending facility (MSH-4)' }).last().fill('DEMO2');
      await section
        .getByRole('textbox', { name: 'Allowed networks' })
        .last()
        .fill('198.51.100.0/24');
      await shotsAtBothWidths(page, 'hl7-senders-edit');
      await section.getByRole('button', { name: 'Save senders' }).click();
      const table = section.getByRole('table', { name: 'HL7 senders' });
      const row = table.getByRole('row').filter({ hasText: 'RIS-NBO' });
      await row.getByText('198.51.100.0/24').waitFor();
      await shotsAtBothWidths(page, 'hl7-senders');
      const saved = await apiCall<{ senders: unknown[] }>(baseUrl, admin, 'GET', url);
      expect(saved.senders).toContainEqual({
        sendingApplication: 'RIS-NBO',
        sendingFacility: 'DEMO2',
        allowedNetworks: ['198.51.100.0/24'],
      });
    } finally {
      await apiCall(baseUrl, admin, 'PUT', url, { senders: before.senders });
    }
  });
});
