import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeCxr } from '../apps/server/src/testing/dicomFixtures';
import { apiCall, apiLogin, openAllCentres } from './support/api';
import { launchBrowser, newPage } from './support/browser';
import { shotsAtBothWidths } from './support/screenshots';
import { LoginPage, navigate } from './support/pages';
import { waitForTask } from './support/reading';
import { instancesSeenBy, sendWithOneCut, thinLink, writeStudyFolder } from './support/upload';

// Issue 19 §2: a clinic without a sending box sends a folder of images from the browser over a
// thin, flaky link (750 kbit/s, 300 ms, emulated by Chromium through CDP); the link is cut once
// mid-upload; every image arrives exactly once and the study reaches a radiologist's worklist.

const baseUrl = inject('baseUrl');
let browser: Browser;
let dir: string;

beforeAll(async () => {
  browser = await launchBrowser();
  await openAllCentres(baseUrl);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-e2e-upload-'));
});
afterAll(async () => {
  await browser?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('send images from the browser', () => {
  it('sends a folder of three images over a cut 750 kbit/s link: each stored once, the study on the worklist', async () => {
    const patient = { name: 'UPLOAD^FOLDER', id: `UP-${Date.now()}` };
    const first = await writeStudyFolder(path.join(dir, 'APPLICANT'), patient, 3);

    const { context, page } = await newPage(browser, baseUrl);
    await new LoginPage(page).open().then((l) => l.signIn('clinic1'));
    await navigate(page, 'Send images');
    await page.getByText('No images chosen yet').waitFor();
    await shotsAtBothWidths(page, 'send-empty', { fullPage: true });

    const cdp = await thinLink(context, page);
    await page.getByTestId('choose-folder').setInputFiles(first.folder);
    const rows = page.getByTestId('upload-row');
    await expect.poll(() => rows.count()).toBe(3);
    // The link is cut once some bytes of the first image are through, then brought back.
    await sendWithOneCut(page, cdp, 3, {
      whileSending: () => shotsAtBothWidths(page, 'send-progress', { fullPage: true }),
    });
    await shotsAtBothWidths(page, 'send-results', { fullPage: true });

    // Exactly three instances in the study, as the clinic's archive view sees it.
    expect(await instancesSeenBy(baseUrl, first.studyInstanceUid, 'clinic1')).toHaveLength(3);

    // The study reaches a radiologist's worklist.
    const radiologist = await apiLogin(baseUrl, 'radiologist');
    await waitForTask(baseUrl, radiologist, first.studyInstanceUid, patient.id, 60_000);

    // A file that is not an image is stopped in the browser, with no way to send it anyway.
    const letter = path.join(dir, 'letter.pdf');
    fs.writeFileSync(letter, '%PDF-1.4 referral letter\n'.repeat(4000));
    await page.getByTestId('choose-files').setInputFiles(letter);
    await page.getByText('This is not an X-ray image file').waitFor();
    await expect.poll(() => page.getByRole('button', { name: /^Send \d/ }).count()).toBe(0);
    await shotsAtBothWidths(page, 'send-warning', { fullPage: true });
    await context.close();
  }, 180_000);

  it('a user of several clinics chooses the clinic before sending, and the images are filed under it', async () => {
    const admin = await apiLogin(baseUrl, 'admin');
    const clinics = await apiCall<{ id: string; code: string }[]>(
      baseUrl,
      admin,
      'GET',
      '/api/clinics',
    );
    const demo = (code: string) => clinics.find((c) => c.code === code)!.id;
    const username = `twoclinics${Date.now()}`;
    const password = 'Two-clinics-sender-2026';
    await apiCall(baseUrl, admin, 'POST', '/api/users', {
      username,
      displayName: 'Sam Two Clinics',
      roles: ['clinic'],
      clinicIds: [demo('DEMO1'), demo('DEMO2')],
      password,
    });
    const image = await writeCxr(path.join(dir, 'two-clinics.dcm'), 'explicitLE', {
      rows: 320,
      columns: 320,
      patient: { name: 'UPLOAD^TWO', id: `UP2-${Date.now()}` },
      seed: 41,
    });

    const { context, page } = await newPage(browser, baseUrl);
    await new LoginPage(page).open().then((l) => l.signIn(username, password));
    await navigate(page, 'Send images');
    const chooser = page.getByRole('combobox', { name: 'Clinic these images come from' });
    await chooser.waitFor();
    await page.getByTestId('choose-files').setInputFiles(image.path);
    await page.getByText('Looks right').waitFor();
    // Nothing goes before the clinic is chosen.
    await page.getByText('Choose the clinic above first').waitFor();
    const send = page.getByRole('button', { name: 'Send 1 image' });
    expect(await send.isDisabled()).toBe(true);
    await shotsAtBothWidths(page, 'send-choose-clinic', { fullPage: true });

    await chooser.click();
    await page.getByRole('option', { name: /\(DEMO2\)/ }).click();
    expect(await send.isDisabled()).toBe(false);
    await send.click();
    await page.getByText('Received by the centre').waitFor({ timeout: 60_000 });
    await shotsAtBothWidths(page, 'send-chosen-clinic', { fullPage: true });
    await context.close();

    // Filed under the chosen clinic: DEMO2's sender sees it, DEMO1's does not.
    const seen = async (user: string) =>
      (await instancesSeenBy(baseUrl, image.studyInstanceUid, user)).length;
    expect(await seen('clinic2')).toBe(1);
    expect(await seen('clinic1')).toBe(0);
  }, 180_000);
});
