import fs from 'node:fs';
import { copyFile, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiLogin } from '../../../e2e/support/api';
import { accessions, findWorklist, valueOf } from '../../server/src/testing/dicom/worklistScu';
import { startServer, type ServerProcess } from '../../server/src/testing/serverProcess';
import { createTestDb, type TestDb } from '../../server/src/testing/testDb';
import { loadConfig } from './config';
import { readCredentials } from './credentials';
import { runGateway, type RunningGateway } from './run';
import { gatewaySetup, quietLog, runCli, statusOf, until, type GatewaySetup } from './testSupport';
import { OUTBOX_DIR, WORKLIST_CACHE_FILE } from './worklist';

/**
 * The gateway keeps its clinic's worklist through an outage, against a real Telerad server
 * process: the sync fills the cache on disk and then costs bodiless 304s; with the centre stopped
 * a restarted gateway answers from the cache alone; an applicant registered at the gateway's
 * local page during the outage is on its worklist at once (DCMTK's findscu -W gets it from the
 * gateway while the centre is stopped) and reaches the centre once the centre
 * is back, exactly once even when the gateway stopped after the centre made the order and before
 * it forgot it (the outbox file put back as such a crash leaves it).
 */
let tdb: TestDb;
let server: ServerProcess;
let setup: GatewaySetup;
let gateway: RunningGateway | undefined;
let clinicId: string;

interface Status {
  orders: { waiting: number; refused: number };
  worklist: { items: number; syncedAt: string | null; lastSync: { ok: boolean } | null };
}
const status = () => statusOf<Status>(setup.statusPort);

const start = async () =>
  (gateway = await runGateway(await loadConfig(setup.configFile), quietLog()));
const stop = async () => {
  await gateway?.stop();
  gateway = undefined;
};

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
  await stop();
  await server?.stop();
  await tdb?.drop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  if (setup) fs.rmSync(setup.dir, { recursive: true, force: true });
});

