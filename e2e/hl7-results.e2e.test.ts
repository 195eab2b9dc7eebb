import { once } from 'node:events';
import net from 'node:net';
import { Server, type Inbound } from 'node-hl7-server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCall, apiLogin, openAllCentres } from './support/api';
import { launchBrowser, newPage } from './support/browser';
import { LoginPage } from './support/pages';
import { releaseNormalRead } from './support/reportPages';
import { shotsAtBothWidths } from './support/screenshots';

/**
 * HL7 results in the running demo server: an administrator adds an HL7 result destination on
 * DEMO1's clinic page, pointing at an MLLP receiver this file runs (node-hl7-server); a DEMO1
 * read is released and its ORU^R01 reaches the receiver; the clinic page's deliveries list
 * names the channel "HL7 to E2E-RIS". The destination is removed again whatever happens.
 */
let browser: Browser;
let inbound: Inbound;
let port: number;
const received: string[] = [];
const baseUrl = inject('baseUrl');
const dicomPort = inject('dicomPort');
const patientId = `HL7OUT-${Date.now().toString(36).toUpperCase()}`;

beforeAll(async () => {
  browser = await launchBrowser();
  await openAllCentres(baseUrl);
  port = await new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (probe.address() as net.AddressInfo).port;
      probe.close(() => resolve(p));
    });
  });
  inbound = new Server({ bindAddress: '127.0.0.1' }).createInbound({ port }, async (req, res) => {
    received.push(req.getMessage().get('PID.3.1').toString());
    await res.sendResponse('AA');
  });
  await once(inbound, 'listen');
});
afterAll(async () => {
  await inbound?.close();
  await browser?.close();
});

/** Removes every HL7 destination of DEMO1 through the API (the shared server's state). */
async function removeDestinations(clinicId: string): Promise<void> {
  const admin = await apiLogin(baseUrl, 'admin');
  const list = await apiCall<{ id: string }[]>(
    baseUrl,
    admin,
    'GET',
    `/api/clinics/${clinicId}/hl7-destinations`,
  );
  for (const d of list) await apiCall(baseUrl, admin, 'DELETE', `/api/hl7-destinations/${d.id}`);
}

async function demo1Id(): Promise<string> {
  const admin = await apiLogin(baseUrl, 'admin');
  const clinics = await apiCall<{ id: string; code: string }[]>(
    baseUrl,
    admin,
    'GET',
    '/api/clinics',
  );
  return clinics.find((c) => c.code === 'DEMO1')!.id;
}

async function signedIn(username: string, path: string): Promise<Page> {
  const { page } = await newPage(browser, baseUrl);
  await (await new LoginPage(page).open()).signIn(username);
  await page.goto(`${baseUrl}${path}`);
  return page;
}

describe('HL7 result destinations', () => {
  it('are added on the clinic page, receive the ORU of a released read, and name the channel', async () => {
    const clinicId = await demo1Id();
    try {
      const page = await signedIn('admin', `/support/clinics/${clinicId}`);
      const section = page.getByRole('region', { name: 'HL7 result destinations' });
      await section.getByText('No HL7 destination').waitFor();
      await section.getByRole('textbox', { name: 'Receiving application (MSH-5)' }).fill('E2E-RIS');
      await section.getByRole('textbox', { name: 'Facility (MSH-6)' }).fill('DEMO1-LAB');
      await section.getByRole('textbox', { name: 'Host' }).fill('127.0.0.1');
      await section.getByRole('textbox', { name: 'Port' }).fill(String(port));
      await section.getByRole('button', { name: 'Add HL7 destination' }).click();
      const row = section
        .getByRole('table', { name: 'HL7 result destinations' })
        .getByRole('row')
        .filter({ hasText: 'E2E-RIS' });
      await row.getByText(`127.0.0.1:${port}`).waitFor();
      await shotsAtBothWidths(page, 'hl7-destinations', {
        ready: () => section.scrollIntoViewIfNeeded(),
      });

      await releaseNormalRead(baseUrl, dicomPort, patientId);
      const support = await signedIn('support', `/support/clinics/${clinicId}`);
      const deliveries = support.getByRole('region', { name: 'Deliveries' });
      const delivered = deliveries
        .getByRole('row')
        .filter({ hasText: patientId })
        .filter({ hasText: 'HL7 to E2E-RIS at DEMO1-LAB' });
      await delivered.getByText('delivered').waitFor({ timeout: 60_000 });
      expect(received).toContain(patientId);
      await shotsAtBothWidths(support, 'hl7-deliveries', {
        ready: () => deliveries.scrollIntoViewIfNeeded(),
      });
    } finally {
      await removeDestinations(clinicId);
    }
  });
});
