/**
 * A clinic gateway end to end: support opens DEMO1's page (Clinic overview) and, in its Gateways
 * section, adds one and sees its one-time code and enrol command once; the test enrols it over HTTP as the gateway
 * would and posts a heartbeat; support sees it online, then revokes it, and its token is refused
 * at once. What the file created (the gateway, its service account) is deleted in `finally`.
 * Set TELERAD_SCREENSHOTS=<dir> to keep screenshots of the panel.
 */
import type { Browser, Page } from 'playwright-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './support/browser';
import { navigate } from './support/pages';
import { signedIn } from './support/reportPages';
import { shotsAtBothWidths } from './support/screenshots';

let browser: Browser;
const baseUrl = inject('baseUrl');
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const NAME = 'E2E reception PC';

function heartbeat(token: string) {
  return fetch(`${baseUrl}/api/gateways/heartbeat`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      version: '1.2.0',
      queueDepth: 2,
      queueBytes: 4_800_000,
      oldestItemAt: new Date(Date.now() - 90_000).toISOString(),
      lastSuccessAt: new Date().toISOString(),
      freeDiskBytes: 52_000_000_000,
      errors: [],
      errorCount: 0,
      sentInstances: 3,
      sentBytes: 7_000_000,
      linkKbps: 920,
      compressionSavedBytes: 1_000_000,
    }),
  });
}

/** Opens DEMO1's page from Support → Clinic overview; answers its Gateways section. */
async function openGateways(page: Page) {
  await navigate(page, 'Clinic overview');
  const link = page.getByRole('table', { name: 'Clinics' }).getByRole('link', {
    name: 'Demo Clinic Manila',
  });
  await link.click();
  const section = page.getByRole('region', { name: 'Gateways' });
  await section.getByRole('button', { name: 'Add gateway' }).waitFor();
  return section;
}

/** Deletes the gateways this file made and their service accounts (their tokens go with them). */
async function removeGateways(): Promise<void> {
  const db = new pg.Client({ connectionString: inject('databaseUrl') });
  await db.connect();
  try {
    const { rows } = await db.query<{ service_user_id: string | null }>(
      'delete from gateways where name = $1 returning service_user_id',
      [NAME],
    );
    const users = rows.flatMap((r) => (r.service_user_id ? [r.service_user_id] : []));
    await db.query(`delete from users where id = any($1::uuid[]) and service = 'gateway'`, [users]);
  } finally {
    await db.end();
  }
}

describe('clinic gateways', () => {
  it('support adds a gateway, it enrols and beats, support sees it online and revokes it', async () => {
    const page = await signedIn(browser, baseUrl, 'support');
    try {
      const section = await openGateways(page);
      await section.getByLabel('New gateway').fill(NAME);
      await section.getByRole('button', { name: 'Add gateway' }).click();
      const code = (await section.getByTestId('enrolment-code').innerText()).trim();
      expect(code).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
      await section.getByText(`npx telerad-gateway enrol --code ${code}`).waitFor();
      await shotsAtBothWidths(page, 'gateways-code', {
        ready: () => section.scrollIntoViewIfNeeded(),
      });

      const enrolled = await fetch(`${baseUrl}/api/gateways/enrol`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, hostName: 'e2e-reception', version: '1.2.0' }),
      });
      expect(enrolled.status).toBe(200);
      const { token, gatewayId: id } = (await enrolled.json()) as {
        token: string;
        gatewayId: string;
      };
      expect((await heartbeat(token)).status).toBe(200);

      // The code is shown once: after "copied" and a fresh page, it is gone for good.
      await section.getByRole('button', { name: 'I have copied it' }).click();
      await page.reload();
      await section.getByRole('button', { name: 'Add gateway' }).waitFor();
      const row = section.getByTestId(`gateway-${id}`);
      await row.getByText('Online').waitFor();
      await row.getByText('e2e-reception · v1.2.0').waitFor();
      await row.getByText(/2 waiting/).waitFor();
      expect(await section.getByTestId('enrolment-code').count()).toBe(0);
      await shotsAtBothWidths(page, 'gateways-online', {
        ready: () => section.scrollIntoViewIfNeeded(),
      });

      await row.getByRole('button', { name: 'Revoke' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).last().click();
      await row.getByText('Revoked', { exact: true }).waitFor();
      const refused = await heartbeat(token);
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
        'TOKEN_REVOKED',
      );
    } finally {
      await page.context().close();
      await removeGateways();
    }
  });
});
