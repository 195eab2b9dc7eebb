/**
 * A new clinic from creation to live in the running demo server: the administrator creates it
 * and its AE title; support works its checklist on the Onboarding page (the AE and the test
 * image sent by storescu show as found, steps ticked, a training recorded), starts the pilot;
 * a radiologist signs pilot reports, which the clinic sees marked PILOT; a second radiologist
 * second-reads them; support signs off and the clinic goes live. The file's own clinic and its
 * user stay (as the admin file's clinic does): no shared row is changed. Set
 * TELERAD_SCREENSHOTS=<dir> to keep screenshots.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCall, apiLogin, openAllCentres, type ApiSession } from './support/api';
import { launchBrowser, newPage } from './support/browser';
import { LoginPage, navigate } from './support/pages';
import { openClinicReport, sendCxr, signedIn, signNormalReadByApi } from './support/reportPages';
import { shotsAtBothWidths } from './support/screenshots';

let browser: Browser;
const baseUrl = inject('baseUrl');
const dicomPort = inject('dicomPort');
const tag = randomUUID().slice(0, 6).toUpperCase();
const code = `ONB${tag}`;
const clinicUser = `onb.${tag.toLowerCase()}`;
const password = 'onboarding-e2e-password';
let clinicId: string;
let admin: ApiSession;

beforeAll(async () => {
  browser = await launchBrowser();
  await openAllCentres(baseUrl);
  admin = await apiLogin(baseUrl, 'admin');
});
afterAll(async () => browser?.close());

interface Task {
  id: string;
  type: string;
  studyUid: string;
}

/** The tasks of `s`'s worklist of `type` on the given studies, once they are all there. */
async function tasksOn(s: ApiSession, type: string, studyUids: string[]): Promise<Task[]> {
  let found: Task[] = [];
  await expect
    .poll(
      async () => {
        const page = await apiCall<{ tasks: Task[] }>(baseUrl, s, 'GET', '/api/worklist?limit=200');
        found = page.tasks.filter((t) => t.type === type && studyUids.includes(t.studyUid));
        return found.length;
      },
      { timeout: 60_000 },
    )
    .toBe(studyUids.length);
  return found;
}

/** The radiologist signs a normal US read of each study by API (each is released). */
async function signNormalReads(studyUids: string[]): Promise<void> {
  for (const uid of studyUids) await signNormalReadByApi(baseUrl, uid);
}

/** The step card of `title` on the checklist. */
const step = (page: Page, key: string) => page.locator(`[data-step="${key}"]`);

/** Sets a step's status with its segmented control and waits for the card to say so. */
async function setStep(page: Page, key: string, label: string): Promise<void> {
  await step(page, key).getByText(label, { exact: true }).click();
  await expect
    .poll(() => step(page, key).getByRole('radio', { name: label }).isChecked())
    .toBe(true);
}