describe('the gateway worklist through an outage', () => {
  it('syncs, answers from its cache with the centre stopped, and hands over local orders exactly once', async () => {
    const support = await apiLogin(server.url, 'support');
    const { code } = await apiCall<{ code: string }>(
      server.url,
      support,
      'POST',
      `/api/clinics/${clinicId}/gateways`,
      { name: 'Worklist gateway' },
    );
    setup = await gatewaySetup({ centreUrl: server.url, worklistSyncSeconds: 1 });
    const enrolled = await runCli(['enrol', '--config', setup.configFile, '--code', code]);
    expect(enrolled.code, enrolled.stderr).toBe(0);
    const dataDir = path.join(setup.dir, 'data');

    // The clinic registers an applicant in the portal; the gateway's sync brings it down.
    const clinic = await apiLogin(server.url, 'clinic1');
    const portal = await apiCall<{ accessionNumber: string; studyInstanceUid: string }>(
      server.url,
      clinic,
      'POST',
      `/api/clinics/${clinicId}/orders`,
      {
        patientId: 'WL-0001',
        familyName: 'Okafor',
        givenName: 'Ada',
        birthDate: '1988-02-03',
        sex: 'F',
      },
    );
    await start();
    await until(
      'the portal order in the cache',
      async () =>
        // The file is written before the copy in memory is swapped: wait for both.
        (await readFile(path.join(dataDir, WORKLIST_CACHE_FILE), 'utf8')).includes(
          portal.studyInstanceUid,
        ) &&
        (await gateway!.worklist()).some((e) => e.studyInstanceUid === portal.studyInstanceUid),
    );
    const entries = await gateway!.worklist();
    expect(entries.find((e) => e.accessionNumber === portal.accessionNumber)).toMatchObject({
      patientId: 'WL-0001',
      patientName: 'Okafor^Ada',
      birthDate: '1988-02-03',
      studyInstanceUid: portal.studyInstanceUid,
    });

    // Nothing changes: the next polls are answered 304, without the list.
    const token = (await readCredentials(dataDir))!.token;
    const cached = JSON.parse(await readFile(path.join(dataDir, WORKLIST_CACHE_FILE), 'utf8')) as {
      etag: string;
      syncedAt: string;
    };
    const direct = await fetch(`${server.url}/api/gateways/worklist`, {
      headers: { authorization: `Bearer ${token}`, 'if-none-match': cached.etag },
    });
    expect(direct.status).toBe(304);
    expect(await direct.text()).toBe('');
    // The gateway's own polls are answered 304 too: the centre confirms its list (the status
    // page's time moves on) while the file, rewritten on every 200, keeps its first answer.
    const confirmedAfter = async (after: string) => {
      let at = after;
      await until('a 304 poll by the gateway itself', async () => {
        at = (await status()).worklist.syncedAt ?? after;
        return at > after;
      });
      return at;
    };
    await confirmedAfter(await confirmedAfter(cached.syncedAt));
    const onDisk = JSON.parse(await readFile(path.join(dataDir, WORKLIST_CACHE_FILE), 'utf8')) as {
      syncedAt: string;
    };
    expect(onDisk.syncedAt).toBe(cached.syncedAt);
    // Only answers that carried the list are audited reads; the 304s disclosed nothing.
    const reads = await tdb.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'gateway.worklist')
      .where('actor_name', 'is not', null)
      .execute();
    expect(reads.every((r) => (r.details as { notModified?: boolean }).notModified === false)).toBe(
      true,
    );

    // The link is cut: the centre stops, and the gateway is restarted with no centre at all.
    const port = Number(new URL(server.url).port);
    const serverDataDir = server.dataDir;
    await server.stop();
    await stop();
    await start();
    expect((await gateway!.worklist()).map((e) => e.accessionNumber)).toContain(
      portal.accessionNumber,
    );
    await until('a failed sync', async () => (await status()).worklist.lastSync?.ok === false);
    expect((await status()).worklist.items).toBeGreaterThanOrEqual(1);

    // The front desk registers an applicant at the gateway: on the worklist at once.
    const bad = await fetch(`http://127.0.0.1:${setup.statusPort}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ patientId: 'WL-0002', birthDate: '1990-13-40', sex: 'F' }),
    });
    expect(bad.status).toBe(400);
    const form = await fetch(`http://127.0.0.1:${setup.statusPort}/orders`, {
      method: 'POST',
      body: 'patientId=WL-0002',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    const res = await fetch(`http://127.0.0.1:${setup.statusPort}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        patientId: 'WL-0002',
        familyName: 'Mensah',
        givenName: 'Kofi',
        birthDate: '1979-11-30',
        sex: 'M',
        stationAeTitle: 'CR_ROOM1',
      }),
    });
    expect(res.status).toBe(201);
    const local = (await res.json()) as {
      localId: string;
      accessionNumber: string;
      studyInstanceUid: string;
    };
    expect(local.accessionNumber).toMatch(/^G\d{10}$/);
    expect((await status()).orders.waiting).toBe(1);
    const during = await gateway!.worklist();
    expect(during.find((e) => e.accessionNumber === local.accessionNumber)).toMatchObject({
      patientId: 'WL-0002',
      patientName: 'Mensah^Kofi',
      sex: 'M',
      stationAeTitle: 'CR_ROOM1',
      studyInstanceUid: local.studyInstanceUid,
    });
    // The X-ray unit asks the gateway (DCMTK findscu -W) with the link still cut: the cached
    // portal order and the one registered here, with the identity and UID the image must carry.
    const mwl = await findWorklist(setup.dir, setup.dicomPort, 'CR_ROOM1', {}, 'CLINIC_GW');
    expect(mwl.code, mwl.out).toBe(0);
    expect(accessions(mwl)).toEqual(
      expect.arrayContaining([portal.accessionNumber, local.accessionNumber]),
    );
    const answered = mwl.answers.find((a) => valueOf(a, '00080050') === local.accessionNumber)!;
    expect(valueOf(answered, '00100010')).toBe('Mensah^Kofi');
    expect(valueOf(answered, '00100020')).toBe('WL-0002');
    expect(valueOf(answered, '0020000D')).toBe(local.studyInstanceUid);
    const page = await (await fetch(`http://127.0.0.1:${setup.statusPort}/orders`)).text();
    expect(page).toContain(local.accessionNumber);
    const status1 = await runCli(['status', '--config', setup.configFile]);
    expect(status1.stdout).toContain('1 waiting for the centre');

    // The order's file as it stands before the push: what a crash after the centre's commit
    // and before the gateway forgets it would leave on disk.
    const outboxFile = path.join(dataDir, OUTBOX_DIR, `${local.localId}.json`);
    const saved = path.join(setup.dir, 'saved-order.json');
    await copyFile(outboxFile, saved);

    // The link is back: the order reaches the centre, keeping its accession number and UID.
    server = await startServer({
      dataDir: serverDataDir,
      port,
      env: { DATABASE_URL: tdb.url, TELERAD_DEMO_STUDIES: '0' },
    });
    const madeAtCentre = () =>
      tdb.db.selectFrom('orders').selectAll().where('external_id', '=', local.localId).execute();
    await until('the order at the centre', async () => (await madeAtCentre()).length > 0);
    await until('an empty outbox', async () => (await status()).orders.waiting === 0);
    expect((await status()).orders.refused).toBe(0);
    const made = await madeAtCentre();
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({
      clinic_id: clinicId,
      source: 'gateway',
      accession_number: local.accessionNumber,
      study_instance_uid: local.studyInstanceUid,
      patient_id: 'WL-0002',
    });
    // Once the centre's list carries it, the worklist still serves it once.
    await until(
      'the pushed order in the centre list',
      async () =>
        // The file is written before the copy in memory is swapped: wait for both.
        (await readFile(path.join(dataDir, WORKLIST_CACHE_FILE), 'utf8')).includes(
          local.studyInstanceUid,
        ) && (await gateway!.worklist()).some((e) => e.studyInstanceUid === local.studyInstanceUid),
    );
    expect(
      (await gateway!.worklist()).filter((e) => e.accessionNumber === local.accessionNumber),
    ).toHaveLength(1);

    // The crash state: the gateway stopped before forgetting the pushed order. Started again,
    // it pushes it again; the centre answers the order it already made, and the outbox empties.
    await stop();
    await copyFile(saved, outboxFile);
    await start();
    await until('the re-pushed order answered', async () => (await status()).orders.waiting === 0);
    expect(await readdir(path.join(dataDir, OUTBOX_DIR))).not.toContain(`${local.localId}.json`);
    const after = await tdb.db
      .selectFrom('orders')
      .select('id')
      .where('external_id', '=', local.localId)
      .execute();
    expect(after).toEqual([{ id: made[0]!.id }]);
    const pushes = await tdb.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'gateway.orders')
      .where('outcome', '=', 'success')
      .orderBy('id')
      .execute();
    expect(pushes.map((p) => (p.details as { existing: number }).existing)).toEqual([0, 1]);
  }, 240_000);
});
