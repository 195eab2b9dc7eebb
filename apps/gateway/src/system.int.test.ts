import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiLogin } from '../../../e2e/support/api';
import { latestGatewayHealth } from '../../server/src/modules/gateways';
import { writeCxr, type WrittenFile } from '../../server/src/testing/dicomFixtures';
import { startServer, type ServerProcess } from '../../server/src/testing/serverProcess';
import { createTestDb, type TestDb } from '../../server/src/testing/testDb';
import {
  gatewaySetup,
  killGateway,
  runCli,
  sameDataset,
  startGatewayProcess,
  statusOf,
  storescu,
  until as untilHolds,
  type GatewayProcess,
  type GatewaySetup,
} from './testSupport';

/**
 * The clinic gateway end to end, every part real: a Telerad server process, a gateway created
 * by support and enrolled by `telerad-gateway enrol --code`, the `run` process with JPEG-LS on,
 * DCMTK's storescu as the modality. The gateway is killed (SIGKILL) while a resumable upload is
 * in flight and started again; the centre is stopped while the gateway still has work, until the
 * gateway has recorded a failed attempt, and started again on the same data and database. In the
 * end every instance storescu had acknowledged is archived exactly once, and the archived
 * JPEG-LS object, decoded by DCMTK's dcmdjpls (a decoder independent of the gateway's), equals
 * the original: pixel data byte for byte, every other attribute too.
 */
const run = promisify(execFile);
let tdb: TestDb;
let server: ServerProcess;
let setup: GatewaySetup;
let gateway: GatewayProcess | undefined;
let clinicId: string;

/** The gateway's status page as JSON (the same the clinic's IT person reads). */
interface Status {
  queue: { depth: number };
  sentInstances: number;
  errorCount: number;
  recentErrors: { code: string }[];
}
const status = () => statusOf<Status>(setup.statusPort);
/** Waits for `check`, showing the gateway's log when it never holds. */
const until = (what: string, check: () => Promise<boolean> | boolean) =>
  untilHolds(what, check, () => gateway?.output().slice(-4000) ?? '');

beforeAll(async () => {
  tdb = await createTestDb({ migrate: false });
  server = await startServer({ env: { DATABASE_URL: tdb.url, TELERAD_DEMO_STUDIES: '0' } });
  clinicId = (
    await tdb.db
      .selectFrom('clinics')
      .select('id')
      .where('code', '=', 'DEMO1')
      .executeTakeFirstOrThrow()
  ).id;
}, 180_000);
afterAll(async () => {
  await killGateway(gateway);
  await server?.stop();
  await tdb?.drop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  if (setup) fs.rmSync(setup.dir, { recursive: true, force: true });
});