describe('onboarding a clinic from creation to live', () => {
  let support: Page;

  it('creates the clinic, which starts in onboarding with its checklist', async () => {
    const centres = await apiCall<{ id: string; name: string }[]>(
      baseUrl,
      admin,
      'GET',
      '/api/centres',
    );
    const clinic = await apiCall<{ id: string; status: string }>(
      baseUrl,
      admin,
      'POST',
      '/api/clinics',
      {
        code,
        name: `Onboarding Clinic ${tag}`,
        country: 'UG',
        timeZone: 'Africa/Kampala',
        homeCentreId: centres.find((c) => c.name === 'Global Centre')!.id,
        programmes: ['US'],
      },
    );
    clinicId = clinic.id;
    expect(clinic.status).toBe('onboarding');
    await apiCall(baseUrl, admin, 'POST', '/api/users', {
      username: clinicUser,
      displayName: `Onboarding Technician ${tag}`,
      roles: ['clinic'],
      clinicIds: [clinicId],
      password,
    });

    support = await signedIn(browser, baseUrl, 'support');
    await navigate(support, 'Onboarding');
    const row = support.locator(`[data-clinic="${code}"]`);
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('Technical preparation');
    await shotsAtBothWidths(support, 'onboarding-list');
    await row.getByRole('link').click();
    await support.getByTestId('onboarding-section').waitFor();
    await expect
      .poll(() => support.getByTestId('move-pilot').textContent())
      .toContain('Network test');
  });

  it('finds the AE title and the test image itself, and moves to pilot once prepared and trained', async () => {
    await apiCall(baseUrl, admin, 'PATCH', `/api/clinics/${clinicId}`, {
      aeTitles: [{ aeTitle: code, allowedNetworks: [] }],
    });
    const testStudy = await sendCxr(dicomPort, code, { name: `TEST^IMAGE${tag}`, id: `T-${tag}` });
    await expect
      .poll(
        async () => {
          await support.reload();
          return step(support, 'test-image')
            .getByTestId('evidence')
            .textContent({ timeout: 2000 })
            .catch(() => '');
        },
        { timeout: 60_000 },
      )
      .toMatch(/First study received/);
    expect(await step(support, 'ae-registration').getByTestId('evidence').textContent()).toBe(
      `Found: AE title ${code}`,
    );
    // The test image is read and its report goes back: the round trip shows as found.
    await signNormalReads([testStudy]);
    await expect
      .poll(
        async () => {
          await support.reload();
          return step(support, 'round-trip').getAttribute('data-complete');
        },
        { timeout: 60_000 },
      )
      .toBe('true');

    await setStep(support, 'network-test', 'Done');
    await setStep(support, 'gateway-enrolment', 'Not applicable');
    const training = support.getByTestId('training');
    await training.getByLabel('…or name, without an account').fill('Amina Okello');
    await training.getByLabel('Sending and uploading images').check();
    await training.getByLabel('Reading and downloading reports').check();
    await training.getByRole('button', { name: 'Record training' }).click();
    await training.getByRole('cell', { name: 'Amina Okello', exact: true }).waitFor();
    await shotsAtBothWidths(support, 'onboarding-checklist-ready', { fullPage: true });

    await support.getByRole('button', { name: 'Start the pilot' }).click();
    await expect.poll(() => support.getByTestId('clinic-status').textContent()).toBe('Pilot');
  });

  it('marks pilot reports PILOT for the clinic and second-reads them; goes live after sign-off', async () => {
    const studies: string[] = [];
    for (let i = 1; i <= 3; i++)
      studies.push(
        await sendCxr(dicomPort, code, { name: `PILOT^PATIENT${tag}${i}`, id: `P-${tag}-${i}` }),
      );
    await signNormalReads(studies);

    const { page: clinic } = await newPage(browser, baseUrl);
    await new LoginPage(clinic).open().then((l) => l.signIn(clinicUser, password));
    const region = await openClinicReport(clinic, new RegExp(`PATIENT${tag}1`));
    await region.getByTestId('pilot-report').waitFor();
    expect(await region.getByTestId('pilot-report').textContent()).toContain('PILOT');
    await shotsAtBothWidths(clinic, 'onboarding-pilot-report');
    await clinic.context().close();

    const reviewer = await apiLogin(baseUrl, 'radiologist2');
    for (const t of await tasksOn(reviewer, 'peer_review', studies)) {
      await apiCall(baseUrl, reviewer, 'POST', `/api/tasks/${t.id}/claim`);
      await apiCall(baseUrl, reviewer, 'POST', `/api/tasks/${t.id}/peer-review/score`, {
        score: '1',
      });
    }

    await support.reload();
    await expect
      .poll(() => support.getByTestId('pilot-progress').textContent())
      .toContain('3 of 3 second reads needed, 0 major');
    expect(await support.getByTestId('move-live').textContent()).toContain('Go-live sign-off');
    await setStep(support, 'golive-signoff', 'Done');
    await step(support, 'golive-signoff').getByTestId('ticked-by').waitFor();
    expect(await step(support, 'golive-signoff').getByTestId('ticked-by').textContent()).toMatch(
      /^Signed off by Sam Support on \d{4}-\d\d-\d\d$/,
    );
    await support.getByRole('button', { name: 'Go live' }).click();
    await expect.poll(() => support.getByTestId('clinic-status').textContent()).toBe('Live');
    await shotsAtBothWidths(support, 'onboarding-live', { fullPage: true });
    const after = await apiCall<{ status: string }>(
      baseUrl,
      admin,
      'GET',
      `/api/clinics/${clinicId}`,
    );
    expect(after.status).toBe('live');
    await support.context().close();
  });
});
