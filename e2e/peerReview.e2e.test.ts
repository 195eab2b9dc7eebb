/**
 * Peer review end to end (issue 20 §1): QA sets up a programme; a read the radiologist signs is
 * sampled; a second radiologist scores it 3b on the reading screen; a discrepancy case opens; the
 * consultant settles it with feedback and an addendum that reaches the clinic; the reader sees
 * their score and the feedback; the KPI dashboard counts the 3b and lists its study.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCall, apiLogin, openAllCentres } from './support/api';
import { launchBrowser } from './support/browser';
import { navigate } from './support/pages';
import {
  openClinicReport,
  releaseNormalRead,
  signedIn as signIn,
  worklistRow,
} from './support/reportPages';
import { shotsAtBothWidths } from './support/screenshots';

let browser: Browser;
const baseUrl = inject('baseUrl');
const dicomPort = inject('dicomPort');

beforeAll(async () => {
  browser = await launchBrowser();
  await openAllCentres(baseUrl);
});
afterAll(async () => browser?.close());

const signedIn = (username: string): Promise<Page> => signIn(browser, baseUrl, username);

/** Pauses every programme, so reads signed by other tests on this server are not sampled. */
async function pauseProgrammes(): Promise<void> {
  const qa = await apiLogin(baseUrl, 'qa');
  const { items } = await apiCall<{
    items: { id: string; name: string; rule: unknown; active: boolean }[];
  }>(baseUrl, qa, 'GET', '/api/peer-review/programmes');
  for (const p of items.filter((x) => x.active))
    await apiCall(baseUrl, qa, 'PUT', `/api/peer-review/programmes/${p.id}`, {
      name: p.name,
      active: false,
      rule: p.rule,
    });
}

/** How many peer reviews scored 3b the KPI dashboard counts for the last 30 days. */
async function kpiThreeB(): Promise<number> {
  const qa = await apiLogin(baseUrl, 'qa');
  const d = await apiCall<{ peerReview: { scores: { score: string; count: number }[] } }>(
    baseUrl,
    qa,
    'GET',
    '/api/kpi',
  );
  return d.peerReview.scores.find((s) => s.score === '3b')?.count ?? 0;
}

