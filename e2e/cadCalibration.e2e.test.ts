/**
 * The CAD calibration page end to end in the running demo server: QA registers a CAD product
 * version with thresholds (GENERAL: operating 50, triage 80), four CXRs arrive from DEMO1 by
 * C-STORE, the CAD scores them through its webhook, and the radiologist signs their reads by
 * API. On the page, QA chooses the version and sees the figures computed by hand:
 *
 *   score  90 70 30 20
 *   read    A  N  A  N
 *
 * AUC 3/4 (of the four (A, N) pairs, A scores higher in 90>70, 90>20, 30>20); at 50 one TP (90),
 * one FN (30), one FP (70), one TN → sensitivity and specificity 50 %; at 80 sensitivity 50 %,
 * specificity 100 %; 90 % sensitivity first at 30, specificity 50 %. Clicking the operating
 * threshold's TP count lists the one study. Set TELERAD_SCREENSHOTS=<dir> to keep screenshots.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openAllCentres } from './support/api';
import { launchBrowser } from './support/browser';
import { postCadResult, setUpCad } from './support/cad';
import { navigate } from './support/pages';
import { sendCxr, signedIn, signNormalReadByApi } from './support/reportPages';
import { shotsAtBothWidths } from './support/screenshots';

let browser: Browser;
const baseUrl = inject('baseUrl');
const dicomPort = inject('dicomPort');

beforeAll(async () => {
  browser = await launchBrowser();
  await openAllCentres(baseUrl);
});
afterAll(async () => browser?.close());

const ABNORMAL = {
  result: 'abnormal',
  findings: [{ code: 'consolidation', formItem: 'infiltrate', side: 'right', zones: ['upper'] }],
  recommendations: ['sputum_testing'],
  impression: 'Right upper zone consolidation, suggestive of TB.',
};

describe('CAD calibration page', () => {
  it('shows the ROC, AUC and threshold figures of a version, and lists the studies behind a count', async () => {
    // DEMO1 screens for several programmes and none is chosen: the general thresholds apply.
    const { token, version } = await setUpCad(baseUrl, {
      product: { name: 'CalibCAD', vendor: 'E2E', version: `9.${Date.now()}` },
      thresholds: { operating: 50, triage: 80, note: 'e2e calibration' },
      integration: 'E2E calibration CAD',
    });
    const plan: [number, boolean][] = [
      [90, true],
      [70, false],
      [30, true],
      [20, false],
    ];
    for (const [i, [score, abnormal]] of plan.entries()) {
      const uid = await sendCxr(dicomPort, 'DEMO1', { name: `CALIB^CASE${i}`, id: `E2E-CAL-${i}` });
      const res = await postCadResult(baseUrl, token, {
        studyInstanceUid: uid,
        product: { name: 'CalibCAD', version },
        score,
      });
      expect(res.status).toBe(200);
      await signNormalReadByApi(baseUrl, uid, abnormal ? ABNORMAL : {});
    }

    const page = await signedIn(browser, baseUrl, 'qa');
    await navigate(page, 'CAD calibration');
    await page.getByRole('combobox', { name: 'Product version' }).click();
    await page.getByRole('option', { name: `CalibCAD ${version}` }).click();
    const auc = page.getByTestId('cad-auc');
    await auc.filter({ hasText: '0.750' }).waitFor();
    expect(await page.getByTestId('cad-scored').textContent()).toBe('4');
    const table = page.getByRole('table', {
      name: 'Sensitivity and specificity at each threshold',
    });
    const row = (kind: string) => table.locator(`tr[data-threshold="${kind}"]`);
    const figures = async (kind: string) => [
      await row(kind).locator('[data-figure="sensitivity"]').textContent(),
      await row(kind).locator('[data-figure="specificity"]').textContent(),
    ];
    expect(await figures('operating')).toEqual(['50.0 %', '50.0 %']);
    expect(await figures('triage')).toEqual(['50.0 %', '100.0 %']);
    expect(await figures('sensitivity90')).toEqual(['100.0 %', '50.0 %']);
    await page.getByRole('img', { name: 'ROC curve' }).waitFor();
    await page.getByRole('table', { name: 'Share flagged by clinic and month' }).waitFor();
    await shotsAtBothWidths(page, 'cad-calibration', { fullPage: true });

    await row('operating')
      .getByRole('button', { name: /at or past 50, read abnormal/ })
      .click();
    const drawer = page.getByRole('dialog');
    const studies = drawer.getByRole('table', { name: 'Studies behind the figure' });
    await studies.waitFor();
    expect(await studies.getByRole('row').count()).toBe(2);
    await drawer.getByText('E2E-CAL-0').waitFor();
    await shotsAtBothWidths(page, 'cad-calibration-drill');
    await page.context().close();
  });
});
