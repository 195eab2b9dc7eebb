/**
 * The whole CAD loop end to end in the running demo server, over real DICOM both ways: QA
 * calibrates a CAD product version; an administrator points a CAD integration for DEMO1 at the
 * test CAD peer (DCMTK storescp as the CAD's AE) and admits the peer's AE title for its answers.
 * A CXR arrives from DEMO1; once stable it is forwarded to the peer by C-STORE, and the peer
 * answers with a Chest CAD SR built by xml2dsr and a heatmap Secondary Capture, by C-STORE. The
 * score then shows live on QA's open worklist in the triage band, and the read is raised to
 * urgent on the radiologist's worklist without its score (GENERAL is blind first). The
 * radiologist reads blind, commits a first impression, then sees the score and the heatmap; a
 * normal read of this high-score study is held for a consultant with the reason.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startCadPeer, type CadPeer } from '../apps/server/src/testing/cadPeer';
import { apiCall, apiLogin, openAllCentres } from './support/api';
import { launchBrowser } from './support/browser';
import { setUpCad } from './support/cad';
import { navigate } from './support/pages';
import { waitForTask } from './support/reading';
import { claimFromWorklist, sendCxr, signedIn, worklistRow } from './support/reportPages';
import { shotsAtBothWidths } from './support/screenshots';

let browser: Browser;
let peer: CadPeer | undefined;
const baseUrl = inject('baseUrl');
const dicomPort = inject('dicomPort');

beforeAll(async () => {
  browser = await launchBrowser();
  await openAllCentres(baseUrl);
});
afterAll(async () => {
  await peer?.close();
  await browser?.close();
});

const REASON = 'CAD disagrees with the read: CAD 91 (triage) on a normal read';

describe('the CAD loop over DICOM', () => {
  it('forwards, takes the SR back, raises the read, keeps the reader blind, then holds a normal read', async () => {
    const reader = await apiLogin(baseUrl, 'radiologist');
    // DEMO1 screens for several programmes and none is chosen: the general thresholds apply.
    const { qa, admin, integrationId, version } = await setUpCad(baseUrl, {
      product: {
        name: 'CAD4TB',
        vendor: 'Delft Imaging',
        version: `7.9.${Date.now()}`,
        errorCodes: [{ code: -1, meaning: 'Not a valid PA chest X-ray' }],
      },
      thresholds: { operating: 50, triage: 80, note: 'e2e CAD loop' },
      integration: `E2E CAD loop ${Date.now().toString(36)}`,
    });

    const aeTitle = 'E2ELOOPCAD';
    peer = await startCadPeer({
      aeTitle,
      telerad: { host: '127.0.0.1', port: dicomPort, aeTitle: 'TELERAD' },
      answer: () => ({
        product: { name: 'CAD4TB', version },
        score: 91,
        finding: { label: 'TB', x: 120, y: 90 },
        heatmap: 'after',
        heatmapInSr: true,
      }),
    });
    try {
      await apiCall(baseUrl, admin, 'PUT', `/api/cad/integrations/${integrationId}/forward`, {
        protocol: 'dimse',
        aeTitle,
        host: '127.0.0.1',
        port: peer.port,
      });
      await apiCall(baseUrl, admin, 'PUT', `/api/cad/integrations/${integrationId}/ae-titles`, {
        aeTitles: [aeTitle],
      });

      // QA watches the worklist before anything arrives: the score must come to the open page.
      const watcher = await signedIn(browser, baseUrl, 'qa');
      await navigate(watcher, 'Worklist');

      const patient = { name: 'CADLOOP^HIGH', id: `E2E-LOOP-${Date.now() % 100000}` };
      const studyUid = await sendCxr(dicomPort, 'DEMO1', patient);
      const taskId = await waitForTask(baseUrl, reader, studyUid, patient.id);

      // 1. Forwarded once stable; the peer answers by C-STORE as the CAD's AE.
      const reply = await peer.replied(studyUid);
      expect(reply.code, reply.out).toBe(0);
      expect(reply.heatmapUid).not.toBeNull();

      // 2. The score shows live on QA's open worklist, in the triage band, the read raised.
      const watched = worklistRow(watcher, /CADLOOP, HIGH/);
      await watched.getByLabel(/CAD score 91, Read first/).waitFor();
      await watched.getByText('Urgent').waitFor();
      await shotsAtBothWidths(watcher, 'cad-loop-worklist');
      const { results } = await apiCall<{ results: { source: string; score: number }[] }>(
        baseUrl,
        qa,
        'GET',
        `/api/studies/${studyUid}/cad`,
      );
      expect(results).toEqual(
        expect.arrayContaining([expect.objectContaining({ source: 'dicom_sr', score: 91 })]),
      );

      // The radiologist's worklist shows the raise with its reason, but not the score.
      const page = await signedIn(browser, baseUrl, 'radiologist');
      await navigate(page, 'Worklist');
      const row = worklistRow(page, /CADLOOP, HIGH/);
      await row.getByText('Urgent').waitFor();
      expect(await row.getByLabel(/CAD score/).count()).toBe(0);
      const list = await apiCall<{ tasks: { id: string; priorityReason: string | null }[] }>(
        baseUrl,
        reader,
        'GET',
        '/api/worklist?limit=500',
      );
      expect(list.tasks.find((t) => t.id === taskId)?.priorityReason).toMatch(/^CAD triage/);

      // 3. Blind first: no score until the first impression, then the score and the heatmap.
      const panel = await claimFromWorklist(page, /CADLOOP, HIGH/);
      const strip = page.getByRole('region', { name: 'CAD' });
      await strip.getByText('Hidden until your first impression').waitFor();
      expect(await strip.textContent()).not.toMatch(/91|CAD4TB/);
      // Nothing on the reading page gives the score away, the triage raise's reason included.
      expect(await page.locator('body').innerText()).not.toMatch(/\b91\b/);
      expect(await page.getByTestId('cad-overlay').count()).toBe(0);
      await page.keyboard.press('n');
      await strip.getByLabel('CAD score 91, Read first').waitFor();
      await strip.getByText(`CAD4TB ${version}`).waitFor();
      await page.getByTestId('cad-heatmap').waitFor();
      await shotsAtBothWidths(page, 'cad-loop-revealed');

      // 4. A normal read of the high-score study is held for a consultant, with the reason.
      await panel.pickForm('Chest X-ray Report — TB Screening');
      await page.keyboard.press('Alt+KeyN');
      await panel.saved();
      await page.keyboard.press('Control+Enter');
      expect(await panel.confirmSign('Normal')).toBe('pending_consultation');
      await page.getByText('Held for consultation').waitFor();
      await page.getByText(REASON).waitFor();
      await page.context().close();
      await watcher.context().close();
    } finally {
      await apiCall(baseUrl, admin, 'DELETE', `/api/cad/integrations/${integrationId}/forward`);
      await apiCall(baseUrl, admin, 'PUT', `/api/cad/integrations/${integrationId}/ae-titles`, {
        aeTitles: [],
      });
    }
  });
});
