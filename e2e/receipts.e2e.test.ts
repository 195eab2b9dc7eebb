import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openAllCentres } from './support/api';
import { launchBrowser } from './support/browser';
import { navigate } from './support/pages';
import { openClinicReport, releaseNormalRead, signedIn } from './support/reportPages';
import { shotsAtBothWidths } from './support/screenshots';

/**
 * Whether the clinic has seen its report, in the running demo server: the assistant's study page
 * says "Not yet opened by the clinic" until a clinic user opens the report on the portal, and
 * "Viewed by the clinic … by <who>" after; support's Deliveries page lists it under "Not yet
 * opened" until then.
 */
let browser: Browser;
const baseUrl = inject('baseUrl');
const dicomPort = inject('dicomPort');

beforeAll(async () => {
  browser = await launchBrowser();
  await openAllCentres(baseUrl);
});
afterAll(async () => browser?.close());

describe('the clinic opening its report', () => {
  it('flips the staff view from "Not yet opened" to "Viewed by the clinic"', async () => {
    const studyUid = await releaseNormalRead(baseUrl, dicomPort, 'RCPT-E2E-1');

    const staff = await signedIn(browser, baseUrl, 'assistant');
    await staff.goto(`/studies/${encodeURIComponent(studyUid)}`);
    const receipt = staff.getByRole('region', { name: 'Reports' }).getByTestId('clinic-receipt');
    await receipt.getByText('Not yet opened by the clinic').waitFor();
    expect(await receipt.getAttribute('data-opened')).toBe('false');
    // The assistant reading the report is not the clinic reading it.
    await staff.reload();
    await receipt.getByText('Not yet opened by the clinic').waitFor();
    await shotsAtBothWidths(staff, 'study-not-opened');
    // The staff Reports list marks it too.
    await navigate(staff, 'Reports');
    const row = staff
      .getByRole('table', { name: 'Reports' })
      .getByRole('row', { name: /RCPT-E2E-1/ });
    await row.getByText('Not opened', { exact: true }).waitFor();
    await shotsAtBothWidths(staff, 'reports-not-opened');

    const support = await signedIn(browser, baseUrl, 'support');
    await navigate(support, 'Deliveries');
    await support.getByText(/^Not yet opened by the clinic \(/).click();
    await support.getByTestId('portal-counts').waitFor();
    await shotsAtBothWidths(support, 'deliveries-not-opened');

    const clinic = await signedIn(browser, baseUrl, 'clinic1');
    const region = await openClinicReport(clinic, /RCPT-E2E-1/);
    // The clinic never sees the receipt line; that is for staff.
    expect(await region.getByTestId('clinic-receipt').count()).toBe(0);

    await staff.goto(`/studies/${encodeURIComponent(studyUid)}`);
    await receipt.getByText(/^Viewed by the clinic .+ by /).waitFor();
    expect(await receipt.getAttribute('data-opened')).toBe('true');
    await shotsAtBothWidths(staff, 'study-viewed');

    await support.reload();
    await support.getByText('All', { exact: true }).click();
    await support
      .getByRole('table', { name: 'Report deliveries' })
      .getByText(/^Viewed /)
      .first()
      .waitFor();
    await shotsAtBothWidths(support, 'deliveries-all');

    await navigate(staff, 'Reports');
    expect(await row.getByText('Not opened', { exact: true }).count()).toBe(0);
    await row.click();
    await staff
      .getByRole('region', { name: 'Report', exact: true })
      .getByTestId('clinic-receipt')
      .waitFor();
    await shotsAtBothWidths(staff, 'reports-viewed');
  });
});
