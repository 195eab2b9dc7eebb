import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBody, subjectOf } from '../apps/server/src/testing/mailText';
import { startServer, type ServerProcess } from '../apps/server/src/testing/serverProcess';
import { startSmtpInbox, type SmtpInbox } from '../apps/server/src/testing/smtpInbox';
import { apiCall, apiLogin, openAllCentres } from './support/api';
import { CHROMIUM_ARGS, CHROMIUM } from './support/browser';
import { LoginPage } from './support/pages';
import { releaseNormalRead } from './support/reportPages';
import { shotsAtBothWidths } from './support/screenshots';
import { chromium } from 'playwright-core';

/**
 * Languages, on a server of its own (the shared one's clinics stay in English for the other
 * tests), with a real SMTP listener: a clinic whose default is French reads its portal and Send
 * images in French, with times in the clinic's zone (Manila) whatever the browser's (Lima); a
 * user who picks Spanish on their profile sees the page change without a reload; and the
 * clinic's e-mail arrives in French.
 */
let server: ServerProcess;
let smtp: SmtpInbox;
let browser: Browser;
const CLINIC_ZONE = 'Asia/Manila';

beforeAll(async () => {
  smtp = await startSmtpInbox();
  server = await startServer({
    env: {
      TELERAD_STABLE_SECONDS: '2',
      TELERAD_DEMO_STUDIES: '0',
      TELERAD_SMTP_URL: smtp.url,
      TELERAD_SMTP_FROM: 'Telerad <alerts@telerad.test>',
      TELERAD_PUBLIC_URL: 'https://telerad.example.org',
    },
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  await openAllCentres(server.url);
  const admin = await apiLogin(server.url, 'admin');
  const users = await apiCall<{ id: string; username: string }[]>(
    server.url,
    admin,
    'GET',
    '/api/users',
  );
  const clinic1 = users.find((u) => u.username === 'clinic1')!;
  await apiCall(server.url, admin, 'PATCH', `/api/users/${clinic1.id}`, {
    email: 'reception@demo1.test',
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  await smtp?.close();
});

/** A browser in Lima speaking English: whatever French or Manila time shows comes from Telerad. */
async function clinicPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 1440, height: 900 },
    locale: 'en-US',
    timezoneId: 'America/Lima',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await new LoginPage(page).open().then((l) => l.signIn('clinic1'));
  return { context, page };
}

/** Compares text as ICU spaces it (narrow and no-break spaces differ between versions). */
const plain = (s: string) => s.replace(/\s/g, ' ');

describe('a clinic in French', () => {
  it('shows the portal and Send images in English before the clinic chooses French', async () => {
    const { context, page } = await clinicPage();
    await page.getByRole('heading', { name: "Today's applicants" }).waitFor();
    await shotsAtBothWidths(page, 'portal-en');
    await page.getByRole('link', { name: 'Send images' }).first().click();
    await page.getByRole('heading', { name: 'Send images' }).waitFor();
    await shotsAtBothWidths(page, 'upload-en');
    await context.close();
  });

  it('reads the portal and Send images in French with times in the clinic’s zone, and e-mails in French', async () => {
    const admin = await apiLogin(server.url, 'admin');
    const clinics = await apiCall<{ id: string; code: string }[]>(
      server.url,
      admin,
      'GET',
      '/api/clinics',
    );
    const demo1 = clinics.find((c) => c.code === 'DEMO1')!;
    await apiCall(server.url, admin, 'PATCH', `/api/clinics/${demo1.id}`, { language: 'fr' });
    await releaseNormalRead(server.url, server.dicomPort, 'LANG-FR-1');

    const mail = await smtp.next((m) => m.to.includes('reception@demo1.test'));
    expect(subjectOf(mail.raw)).toBe('[Telerad] Compte rendu disponible : DELIVERY, LANG-FR-1');
    expect(decodeBody(mail.raw)).toContain('Le compte rendu de DELIVERY, LANG-FR-1 (LANG-FR-1)');
    expect(decodeBody(mail.raw)).toContain(
      'Ouvrez-le dans Telerad : https://telerad.example.org/reports?report=',
    );

    const { context, page } = await clinicPage();
    await page.getByRole('heading', { name: 'Candidats du jour' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.getByRole('link', { name: 'Comptes rendus' }).first().waitFor();
    await shotsAtBothWidths(page, 'portal-fr');
    // The bell tells of the released report in French too.
    await page.getByRole('button', { name: 'Notifications, 1 non lue' }).click();
    await page.getByText(/^Compte rendu disponible : DELIVERY, LANG-FR-1$/).waitFor();
    await shotsAtBothWidths(page, 'bell-fr', {
      ready: () => page.getByRole('list', { name: 'Notifications' }).waitFor(),
    });
    await page.keyboard.press('Escape');

    await page.getByRole('link', { name: 'Envoyer des images' }).first().click();
    await page.getByRole('heading', { name: 'Envoyer des images' }).waitFor();
    await page.getByText('Aucune image choisie pour l’instant.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Choisir des fichiers' }).waitFor();
    await shotsAtBothWidths(page, 'upload-fr');

    await page.getByRole('link', { name: 'Examens', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Examens' }).first().waitFor();
    await page.getByRole('row', { name: /DELIVERY, LANG-FR-1, ID patient LANG-FR-1/ }).waitFor();
    await shotsAtBothWidths(page, 'studies-fr');
    // The study's own page: its header in French, without the centre's technical words.
    await page.getByRole('row', { name: /DELIVERY, LANG-FR-1, ID patient LANG-FR-1/ }).click();
    await page.getByText('Identifiant du patient').waitFor();
    await page.getByRole('link', { name: 'Ouvrir dans la visionneuse' }).waitFor();
    const header = await page.locator('main').innerText();
    expect(header).toContain('Première réception');
    expect(header).not.toMatch(/Accession|accession|Study Instance UID/);
    await shotsAtBothWidths(page, 'study-fr');

    await page.getByRole('link', { name: 'Comptes rendus' }).first().click();
    await page.getByRole('heading', { name: 'Comptes rendus' }).waitFor();
    // The signature's time, in French and Manila time although the browser is in Lima.
    const clinic = await apiLogin(server.url, 'clinic1');
    const { reports } = await apiCall<{ reports: { signedAt: string }[] }>(
      server.url,
      clinic,
      'GET',
      '/api/reports?limit=1',
    );
    const expected = new Intl.DateTimeFormat('fr', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: CLINIC_ZONE,
    }).format(new Date(reports[0]!.signedAt));
    const row = page.getByRole('row', { name: /LANG-FR-1/ });
    await row.waitFor();
    expect(plain(await row.innerText())).toContain(plain(expected));
    await row.click();
    const region = page.getByRole('region', { name: 'Compte rendu' });
    await region.getByText('Télécharger le PDF').waitFor();
    // The report itself stays in English, the programme's language.
    await region.getByText('Findings').waitFor();
    await shotsAtBothWidths(page, 'report-fr');
    await context.close();
  });

  it('switches to Spanish live when the user chooses it on their profile', async () => {
    const { context, page } = await clinicPage();
    await page.getByRole('heading', { name: 'Candidats du jour' }).waitFor();
    await page.getByRole('button', { name: 'Menu du compte' }).click();
    await page.getByRole('menuitem', { name: 'Profil' }).click();
    await page.getByRole('heading', { name: 'Langue' }).waitFor();
    // A mark on the window: a reload would drop it.
    await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
    await page.getByTestId('language-choice').click();
    await page.getByRole('option', { name: 'Español' }).click();
    await page.getByRole('heading', { name: 'Idioma' }).waitFor();
    await page.getByRole('link', { name: 'Enviar imágenes' }).first().waitFor();
    expect(
      await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere),
    ).toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    // Two-factor set-up and API tokens in Spanish too, in the clinic's words.
    await page.getByRole('button', { name: 'Activar la verificación en dos pasos' }).waitFor();
    await page.getByRole('heading', { name: 'Tokens de API' }).waitFor();
    await page.getByRole('button', { name: 'Crear token' }).waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(/DICOM/);
    await shotsAtBothWidths(page, 'profile-es');
    await page.getByRole('link', { name: 'Enviar imágenes' }).first().click();
    await page.getByRole('heading', { name: 'Enviar imágenes' }).waitFor();
    await context.close();
  });
});
