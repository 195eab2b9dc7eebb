/**
 * CAD scores on the worklist end to end in the running demo server: QA registers a CAD product
 * version and calibrates its thresholds, an administrator sets up its integration, two CXRs
 * arrive from DEMO1 by C-STORE, and the CAD posts a score for each to the JSON webhook with its
 * own token. The radiologist's open worklist shows each score with its band without a reload;
 * the one at the triage threshold is raised to urgent with the reason, and sorting by CAD puts
 * it first. Set TELERAD_SCREENSHOTS=<dir> to keep screenshots.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCall, apiLogin, openAllCentres, type ApiSession } from './support/api';
import { launchBrowser } from './support/browser';
import { postCadResult, setUpCad } from './support/cad';
import { navigate } from './support/pages';
import { sendCxr, signedIn, worklistRow } from './support/reportPages';
import { shotsAtBothWidths } from './support/screenshots';

let browser: Browser;
const baseUrl = inject('baseUrl');
const dicomPort = inject('dicomPort');

/** This file's centre shows CAD to its readers from the start (blind first: cadBlindFirst.e2e). */
const generalVisibility = async (visibility: 'from_start' | 'blind_first') =>
  apiCall(baseUrl, await apiLogin(baseUrl, 'qa'), 'PUT', '/api/cad/visibility', {
    programme: 'GENERAL',
    visibility,
  });

beforeAll(async () => {
  browser = await launchBrowser();
  await openAllCentres(baseUrl);
  await generalVisibility('from_start');
});
afterAll(async () => {
  await generalVisibility('blind_first');
  await browser?.close();
});

interface Task {
  id: string;
  studyUid: string;
}

/** Waits until the study's read is on the radiologist's worklist (it arrives once stable). */
async function readOf(s: ApiSession, studyUid: string): Promise<Task> {
  for (;;) {
    const page = await apiCall<{ tasks: Task[] }>(baseUrl, s, 'GET', '/api/worklist?limit=500');
    const task = page.tasks.find((t) => t.studyUid === studyUid);
    if (task) return task;
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('CAD scores on the worklist', () => {
  it('shows scores live with their band, raises the triage one, and sorts by score', async () => {
    const reader = await apiLogin(baseUrl, 'radiologist');
    // DEMO1 screens for several programmes and none is chosen: the general thresholds apply.
    const { token, version } = await setUpCad(baseUrl, {
      product: {
        name: 'CAD4TB',
        vendor: 'Delft Imaging',
        version: `7.0.${Date.now()}`,
        errorCodes: [{ code: -1, meaning: 'Not a valid PA chest X-ray' }],
      },
      thresholds: { operating: 50, triage: 80, note: 'e2e calibration' },
      integration: 'E2E CAD4TB',
    });

    const highUid = await sendCxr(dicomPort, 'DEMO1', { name: 'CADHIGH^TRIAGE', id: 'E2E-CAD-1' });
    const lowUid = await sendCxr(dicomPort, 'DEMO1', { name: 'CADLOW^NORMAL', id: 'E2E-CAD-2' });
    const high = await readOf(reader, highUid);
    await readOf(reader, lowUid);

    const page = await signedIn(browser, baseUrl, 'radiologist');
    await navigate(page, 'Worklist');
    const highRow = worklistRow(page, /CADHIGH, TRIAGE/);
    const lowRow = worklistRow(page, /CADLOW, NORMAL/);
    await highRow.waitFor();
    await lowRow.waitFor();

    const post = async (studyInstanceUid: string, score: number) => {
      const res = await postCadResult(baseUrl, token, {
        studyInstanceUid,
        product: { name: 'CAD4TB', version },
        score,
      });
      expect(res.status).toBe(200);
    };
    await post(highUid, 91);
    await post(lowUid, 12);

    // Pushed to the open page: no reload.
    await highRow.getByLabel(/CAD score 91, Read first/).waitFor();
    await lowRow.getByLabel(/CAD score 12, Low/).waitFor();
    await highRow.getByText('Urgent').waitFor();
    const task = await apiCall<{ tasks: { id: string; priorityReason: string | null }[] }>(
      baseUrl,
      reader,
      'GET',
      '/api/worklist?limit=500',
    );
    expect(task.tasks.find((t) => t.id === high.id)?.priorityReason).toMatch(
      /^CAD triage: CAD4TB .* scored in the GENERAL triage band; raised from routine to urgent$/,
    );

    await page.getByRole('button', { name: 'CAD' }).click();
    await page.waitForURL(/sort=cad/);
    await highRow.waitFor();
    const names = await page
      .getByRole('table', { name: 'Worklist' })
      .getByRole('row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
    const at = (re: RegExp) => names.findIndex((n) => re.test(n));
    expect(at(/CADHIGH/)).toBeLessThan(at(/CADLOW/));
    await shotsAtBothWidths(page, 'cad-worklist');
    await page.context().close();
  });

  it('shows an administrator the CAD triage rule on the routing page, on by default', async () => {
    const page = await signedIn(browser, baseUrl, 'admin');
    await navigate(page, 'Routing & SLA');
    const rule = page.getByRole('switch', { name: /CAD score reaches the triage threshold/ });
    await rule.waitFor();
    expect(await rule.isChecked()).toBe(true);
    await shotsAtBothWidths(page, 'cad-routing-rule', {
      ready: () => rule.scrollIntoViewIfNeeded(),
    });
    await page.context().close();
  });
});