describe('gateway and centre, end to end', () => {
  it('archives every acknowledged instance exactly once, lossless, through a gateway kill and a centre outage', async () => {
    // Support adds the gateway; the clinic enrols it with the one-time code.
    const support = await apiLogin(server.url, 'support');
    const { code, gateway: created } = await apiCall<{ code: string; gateway: { id: string } }>(
      server.url,
      support,
      'POST',
      `/api/clinics/${clinicId}/gateways`,
      { name: 'System test gateway' },
    );
    setup = await gatewaySetup({
      centreUrl: server.url,
      heartbeatSeconds: 5,
      transfer: {
        compression: 'jpeg-ls',
        // Above 64 KiB an instance goes by tus: the 512² images, not the 128² ones.
        tusAboveBytes: 64 * 1024,
        tusChunkBytes: 64 * 1024,
        batchCount: 2,
        // Slow enough (200 kB/s) that the kill and the outage find work in flight.
        bandwidthKbps: 1600,
        backoffBaseMs: 100,
        backoffCapMs: 1000,
        requestTimeoutMs: 5000,
      },
    });
    const enrolled = await runCli(['enrol', '--config', setup.configFile, '--code', code]);
    expect(enrolled.code, enrolled.stderr).toBe(0);

    // 12-, 14- and 16-bit phantoms with detector noise: large ones first in the queue.
    const files: WrittenFile[] = [];
    for (const [i, bitsStored] of ([12, 14, 16] as const).entries())
      files.push(
        await writeCxr(path.join(setup.dir, `large-${i}.dcm`), 'explicitLE', {
          rows: 512,
          columns: 512,
          bitsStored,
          seed: 500 + i,
          noise: 'detector',
        }),
      );
    for (const [i, bitsStored] of ([12, 14, 16, 12] as const).entries())
      files.push(
        await writeCxr(path.join(setup.dir, `small-${i}.dcm`), 'explicitLE', {
          rows: 128,
          columns: 128,
          bitsStored,
          seed: 600 + i,
          noise: 'detector',
        }),
      );

    gateway = await startGatewayProcess(setup.configFile, setup.statusPort);
    const sent = await storescu(
      setup.dicomPort,
      'CR_ROOM1',
      files.map((f) => f.path),
    );
    expect(sent.ok, sent.output).toBe(true);
    // storescu -v logs one response per instance: all of them acknowledged with Success.
    expect(sent.output.match(/Received Store Response \(Success\)/g)).toHaveLength(files.length);
    const acknowledged = files;

    // SIGKILL while a resumable upload is open: its record is on disk and not everything is sent.
    const tusDir = path.join(setup.dir, 'data', 'transfer', 'tus');
    await until('a tus upload in flight', async () => {
      const open = fs.existsSync(tusDir) && fs.readdirSync(tusDir).some((f) => f.endsWith('.json'));
      return open && (await status()).queue.depth > 0;
    });
    await killGateway(gateway);
    gateway = await startGatewayProcess(setup.configFile, setup.statusPort);
    expect((await status()).queue.depth).toBeGreaterThan(0);

    // The centre goes away while the gateway still has work, until it has failed at least once.
    const { dataDir } = server;
    const port = Number(new URL(server.url).port);
    await server.stop();
    await until('a failed attempt on the status page', async () => {
      const s = await status();
      return s.errorCount > 0 && s.queue.depth > 0;
    });
    server = await startServer({
      dataDir,
      port,
      env: { DATABASE_URL: tdb.url, TELERAD_DEMO_STUDIES: '0' },
    });
    await until('an empty queue', async () => (await status()).queue.depth === 0);

    // Exactly once: one instance row (of any version) per SOP Instance UID.
    const rows = await tdb.db
      .selectFrom('instances')
      .select(['sop_uid', 'version', 'transfer_syntax_uid'])
      .where(
        'sop_uid',
        'in',
        acknowledged.map((f) => f.sopInstanceUid),
      )
      .execute();
    expect(rows.map((r) => r.sop_uid).sort()).toEqual(
      acknowledged.map((f) => f.sopInstanceUid).sort(),
    );
    expect(rows.every((r) => r.version === 1)).toBe(true);
    expect(rows.every((r) => r.transfer_syntax_uid === '1.2.840.10008.1.2.4.80')).toBe(true);

    // Lossless: DCMTK decodes the archived object (read as the viewer does) back to the original.
    const reader = await apiLogin(server.url, 'support');
    for (const f of acknowledged) {
      const res = await fetch(
        `${server.url}/dicomweb/studies/${f.studyInstanceUid}/series/${f.seriesInstanceUid}/instances/${f.sopInstanceUid}`,
        {
          headers: {
            cookie: reader.cookie,
            accept: 'multipart/related; type="application/dicom"; transfer-syntax=*',
          },
        },
      );
      expect(res.status).toBe(200);
      const body = Buffer.from(await res.arrayBuffer());
      const archived = path.join(setup.dir, `archived-${f.sopInstanceUid}.dcm`);
      const decoded = path.join(setup.dir, `decoded-${f.sopInstanceUid}.dcm`);
      fs.writeFileSync(
        archived,
        body.subarray(body.indexOf('\r\n\r\n') + 4, body.lastIndexOf('\r\n--')),
      );
      await run('dcmdjpls', [archived, decoded]);
      expect(sameDataset(fs.readFileSync(f.path), fs.readFileSync(decoded))).toEqual([]);
    }

    // The heartbeat reached the centre's network monitor.
    const health = await latestGatewayHealth(tdb.db, [clinicId]);
    expect(health.find((h) => h.gatewayId === created.id)).toMatchObject({
      clinicId,
      lastHeartbeatAt: expect.any(String),
    });
  }, 300_000);
});
