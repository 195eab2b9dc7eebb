/**
 * A read held for consultation: the reader's signed cavity finding waits for a consultant. The
 * held primary read shows as "Held for consultation" with its type, opening it says why it does
 * not open, the consultant opens the consultation row, and the clinic sees one status for the
 * study in its words.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './support/browser';
import { navigate } from './support/pages';
import { openAllCentres } from './support/api';
import { shotsAtBothWidths } from './support/screenshots';
import {
  claimFromWorklist,
  sendCxr,
  signCavityRead,
  signedIn as signIn,
  worklistRow,
} from './support/reportPages';

let browser: Browser;
const baseUrl = inject('baseUrl');
const dicomPort = inject('dicomPort');

beforeAll(async () => {
  browser = await launchBrowser();
  await openAllCentres(baseUrl);
});
afterAll(async () => browser?.close());

const signedIn = (username: string): Promise<Page> => signIn(browser, baseUrl, username);

/** The status badge of a row, as the server derived the status. */
const statusOf = (row: ReturnType<typeof worklistRow>) => row.locator('[data-status]').first();

describe('a read held for consultation', () => {
  it('shows as held with its type, explains why it does not open, and the consultation opens', async () => {
    await sendCxr(dicomPort, 'DEMO2', { name: 'HELD^HANNA', id: 'E2E-HELD' });
    const reader = await signedIn('radiologist');
    const panel = await claimFromWorklist(reader, /HELD, HANNA/);
    expect(await signCavityRead(panel)).toBe('pending_consultation');

    // The reader's worklist: the primary read is held, not in progress.
    await reader.goto('/worklist');
    const readerRow = worklistRow(reader, /HELD, HANNA/);
    await readerRow.locator('[data-status="held_for_consultation"]').waitFor({ timeout: 20_000 });
    expect(await readerRow.getByText('Primary', { exact: true }).count()).toBe(1);
    expect(await statusOf(readerRow).innerText()).toBe('Held for consultation');
    // Its SLA cell says the clock keeps running while it is held.
    expect(await readerRow.getByText('runs while held', { exact: true }).count()).toBe(1);
    await shotsAtBothWidths(reader, 'worklist-radiologist');

    // The consultant: two rows, each with its type; the held one says why it does not open.
    const consultant = await signedIn('consultant');
    await navigate(consultant, 'Worklist');
    const rows = worklistRow(consultant, /HELD, HANNA/);
    const heldRow = rows.and(consultant.locator('[data-type="primary_read"]'));
    const consultRow = rows.and(consultant.locator('[data-type="consultation"]'));
    await heldRow.locator('[data-status="held_for_consultation"]').waitFor({ timeout: 20_000 });
    await consultRow.locator('[data-status="queued"]').waitFor();
    expect(await heldRow.getByText('Held for consultation', { exact: true }).count()).toBe(1);
    expect(await consultRow.getByText('Consultation', { exact: true }).count()).toBe(1);
    await shotsAtBothWidths(consultant, 'worklist-consultant');
    await heldRow.click();
    const why = consultant
      .getByRole('alert')
      .filter({ hasText: 'Dr Rosa Reyes signed this read and the report waits for a consultant' });
    await why.waitFor();
    expect(await why.innerText()).toContain('Held for consultation');
    expect(consultant.url()).toMatch(/\/worklist/);
    await shotsAtBothWidths(consultant, 'worklist-consultant-refusal');
    // Opened by its address, the reading screen gives the same reason.
    await consultant.goto(`/read/${await heldRow.getAttribute('data-task-id')}`);
    await consultant.getByText('Held for consultation', { exact: true }).waitFor();
    await consultant.getByText(/Dr Rosa Reyes signed this read/).waitFor();
    await shotsAtBothWidths(consultant, 'reading-held-refusal');
    await consultant.getByRole('link', { name: 'Back to the worklist' }).click();
    await consultRow.locator('[data-status="queued"]').waitFor();

    // The consultation row opens on the reading screen with the held report.
    await consultRow.click();
    await consultant.waitForURL(/\/read\//);
    await shotsAtBothWidths(consultant, 'reading-consultation');
    const held = consultant.getByTestId('consultation-panel');
    await held.waitFor({ timeout: 30_000 });
    await held.getByText('Any cavity or miliary finding').waitFor();

    // The clinic: one row for the study, in its words, on the worklist, studies and home.
    const clinic = await signedIn('clinic2');
    await navigate(clinic, 'Worklist');
    const clinicRows = worklistRow(clinic, /HELD, HANNA/);
    await statusOf(clinicRows).waitFor({ timeout: 20_000 });
    expect(await clinicRows.count()).toBe(1);
    expect(await statusOf(clinicRows).innerText()).toBe('With the consultant');
    expect(await clinicRows.getByText('Dr Rosa Reyes').count()).toBe(0);
    expect(await clinicRows.getByText('clock still running', { exact: true }).count()).toBe(1);
    await shotsAtBothWidths(clinic, 'worklist-clinic');
    await navigate(clinic, 'Studies');
    const study = clinic.getByRole('table', { name: 'Studies' }).getByRole('row', {
      name: /HELD, HANNA/,
    });
    await study.getByText('With the consultant', { exact: true }).waitFor({ timeout: 20_000 });
    await shotsAtBothWidths(clinic, 'studies-clinic');
    await study.click();
    await clinic.getByRole('heading', { name: 'HELD, HANNA' }).waitFor();
    await clinic.getByText('With the consultant', { exact: true }).first().waitFor();
    await clinic.getByText(/asked a consultant to confirm/).waitFor();
    await shotsAtBothWidths(clinic, 'study-clinic');
    await navigate(clinic, 'Home');
    // Today's applicants load after the page: on a loaded machine they can take a while.
    await clinic
      .getByText('With the consultant', { exact: true })
      .first()
      .waitFor({ timeout: 30_000 });
    await shotsAtBothWidths(clinic, 'home-clinic');
    await reader.context().close();
    await consultant.context().close();
    await clinic.context().close();
  });
});
