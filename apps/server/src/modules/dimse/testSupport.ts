/**
 * Test support for the DIMSE integration tests (not imported by production code): a DIMSE server
 * on its own database with the demo organisation, DCMTK command runners, and a dcmjs-dimse SCU
 * that sends a dataset's bytes exactly as given (so garbage and broken files can be sent).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { readMeta } from '@telerad/dicom';
import { seedDemo } from '../demo';
import type { IngestDeps } from '../ingest';
import type { ObjectStorage } from '../../platform/storage';
import { testStorage } from '../../testing/testStorage';
import { createTestDb, type TestDb } from '../../testing/testDb';
import dimse from './dimse';
import { startDimseServer, type DimseListener, type DimseServerOptions } from './index';
import { freePort } from '../../testing/serverProcess';

export { freePort };

/** A DIMSE server on a fresh demo database. */
export interface DimseFixture {
  tdb: TestDb;
  storage: ObjectStorage;
  dataDir: string;
  server: DimseListener;
  port: number;
  /** Starts another server on the same database and storage (other ingest deps, TLS…). */
  extra(opts: Partial<DimseServerOptions>): Promise<DimseListener>;
  close(): Promise<void>;
}

/** Starts a server for AE `TELERAD` on a free port. */
export async function dimseFixture(): Promise<DimseFixture> {
  const tdb = await createTestDb();
  await seedDemo(tdb.db);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-dimse-'));
  const { storage, close: closeStorage } = await testStorage(dataDir);
  const base: DimseServerOptions = {
    db: tdb.db,
    storage,
    ingest: ingestDeps(tdb, storage),
    aeTitle: 'TELERAD',
    port: 0,
    host: '127.0.0.1',
    logger: pino({ level: 'silent' }),
  };
  const server = await startDimseServer(base);
  const extras: DimseListener[] = [];
  return {
    tdb,
    storage,
    dataDir,
    server,
    port: server.port,
    extra: async (opts) => {
      const s = await startDimseServer({ ...base, ...opts });
      extras.push(s);
      return s;
    },
    close: async () => {
      await Promise.all([server, ...extras].map((s) => s.close(1000)));
      await tdb.drop();
      await closeStorage();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Ingest deps on the fixture's database and storage. */
export function ingestDeps(
  tdb: TestDb,
  storage: ObjectStorage,
  over: Partial<IngestDeps> = {},
): IngestDeps {
  return { db: tdb.db, storage, minFreeBytes: 0, maxObjectBytes: 256 * 1024 * 1024, ...over };
}

/** What a command printed and how it exited. */
export interface Run {
  code: number;
  out: string;
}

/** Runs a DCMTK (or other) command; never rejects. */
export function run(cmd: string, args: string[], timeoutMs = 30_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: timeoutMs }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, out: `${stdout}${stderr}` });
    });
  });
}

/** The dataset bytes of a Part 10 file (after its meta group). */
export function datasetBytes(file: Buffer): Buffer {
  const meta = readMeta((o, l) => file.subarray(o, o + l), file.length);
  return file.subarray(meta.datasetOffset);
}

/** A dataset that is sent as the given bytes, whatever they are. */
class RawDataset extends dimse.Dataset {
  constructor(
    private readonly bytes: Buffer,
    ts: string,
    sopClassUid: string,
    sopInstanceUid: string,
  ) {
    super({ SOPClassUID: sopClassUid, SOPInstanceUID: sopInstanceUid }, ts);
  }
  override getDenaturalizedDataset(): Buffer {
    return this.bytes;
  }
}

/** A C-STORE response as the SCU saw it, or the association rejection. */
export interface SendResult {
  statuses: number[];
  comments: string[];
  rejected?: { result: number; source: number; reason: number };
}

/**
 * Sends datasets with dcmjs-dimse as SCU, each in a presentation context of exactly its transfer
 * syntax, so the bytes on the wire are `bytes` unchanged.
 */
export function sendRaw(
  port: number,
  callingAe: string,
  items: { bytes: Buffer; ts: string; sopClassUid: string; sopUid: string }[],
  calledAe = 'TELERAD',
): Promise<SendResult> {
  const client = new dimse.Client();
  const result: SendResult = { statuses: [], comments: [] };
  for (const it of items) {
    const req = new dimse.requests.CStoreRequest(
      new RawDataset(it.bytes, it.ts, it.sopClassUid, it.sopUid),
    );
    req.on('response', (r: { getStatus(): number; getErrorComment(): string }) => {
      result.statuses.push(r.getStatus());
      result.comments.push(r.getErrorComment() ?? '');
    });
    client.addRequest(req);
    client.addAdditionalPresentationContext(
      new dimse.association.PresentationContext(0, it.sopClassUid, it.ts),
      true,
    );
  }
  return new Promise((resolve) => {
    client.on('associationRejected', (r: SendResult['rejected']) => {
      result.rejected = r;
    });
    client.on('networkError', () => undefined);
    client.on('closed', () => resolve(result));
    client.send('127.0.0.1', port, callingAe, calledAe);
  });
}

/** The stored file of a current SOP instance, or undefined when it was not indexed. */
export async function storedInstance(f: DimseFixture, sopUid: string) {
  const row = await f.tdb.db
    .selectFrom('instances')
    .selectAll()
    .where('sop_uid', '=', sopUid)
    .where('current', '=', true)
    .executeTakeFirst();
  return row && { row, bytes: fs.readFileSync(await f.storage.pathOf(row.storage_key)) };
}
