import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { WorklistTask } from '@telerad/contracts';
import { apiCall, apiLogin, openAllCentres } from './support/api';
import { launchBrowser } from './support/browser';
import { navigate } from './support/pages';
import { claimFromWorklist, openClinicReport, signedIn, worklistRow } from './support/reportPages';
import { shotsAtBothWidths } from './support/screenshots';
import { instancesSeenBy, sendWithOneCut, thinLink, writeStudyFolder } from './support/upload';

/**
 * A clinic's day with the centre, end to end in the running demo server, the clinic on a thin
 * link (750 kbit/s, 300 ms, emulated by Chromium through CDP): the clinic sends a folder of three
 * images from the browser and the link is cut once on the way; each image arrives once; the
 * study reaches the radiologist; the clinic and the assistant talk about it live in the study's
 * conversation; the radiologist asks for a retake from the reading screen; the clinic takes it on
 * and sends the new image from the browser; the same reading comes back to the worklist, is read
 * and released; the clinic opens the report, and the assistant's desk stops listing it as
 * unopened. Set TELERAD_SCREENSHOTS=<dir> to keep screenshots of each step.
 */
let browser: Browser;
let dir: string;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
  // Readings route at once, whatever the demo centres' hours.
  await openAllCentres(baseUrl);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-e2e-journey-'));
});
afterAll(async () => {
  await browser?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("a clinic's study from sending to the opened report", () => {
  it('is sent over a cut thin link, read, retaken, released, and opened by the clinic', async () => {
    const tag = Date.now().toString(36).toUpperCase();
    const patient = { name: 'JOURNEY^AMARA', id: `JRN-${tag}` };
    const byId = new RegExp(patient.id);
    const sent = await writeStudyFolder(path.join(dir, 'APPLICANT'), patient, 3);

    // 1. The clinic sends the folder from the browser over a thin link, cut once mid-upload.
    const clinic = await signedIn(browser, baseUrl, 'clinic1');
    const link = await thinLink(clinic.context(), clinic);
    await navigate(clinic, 'Send images');
    await clinic.getByTestId('choose-folder').setInputFiles(sent.folder);
    await expect.poll(() => clinic.getByTestId('upload-row').count()).toBe(3);
    await sendWithOneCut(clinic, link, 3, { failedShot: 'journey-send-failed' });
    await shotsAtBothWidths(clinic, 'journey-1-sent', { fullPage: true });

    // 2. Each image arrived exactly once, as the clinic's archive view lists the study.
    const stored = await instancesSeenBy(baseUrl, sent.studyInstanceUid, 'clinic1');
    expect([...stored].sort()).toEqual([...sent.sopInstanceUids].sort());

    // 3. The study reaches the radiologist's worklist and opens on the reading screen.
    const reader = await signedIn(browser, baseUrl, 'radiologist');
    const readerApi = await apiLogin(baseUrl, 'radiologist');
    const task = async () => {
      const page = await apiCall<{ tasks: WorklistTask[] }>(
        baseUrl,
        readerApi,
        'GET',
        `/api/worklist?state=all&q=${patient.id}`,
      );
      return page.tasks.find((t) => t.studyUid === sent.studyInstanceUid);
    };
    const first = await task();
    expect(first?.queuedAt).toBeTruthy();
    await claimFromWorklist(reader, byId);
    await shotsAtBothWidths(reader, 'journey-3-reading');

    // 4. The clinic and the assistant talk about the applicant in the study's conversation,
    // each on an open page: every message appears on the other side without a reload.
    const assistant = await signedIn(browser, baseUrl, 'assistant');
    const conversation = (page: Page) => ({
      box: page.getByRole('textbox', { name: 'Message' }),
      message: (text: string) => page.getByTestId('message').filter({ hasText: text }),
    });
    await clinic.goto(`/studies/${sent.studyInstanceUid}`);
    await clinic.getByRole('tab', { name: 'Messages' }).click();
    await assistant.goto(`/studies/${sent.studyInstanceUid}`);
    await assistant.getByRole('tab', { name: 'Messages' }).click();
    const atClinic = conversation(clinic);
    const atDesk = conversation(assistant);
    await atClinic.box.waitFor();
    await atDesk.box.waitFor();
    await atClinic.box.fill('Amara had TB treatment in 2019, completed. Is her reading started?');
    await atClinic.box.press('Enter');
    await atDesk.message('TB treatment in 2019').waitFor({ timeout: 30_000 });
    await atDesk.box.fill('Yes, a radiologist has it open now. I will tell you when it is done.');
    await atDesk.box.press('Enter');
    await atClinic.message('a radiologist has it open now').waitFor({ timeout: 30_000 });
    await shotsAtBothWidths(clinic, 'journey-4-messages-clinic', {
      ready: () => atClinic.message('a radiologist has it open now').waitFor(),
    });
    await shotsAtBothWidths(assistant, 'journey-4-messages-assistant', {
      ready: () => atDesk.message('TB treatment in 2019').waitFor(),
    });

    // 5. The radiologist asks for a retake with the reading screen's key.
    await reader.keyboard.press('Alt+KeyR');
    const dialog = reader.getByRole('dialog', { name: 'Ask the clinic for new images' });
    await dialog.getByRole('checkbox', { name: 'Under-exposed' }).check();
    await dialog
      .getByRole('textbox', { name: 'Note for the clinic' })
      .fill('Too dark: please raise the exposure and send a new PA view.');
    await dialog.getByRole('button', { name: 'Send to the clinic' }).click();
    await reader.waitForURL(/\/worklist/);
    await worklistRow(reader, byId).waitFor({ state: 'detached' });

    // The clinic reads the request on the study and takes it on.
    await clinic.goto(`/studies/${sent.studyInstanceUid}`);
    const reports = clinic.getByRole('region', { name: 'Reports', exact: true });
    await reports.getByText('Retake requested').waitFor();
    expect(await reports.innerText()).toContain('raise the exposure');
    await reports.getByRole('button', { name: 'We will take new images' }).click();
    await reports.getByText(/Taken on by Clinic One Technician/).waitFor();
    await shotsAtBothWidths(clinic, 'journey-5-retake-taken-on', { fullPage: true });

    // It sends the new image of the same study from the browser, on the same thin link.
    const retake = await writeStudyFolder(path.join(dir, 'RETAKE'), patient, 1, {
      study: sent,
      from: 4,
    });
    await navigate(clinic, 'Send images');
    await clinic.getByTestId('choose-files').setInputFiles(retake.files);
    await expect.poll(() => clinic.getByTestId('upload-row').count()).toBe(1);
    await clinic.getByText('Looks right').waitFor();
    await clinic.getByRole('button', { name: 'Send 1 image' }).click();
    await clinic.getByText('Received by the centre').waitFor({ timeout: 60_000 });
    await shotsAtBothWidths(clinic, 'journey-5-retake-sent', { fullPage: true });
    const all = await instancesSeenBy(baseUrl, sent.studyInstanceUid, 'clinic1');
    expect(all.sort()).toEqual([...sent.sopInstanceUids, ...retake.sopInstanceUids].sort());

    // The same reading is back on the worklist, with the new image.
    await navigate(reader, 'Worklist');
    await worklistRow(reader, byId).waitFor({ timeout: 30_000 });
    const back = await task();
    expect(back).toMatchObject({ id: first!.id, arrivedAt: first!.arrivedAt, numImages: 4 });

    // 6. The assistant's desk is open while the radiologist reads and signs the study.
    await navigate(assistant, 'Desk');
    await assistant.getByRole('heading', { name: 'Desk', exact: true }).waitFor();
    await assistant.getByRole('status', { name: 'Live updates: Live' }).waitFor();

    const panel = await claimFromWorklist(reader, byId);
    await panel.pickForm('Chest X-ray Report — TB Screening');
    await reader.keyboard.press('Alt+KeyN');
    await panel.saved();
    await reader.keyboard.press('Control+Enter');
    expect(await panel.confirmSign('Normal')).toBe('final');
    // Its turnaround runs from when it first joined the queue, the retake's wait included.
    const done = await task();
    expect(done?.completedAt).toBeTruthy();
    expect(done!.turnaroundMinutes).toBeCloseTo(
      (Date.parse(done!.completedAt!) - Date.parse(first!.queuedAt!)) / 60_000,
      1,
    );

    // Released: it arrives on the open desk as a report nobody at the clinic has opened.
    const unopened = assistant
      .locator('[data-desk-item^="report_unopened:"]')
      .filter({ hasText: patient.id });
    await unopened.waitFor({ timeout: 30_000 });
    await shotsAtBothWidths(assistant, 'journey-6-desk-unopened');

    // The clinic sees the report and opens it.
    const report = await openClinicReport(clinic, byId);
    expect(await report.innerText()).toContain('Chest X-ray Report — TB Screening');
    await shotsAtBothWidths(clinic, 'journey-6-clinic-report', { fullPage: true });

    // The desk drops it without a reload, and the study shows it opened by the clinic.
    await unopened.waitFor({ state: 'detached', timeout: 30_000 });
    await shotsAtBothWidths(assistant, 'journey-6-desk-opened');
    await assistant.goto(`/studies/${encodeURIComponent(sent.studyInstanceUid)}`);
    const receipt = assistant
      .getByRole('region', { name: 'Reports' })
      .getByTestId('clinic-receipt');
    await receipt.getByText(/^Viewed by the clinic .+ by Clinic One Technician/).waitFor();
    expect(await receipt.getAttribute('data-opened')).toBe('true');
    await shotsAtBothWidths(assistant, 'journey-6-study-opened', { fullPage: true });

    for (const page of [clinic, reader, assistant]) await page.context().close();
  }, 300_000);
});
