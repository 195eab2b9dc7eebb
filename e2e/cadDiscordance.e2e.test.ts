/**
 * CAD discordance end to end in the running demo server (docs/adr/0044): QA calibrates a CAD
 * product version, a CXR arrives from DEMO1 by C-STORE and the CAD scores it in the triage band.
 * The radiologist signs a normal read of it and sees it held for a consultant, not released,
 * with what CAD saw; the consultant opens the consultation task and sees the same reason.
 * Set TELERAD_SCREENSHOTS=<dir> to keep screenshots.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCall, apiLogin, openAllCentres, type ApiSession } from './support/api';
import { launchBrowser } from './support/browser';
import { postCadResult, setUpCad } from './support/cad';
import { navigate } from './support/pages';
import { claimFromWorklist, sendCxr, signedIn, worklistRow } from './support/reportPages';
import { shot, shotsAtBothWidths } from './support/screenshots';

let browser: Browser;
const baseUrl = inject('baseUrl');
const dicomPort = inject('dicomPort');

beforeAll(async () => {
  browser = await launchBrowser();
  await openAllCentres(baseUrl);
});
afterAll(async () => browser?.close());

/** Waits until the study's read is on the radiologist's worklist (it arrives once stable). */
async function readOf(s: ApiSession, studyUid: string): Promise<{ id: string }> {
  for (;;) {
    const page = await apiCall<{ tasks: { id: string; studyUid: string }[] }>(
      baseUrl,
      s,
      'GET',
      '/api/worklist?limit=500',
    );
    const task = page.tasks.find((t) => t.studyUid === studyUid);
    if (task) return task;
    await new Promise((r) => setTimeout(r, 250));
  }
}

const REASON = 'CAD disagrees with the read: CAD 91 (triage) on a normal read';

describe('CAD discordance', () => {
  it('holds a normal read of a triage-band study for a consultant, who sees why', async () => {
    const reader = await apiLogin(baseUrl, 'radiologist');
    // DEMO1 screens for several programmes and none is chosen: the general thresholds apply.
    const { token, version } = await setUpCad(baseUrl, {
      product: { name: 'CAD4TB', vendor: 'Delft Imaging', version: `7.2.${Date.now()}` },
      thresholds: { operating: 50, triage: 80, note: 'e2e calibration' },
      integration: 'E2E discordance CAD',
    });
    const studyUid = await sendCxr(dicomPort, 'DEMO1', { name: 'CADDISC^NORMAL', id: 'E2E-DISC' });
    await readOf(reader, studyUid);
    const res = await postCadResult(baseUrl, token, {
      studyInstanceUid: studyUid,
      product: { name: 'CAD4TB', version },
      score: 91,
    });
    expect(res.status).toBe(200);

    // The radiologist signs a normal read: it is held, not released, with what CAD saw.
    const page = await signedIn(browser, baseUrl, 'radiologist');
    await navigate(page, 'Worklist');
    // GENERAL is blind first: the reader sees the triage raise, not the score.
    await worklistRow(page, /CADDISC, NORMAL/)
      .getByText('Urgent')
      .waitFor();
    const panel = await claimFromWorklist(page, /CADDISC, NORMAL/);
    await panel.pickForm('Chest X-ray Report — TB Screening');
    await page.keyboard.press('Alt+KeyN');
    await panel.saved();
    await page.keyboard.press('Control+Enter');
    expect(await panel.confirmSign('Normal')).toBe('pending_consultation');
    await page.getByText('Held for consultation').waitFor();
    await page.getByText(REASON).waitFor();
    await shot(page, 'cad-discordance-held');

    // The consultant takes the consultation task and sees the same reason.
    const consultant = await signedIn(browser, baseUrl, 'consultant');
    await navigate(consultant, 'Worklist');
    const row = worklistRow(consultant, /CADDISC, NORMAL/).and(
      consultant.locator('[data-state="queued"]'),
    );
    await row.waitFor({ timeout: 20_000 });
    await row.click();
    await consultant.waitForURL(/\/read\//);
    const held = consultant.getByTestId('consultation-panel');
    await held.waitFor({ timeout: 30_000 });
    await held.getByText(REASON).waitFor();
    await shot(consultant, 'cad-discordance-consultant');
    await page.context().close();
    await consultant.context().close();
  });

  it('shows QA the CAD rule on the consultation rules page, on by default, with its cuts', async () => {
    const page = await signedIn(browser, baseUrl, 'qa');
    await navigate(page, 'Consultation rules');
    const row = page
      .getByRole('table', { name: 'Consultation rules' })
      .getByRole('row', { name: /CAD disagrees with the read/ });
    await row.waitFor();
    expect(await row.getByRole('switch').isChecked()).toBe(true);
    expect(await row.innerText()).toContain('in the triage band on a normal read');
    await row.getByRole('button', { name: 'Edit CAD disagrees with the read' }).click();
    const drawer = page.getByRole('form', { name: 'Edit rule' });
    const low = drawer.getByLabel('A TB finding is held when the CAD score is below');
    await low.waitFor();
    expect(await low.inputValue()).toBe('25 % of operating');
    await shotsAtBothWidths(page, 'cad-discordance-rule');
    await page.context().close();
  });

  it('lets QA set the discordant sampling rate of a peer-review programme', async () => {
    const page = await signedIn(browser, baseUrl, 'qa');
    await navigate(page, 'Peer-review programmes');
    await page.getByRole('button', { name: 'New programme' }).first().click();
    const drawer = page.getByRole('dialog', { name: 'New programme' });
    const rate = drawer.getByLabel('Reads CAD disagreed with');
    await rate.waitFor();
    expect(await rate.inputValue()).toBe('0 %');
    await rate.fill('50');
    await shotsAtBothWidths(page, 'cad-discordance-sampling');
    // Left unsaved: the programmes are shared by the other tests.
    await page.context().close();
  });
});
