import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  gatewaySetup,
  killGateway,
  runCli,
  startGatewayProcess,
  storescu,
  type GatewayProcess,
} from '../../../../gateway/src/testSupport';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { writeCxr } from '../../testing/dicomFixtures';
import { signIn, type TestClient } from '../../testing/http';
import { addGateway } from './testSupport';

/**
 * The real gateway against the real centre: `telerad-gateway enrol --code` (a child process)
 * exchanges the code support was shown for its token; `run` beats to the centre at start and
 * sends on what DCMTK's storescu gave it, which the centre files under the gateway door and
 * account; `enrol --force` with a rotated code replaces the token the centre then refuses. A
 * gateway started unenrolled, or rotated while it runs, follows its credentials without restart.
 */
let fx: AppFixture;
let centreUrl: string;
let support: TestClient;
let demo1: string;
let dir: string | undefined;
const dirs: string[] = [];
let gateway: GatewayProcess | undefined;

beforeAll(async () => {
  fx = await appWithDemo();
  centreUrl = await fx.app.listen({ port: 0, host: '127.0.0.1' });
  support = await signIn(fx.app, 'support');
  demo1 = (
    await fx.tdb.db
      .selectFrom('clinics')
      .select('id')
      .where('code', '=', 'DEMO1')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await killGateway(gateway);
  await fx?.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const credentials = async () =>
  JSON.parse(await readFile(path.join(dir!, 'data', 'credentials.json'), 'utf8')) as {
    token: string;
    gatewayId: string;
  };

/** Polls `find` (a bounded number of times, no clock assertion) until it answers a row. */
async function eventually<T>(what: string, find: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const row = await find();
    if (row) return row;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${what} from the gateway:\n${gateway?.output() ?? ''}`);
}

/** The centre's row for an instance sent by the gateway, once it has arrived. */
const storedBy = (sopUid: string) =>
  fx.tdb.db
    .selectFrom('instances as i')
    .innerJoin('gateways as g', 'g.service_user_id', 'i.user_id')
    .select(['g.id as gateway_id', 'i.door'])
    .where('i.sop_uid', '=', sopUid)
    .executeTakeFirst();

/** Support rotates the gateway's code; `telerad-gateway enrol --force` takes the new one. */
async function rotateAndEnrol(gatewayId: string, configFile: string): Promise<void> {
  const rotated = await support.request({
    method: 'POST',
    url: `/api/gateways/${gatewayId}/rotate`,
  });
  const { code } = rotated.json() as { code: string };
  const again = await runCli(['enrol', '--config', configFile, '--force', '--code', code]);
  expect(again.code, again.stderr).toBe(0);
}

describe('telerad-gateway against the centre', () => {
  it('enrols with the code, beats, sends a modality image through, and re-enrols with a rotated code', async () => {
    const setup = await gatewaySetup({ centreUrl, heartbeatSeconds: 3600 });
    dir = setup.dir;
    dirs.push(dir);
    const { code, gateway: created } = await addGateway(support, demo1, 'CLI gateway');
    const enrolled = await runCli(['enrol', '--config', setup.configFile, '--code', code]);
    expect(enrolled.code, enrolled.stderr).toBe(0);
    const first = await credentials();
    expect(first.gatewayId).toBe(created.id);
    const row = await fx.tdb.db
      .selectFrom('gateways')
      .select(['host_name', 'enrolled_at'])
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row.host_name).toBe(os.hostname().slice(0, 120));

    gateway = await startGatewayProcess(setup.configFile, setup.statusPort);
    const beat = await eventually('heartbeat', () =>
      fx.tdb.db
        .selectFrom('gateway_heartbeats')
        .selectAll()
        .where('gateway_id', '=', created.id)
        .executeTakeFirst(),
    );
    expect(beat).toMatchObject({ clinic_id: demo1, queue_depth: 0 });

    // An X-ray sent to the gateway by C-STORE reaches the centre, filed as the gateway's.
    const cxr = await writeCxr(path.join(dir, 'room1.dcm'), 'explicitLE', {
      rows: 64,
      columns: 64,
    });
    const sent = await storescu(setup.dicomPort, 'CR_ROOM1', [cxr.path]);
    expect(sent.ok, sent.output).toBe(true);
    const stored = await eventually('instance', () =>
      fx.tdb.db
        .selectFrom('instances as i')
        .innerJoin('studies as s', 's.id', 'i.study_id')
        .innerJoin('gateways as g', 'g.service_user_id', 'i.user_id')
        .select(['i.door', 'g.id as gateway_id', 's.clinic_id'])
        .where('i.sop_uid', '=', cxr.sopInstanceUid)
        .executeTakeFirst(),
    );
    expect(stored).toMatchObject({ gateway_id: created.id, clinic_id: demo1 });
    // A small instance goes by STOW-RS, which records the gateway door.
    expect(stored.door).toBe('gateway');
    await killGateway(gateway);

    await rotateAndEnrol(created.id, setup.configFile);
    const second = await credentials();
    expect(second.token).not.toBe(first.token);
    const old = await fx.app.inject({
      method: 'POST',
      url: '/api/uploads/already-sent',
      headers: { authorization: `Bearer ${first.token}` },
      payload: { sopUids: ['1.2.3'] },
    });
    expect(old.json().error.code).toBe('TOKEN_REVOKED');

    // The first code, replaced by the rotation, is refused with the centre's reason.
    const reused = await runCli(['enrol', '--config', setup.configFile, '--force', '--code', code]);
    expect(reused.code).not.toBe(0);
    expect(reused.stderr).toContain('a newer code replaced it');
  });

  it('starts to beat and upload after enrol, and keeps going after a rotation, without restart', async () => {
    const setup = await gatewaySetup({ centreUrl, heartbeatSeconds: 5 });
    dir = setup.dir;
    dirs.push(dir);
    gateway = await startGatewayProcess(setup.configFile, setup.statusPort);

    // Unenrolled: reception queues the X-ray; nothing can go to the centre yet.
    const first = await writeCxr(path.join(dir, 'first.dcm'), 'explicitLE', {
      rows: 64,
      columns: 64,
    });
    const sent = await storescu(setup.dicomPort, 'CR_ROOM1', [first.path]);
    expect(sent.ok, sent.output).toBe(true);
    const before = (await (
      await fetch(`http://127.0.0.1:${setup.statusPort}/status.json`)
    ).json()) as { enrolled: boolean; queue: { depth: number } };
    expect(before).toMatchObject({ enrolled: false, queue: { depth: 1 } });

    const { code, gateway: created } = await addGateway(support, demo1, 'Live enrol gateway');
    const enrolled = await runCli(['enrol', '--config', setup.configFile, '--code', code]);
    expect(enrolled.code, enrolled.stderr).toBe(0);

    await eventually('heartbeat', () =>
      fx.tdb.db
        .selectFrom('gateway_heartbeats')
        .select('gateway_id')
        .where('gateway_id', '=', created.id)
        .executeTakeFirst(),
    );
    expect(await eventually('queued instance', () => storedBy(first.sopInstanceUid))).toEqual({
      gateway_id: created.id,
      door: 'gateway',
    });

    // Rotation while running: the old token is revoked at once; the gateway takes the new one.
    await rotateAndEnrol(created.id, setup.configFile);
    const { token } = await credentials();
    const rotatedAt = new Date();
    const second = await writeCxr(path.join(dir, 'second.dcm'), 'explicitLE', {
      rows: 64,
      columns: 64,
    });
    const sentAgain = await storescu(setup.dicomPort, 'CR_ROOM1', [second.path]);
    expect(sentAgain.ok, sentAgain.output).toBe(true);
    expect(
      await eventually('instance after rotation', () => storedBy(second.sopInstanceUid)),
    ).toEqual({ gateway_id: created.id, door: 'gateway' });
    await eventually('heartbeat after rotation', () =>
      fx.tdb.db
        .selectFrom('gateway_heartbeats')
        .select('gateway_id')
        .where('gateway_id', '=', created.id)
        .where('received_at', '>', rotatedAt)
        .executeTakeFirst(),
    );
    expect(gateway.output()).toContain('gateway.tokenRotated');
    expect(gateway.output()).not.toContain(token);
    expect(gateway.child.exitCode).toBeNull();
  });
});