describe('peer review', () => {
  it('a 3b score opens a discrepancy; the consultant’s addendum reaches the clinic', async () => {
    const threeBBefore = await kpiThreeB();
    // QA: a programme reviewing every read.
    const qa = await signedIn('qa');
    await navigate(qa, 'Peer-review programmes');
    await qa.getByRole('heading', { name: 'Peer-review programmes' }).waitFor();
    await qa.getByRole('button', { name: 'New programme' }).first().click();
    const drawer = qa.getByRole('dialog', { name: 'New programme' });
    await drawer.getByRole('textbox', { name: 'Name' }).fill('Every read (e2e)');
    await drawer.getByRole('textbox', { name: 'Random sample' }).fill('100');
    await drawer.getByRole('checkbox', { name: 'Abnormal read (any result but normal)' }).check();
    await shotsAtBothWidths(qa, 'peer-review-programme-form');
    await drawer.getByRole('button', { name: 'Save' }).click();
    const table = qa.getByRole('table', { name: 'Peer-review programmes' });
    await table.getByRole('row', { name: /Every read \(e2e\)/ }).waitFor();

    try {
      // The radiologist signs a normal read: it is sampled in the release.
      await releaseNormalRead(baseUrl, dicomPort, 'E2E-PEER-1');
    } finally {
      await pauseProgrammes();
    }
    await qa.reload();
    await table.getByRole('row', { name: /Every read \(e2e\)/ }).waitFor();
    await shotsAtBothWidths(qa, 'peer-review-programmes');

    // Its own reader cannot take the review: it goes to the second radiologist.
    const reviewer = await signedIn('radiologist2');
    await navigate(reviewer, 'Worklist');
    const row = worklistRow(reviewer, /E2E-PEER-1/).and(
      reviewer.locator('[data-type="peer_review"]'),
    );
    await row.waitFor({ timeout: 30_000 });
    await row.getByText('Peer review', { exact: true }).waitFor();
    await row.click();
    await reviewer.waitForURL(/\/read\//);
    const panel = reviewer.getByTestId('peer-review-panel');
    await panel.waitFor({ timeout: 30_000 });
    await panel.getByText('No active lung disease.').waitFor();
    expect(await panel.innerText()).not.toContain('Rosa Reyes');
    // Key 5 picks 3b (the fifth score); a discrepancy score asks for a comment.
    await reviewer.keyboard.press('5');
    await expect.poll(() => panel.getByRole('radio', { name: /3b — / }).isChecked()).toBe(true);
    await panel.getByText('This score opens a discrepancy case').waitFor();
    await panel
      .getByRole('textbox', { name: 'Comment' })
      .fill('Right upper zone consolidation was not reported.');
    await shotsAtBothWidths(reviewer, 'peer-review-scoring');
    await panel.getByRole('button', { name: 'Submit score' }).click();
    await panel.getByText('Review scored').waitFor({ timeout: 20_000 });
    await panel.getByText('A discrepancy case is open for a consultant.').waitFor();

    // The consultant settles it: feedback to the reader and an addendum for the clinic.
    const consultant = await signedIn('consultant');
    await navigate(consultant, 'Discrepancies');
    const cases = consultant.getByRole('table', { name: 'Discrepancy cases' });
    const kase = cases.getByRole('row', { name: /Right upper zone consolidation/ });
    await kase.waitFor({ timeout: 20_000 });
    await shotsAtBothWidths(consultant, 'peer-review-discrepancies');
    await kase.click();
    const settle = consultant.getByTestId('resolve-discrepancy');
    await settle.waitFor({ timeout: 20_000 });
    await settle
      .getByRole('textbox', { name: 'Feedback to the reader' })
      .fill('Check both apices on every film before signing.');
    await settle
      .getByRole('checkbox', { name: 'The report must change: release an addendum to the clinic' })
      .check();
    await settle
      .getByRole('textbox', { name: 'Addendum' })
      .fill('Addendum: right upper zone consolidation; clinical review advised.');
    await shotsAtBothWidths(consultant, 'peer-review-discrepancy-settle');
    await settle.getByRole('button', { name: 'Send feedback and release addendum' }).click();
    // Settled: the drawer closes and the case leaves the open list.
    await settle.waitFor({ state: 'detached', timeout: 30_000 });
    await kase.waitFor({ state: 'detached', timeout: 30_000 });

    // The clinic reads the addendum on its report.
    const clinic = await signedIn('clinic1');
    const report = await openClinicReport(clinic, /E2E-PEER-1/);
    await report
      .getByText('Addendum: right upper zone consolidation; clinical review advised.')
      .first()
      .waitFor({ timeout: 20_000 });

    // The reader sees their score and the feedback, not who reviewed it.
    const reader = await signedIn('radiologist');
    await navigate(reader, 'Peer-review scores');
    const scores = reader.getByRole('table', { name: 'Peer-review scores' });
    const mine = scores.getByRole('row', { name: /RADPEER 3b/ });
    await mine.waitFor({ timeout: 20_000 });
    expect(await mine.innerText()).toContain('Check both apices on every film before signing.');
    expect(await reader.locator('main').innerText()).not.toContain('Kamau Njoroge');
    await shotsAtBothWidths(reader, 'peer-review-my-scores');

    // QA sees every reader's scores, named.
    await navigate(qa, 'Peer-review scores');
    const all = qa.getByRole('table', { name: 'Peer-review scores' });
    const named = all.getByRole('row', { name: /Right upper zone consolidation/ });
    await named.waitFor({ timeout: 20_000 });
    expect(await named.innerText()).toContain('Kamau Njoroge');
    await shotsAtBothWidths(qa, 'peer-review-all-scores');

    // The KPI dashboard shows the change: one more 3b, and its study behind the figure.
    await navigate(qa, 'KPI dashboard');
    await qa.getByRole('heading', { name: 'KPI dashboard' }).waitFor();
    const threeB = qa.getByRole('group', { name: 'RADPEER 3b' }).getByRole('button');
    await threeB.waitFor({ timeout: 20_000 });
    expect(Number(await threeB.innerText())).toBe(threeBBefore + 1);
    const peerPanel = qa.getByRole('region', { name: 'Peer review' });
    await peerPanel.getByRole('img').waitFor();
    await shotsAtBothWidths(qa, 'kpi-dashboard');
    await qa.getByRole('region', { name: 'Findings: funnel plot' }).scrollIntoViewIfNeeded();
    await shotsAtBothWidths(qa, 'kpi-dashboard-findings');
    await peerPanel.scrollIntoViewIfNeeded();
    await shotsAtBothWidths(qa, 'kpi-dashboard-quality');
    await threeB.click();
    const behind = qa.getByRole('dialog', { name: 'Peer reviews scored 3b' });
    await behind.getByRole('table', { name: 'Studies behind the figure' }).waitFor();
    await behind
      .getByRole('row', { name: /RADPEER 3b/ })
      .first()
      .waitFor({ timeout: 20_000 });
    expect(await behind.getByRole('row', { name: /E2E-PEER-1/ }).count()).toBe(1);
    await shotsAtBothWidths(qa, 'kpi-dashboard-studies');

    for (const p of [qa, reviewer, consultant, clinic, reader]) await p.context().close();
  });

  it('a blind review shows the original report only after the reviewer’s own read', async () => {
    const qa = await apiLogin(baseUrl, 'qa');
    await apiCall(baseUrl, qa, 'POST', '/api/peer-review/programmes', {
      name: 'Blind sample (e2e)',
      active: true,
      rule: { samplePercent: 100, targets: {}, blind: true },
    });
    try {
      await releaseNormalRead(baseUrl, dicomPort, 'E2E-PEER-BLIND');
    } finally {
      await pauseProgrammes();
    }
    const reviewer = await signedIn('radiologist2');
    await navigate(reviewer, 'Worklist');
    const row = worklistRow(reviewer, /E2E-PEER-BLIND/).and(
      reviewer.locator('[data-type="peer_review"]'),
    );
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    const panel = reviewer.getByTestId('peer-review-panel');
    const blind = panel.getByTestId('blind-read');
    await blind.waitFor({ timeout: 30_000 });
    expect(await panel.innerText()).not.toContain('No active lung disease.');
    await blind.getByText('Normal', { exact: true }).click();
    await blind
      .getByRole('textbox', { name: 'Your impression' })
      .fill('Clear lungs; normal heart.');
    await shotsAtBothWidths(reviewer, 'peer-review-blind-read');
    await blind.getByRole('button', { name: 'Record my read and show the original' }).click();
    await panel.getByText('No active lung disease.').waitFor({ timeout: 20_000 });
    await panel.getByText('Clear lungs; normal heart.').waitFor();
    await reviewer.keyboard.press('1');
    await panel.getByRole('textbox', { name: 'Comment' }).focus();
    await reviewer.keyboard.press('Control+Enter');
    await panel.getByText('Review scored').waitFor({ timeout: 20_000 });
    expect(await panel.getByTestId('peer-score').count()).toBe(0);
    await reviewer.context().close();
  });
});
