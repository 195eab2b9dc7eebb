/**
 * Test support for the delivery integration tests (not imported by production code): released
 * reports made through the real path (a CXR stored by the one ingest path, its primary read
 * claimed, saved and signed through the API), delivery deps, and a DCMTK storescp as the clinic
 * PACS.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { ReportContentInput } from '@telerad/contracts';
import pino from 'pino';
import { expect } from 'vitest';
import type { AppFixture } from '../../testing/appFixture';
import { writeCxr } from '../../testing/dicomFixtures';
import type { TestClient } from '../../testing/http';
import { storeInstance } from '../ingest';
import { claimSaveSign, OPEN } from '../reports/testSupport';
import { createPrimaryReadTask } from '../worklist';
import { ensureDicomDocuments, ensurePdf, readDocument } from './documents';
import { loadReleasedReport } from './load';
import type { DeliveryDeps, DeliverySettings } from './runner';
import { freePort } from '../../testing/serverProcess';

export { freePort };

/**
 * DS-3030 content with a located finding, a recommendation and remarks, that no default
 * consultation rule holds (no cavity, miliary or TB-suggestive finding), so signing releases it.
 */
export const abnormalReport = (): ReportContentInput => ({
  formId: 'us-ds3030',
  formVersion: '2026.1',
  result: 'abnormal',
  findings: [
    {
      code: 'smooth_pleural_thickening',
      formItem: 'smooth_thickening',
      side: 'left',
      zones: ['upper'],
    },
    { code: 'cardiac', formItem: 'cardiac' },
  ],
  quality: { grade: 2, reasons: ['position_rotation'] },
  comparison: 'no_prior',
  recommendations: ['clinical_correlation'],
  impression: 'Left apical pleural thickening and cardiomegaly; no active TB.',
  remarks: 'Cardiomegaly noted.',
  readerFlags: [],
});

/** A normal DS-3030 read (no consultation rule matches it). */
export const normalReport = (): ReportContentInput => ({
  formId: 'us-ds3030',
  formVersion: '2026.1',
  result: 'normal',
  quality: { grade: 1, reasons: [] },
  comparison: 'no_prior',
  impression: 'No active lung disease.',
});

/** A released report of a real stored study. */
export interface Released {
  reportId: string;
  version: number;
  studyUid: string;
  studyId: string;
  sopUid: string;
}

let seq = 0;

/**
 * Stores a small CXR for clinic `clinicCode`, creates its primary read, and has `reader` claim,
 * save and sign `content`; the report is released as version 1.
 */
export async function releasedReport(
  fx: AppFixture,
  reader: TestClient,
  clinicCode: string,
  content: ReportContentInput = normalReport(),
): Promise<Released> {
  const db = fx.tdb.db;
  const clinic = await db
    .selectFrom('clinics')
    .select('id')
    .where('code', '=', clinicCode)
    .executeTakeFirstOrThrow();
  seq++;
  const file = await writeCxr(
    path.join(fx.dataDir, `delivery-${clinicCode}-${seq}.dcm`),
    'explicitLE',
    {
      rows: 64,
      columns: 48,
      seed: seq,
      patient: { name: `DELIVERY^PATIENT${seq}`, id: `DLV-${clinicCode}-${seq}` },
    },
  );
  await storeInstance(
    { db, storage: fx.storage, minFreeBytes: 0, maxObjectBytes: 1 << 30 },
    fs.createReadStream(file.path),
    { door: 'stow', clinicId: clinic.id, userId: null, remoteAddress: '127.0.0.1' },
  );
  const study = await db
    .selectFrom('studies')
    .select('id')
    .where('study_uid', '=', file.studyInstanceUid)
    .executeTakeFirstOrThrow();
  const task = await createPrimaryReadTask(
    db,
    { studyId: study.id, stableAt: OPEN.toISOString(), numInstances: 1 },
    OPEN,
  );
  if (task.outcome !== 'created') throw new Error(`no task: ${task.outcome}`);
  const res = await claimSaveSign(reader, task.taskId, content);
  expect(res.statusCode, res.body).toBe(200);
  const report = res.json().report as { id: string; currentVersion: number };
  expect(report.currentVersion).toBe(1);
  return {
    reportId: report.id,
    version: 1,
    studyUid: file.studyInstanceUid,
    studyId: study.id,
    sopUid: file.sopInstanceUid,
  };
}

/** Delivery deps on the fixture: retries due at once (backoff 0 s) unless told otherwise. */
export function deliveryDeps(fx: AppFixture, over: Partial<DeliverySettings> = {}): DeliveryDeps {
  return {
    db: fx.tdb.db,
    storage: fx.storage,
    log: pino({ level: 'silent' }),
    settings: {
      maxAttempts: 3,
      retryBaseSeconds: 0,
      retryMaxSeconds: 0,
      callingAe: 'TELERAD',
      publicUrl: 'http://telerad.test',
      ...over,
    },
  };
}

/** A DCMTK storescp as the clinic PACS: AE `aeTitle` on `port`, files into `dir`. */
export async function startStorescp(
  aeTitle: string,
  port: number,
  dir: string,
): Promise<ChildProcess> {
  fs.mkdirSync(dir, { recursive: true });
  const p = spawn('storescp', ['-aet', aeTitle, '+xa', '-od', dir, String(port)], {
    stdio: 'ignore',
  });
  // Ready when it accepts a TCP connection.
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return p;
    await new Promise((r) => setTimeout(r, 50));
  }
  p.kill();
  throw new Error('storescp did not start');
}

/** Registers an AE of clinic `clinicCode` with a network address (the clinic PACS). */
export async function registerPacs(
  fx: AppFixture,
  clinicCode: string,
  aeTitle: string,
  port: number,
): Promise<void> {
  const clinic = await fx.tdb.db
    .selectFrom('clinics')
    .select('id')
    .where('code', '=', clinicCode)
    .executeTakeFirstOrThrow();
  await fx.tdb.db
    .insertInto('clinic_ae_titles')
    .values({
      ae_title: aeTitle,
      clinic_id: clinic.id,
      allowed_networks: [],
      position: 9,
      host: '127.0.0.1',
      port,
    })
    .execute();
}

/**
 * The PDF and DICOM SR of a released report version exactly as delivery makes and stores them
 * (for other modules' tests of what a report says to the clinic).
 */
export async function deliveredDocuments(
  fx: AppFixture,
  reportId: string,
  version: number,
): Promise<{ pdf: Buffer; sr: Buffer }> {
  const deps = deliveryDeps(fx);
  const report = await loadReleasedReport(fx.tdb.db, reportId, version);
  if (!report) throw new Error(`report ${reportId} version ${version} is not released`);
  const pdf = await readDocument(fx.storage, await ensurePdf(deps, report));
  const { sr } = await ensureDicomDocuments(deps, report);
  return { pdf, sr: await readDocument(fx.storage, sr) };
}
