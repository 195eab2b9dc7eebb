import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { writeCxr } from '../../testing/dicomFixtures';
import { signIn, type TestClient } from '../../testing/http';
import { hashPassword } from '../auth';
import { basic as basicAuth, stowBody } from '../dicomweb/testSupport';
import { latestGatewayHealth } from './index';
import { addGateway, beat, enrol, enrolledGateway } from './testSupport';

/**
 * The centre side of clinic gateways (docs/adr/0033): a one-time code enrols once; the token it
 * gives sends for its own clinic only (STOW-RS, tus, the already-sent check) and heartbeats, and
 * nothing else; rotation and revocation end the old token; every write is audited. Heartbeats:
 * heartbeats.int.test.ts.
 */
let fx: AppFixture;
let dir: string;
let support: TestClient;
let demo1: string;
let n = 0;

beforeAll(async () => {
  fx = await appWithDemo();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-gateways-'));
  support = await signIn(fx.app, 'support');
  const clinics = await fx.tdb.db.selectFrom('clinics').select(['id', 'code']).execute();
  demo1 = clinics.find((c) => c.code === 'DEMO1')!.id;
});
afterAll(async () => {
  await fx?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function stow(token: string, query = '') {
  const f = await writeCxr(path.join(dir, `gw-${++n}.dcm`), 'explicitLE', {
    rows: 32,
    columns: 32,
    seed: n,
  });
  const { payload, contentType } = stowBody([fs.readFileSync(f.path)]);
  const res = await fx.app.inject({
    method: 'POST',
    url: `/dicomweb/studies${query}`,
    headers: { ...bearer(token), 'content-type': contentType, accept: 'application/dicom+json' },
    payload,
  });
  return { res, sopUid: f.sopInstanceUid };
}

const gatewayRow = (id: string) =>
  fx.tdb.db.selectFrom('gateways').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

const auditOf = (action: string, resourceId: string) =>
  fx.tdb.db
    .selectFrom('audit_events')
    .select(['outcome', 'clinic_id', 'actor_id'])
    .where('action', '=', action)
    .where('resource_id', '=', resourceId)
    .execute();

describe('gateway enrolment', () => {
  it('takes a code once; a used, expired or unknown code is refused with nothing changed', async () => {
    const added = await addGateway(support, demo1, 'Front desk PC');
    expect(added.gateway.status).toBe('awaiting_enrolment');
    expect(added.code).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    const stored = await gatewayRow(added.gateway.id);
    expect(stored.enrol_code_hash).not.toContain(added.code.replace(/-/g, ''));

    // Typed in lower case without dashes, as a technician might.
    const first = await enrol(fx.app, added.code.toLowerCase().replace(/-/g, ''), 'desk-pc');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ gatewayId: added.gateway.id, clinicCode: 'DEMO1' });
    const after = await gatewayRow(added.gateway.id);
    const tokens = () =>
      fx.tdb.db
        .selectFrom('api_tokens')
        .select(['id', 'revoked_at'])
        .where('user_id', '=', after.service_user_id!)
        .execute();
    const tokensBefore = await tokens();
    expect(tokensBefore).toHaveLength(1);

    const again = await enrol(fx.app, added.code, 'intruder');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('GATEWAY_CODE_USED');
    expect(await gatewayRow(added.gateway.id)).toEqual(after);
    expect(await tokens()).toEqual(tokensBefore);

    const late = await addGateway(support, demo1, 'Late PC');
    await fx.tdb.db
      .updateTable('gateways')
      .set({ enrol_code_expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', late.gateway.id)
      .execute();
    const lateRow = await gatewayRow(late.gateway.id);
    const expired = await enrol(fx.app, late.code);
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error.code).toBe('GATEWAY_CODE_EXPIRED');
    expect(await gatewayRow(late.gateway.id)).toEqual(lateRow);

    const unknown = await enrol(fx.app, 'AAAA-BBBB-CCCC-DDDD');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('GATEWAY_CODE_INVALID');

    // Each refused code leaves its event, with the host name that tried.
    const refusals = await fx.tdb.db
      .selectFrom('audit_events')
      .select(['action', 'outcome', 'details'])
      .where(
        'request_id',
        'in',
        [again, expired, unknown].map((r) => String(r.headers['x-request-id'])),
      )
      .orderBy('id')
      .execute();
    expect(refusals).toHaveLength(3);
    for (const e of refusals)
      expect(e).toMatchObject({ action: 'gateway.enrol', outcome: 'failure' });
    expect(refusals[0]!.details).toMatchObject({ hostName: 'intruder' });

    expect(await auditOf('gateway.create', added.gateway.id)).toEqual([
      expect.objectContaining({ outcome: 'success', clinic_id: demo1 }),
    ]);
    expect(await auditOf('gateway.enrol', added.gateway.id)).toEqual([
      expect.objectContaining({ outcome: 'success', clinic_id: demo1 }),
    ]);
  });

  it('is rate-limited per address at the public door', async () => {
    const limited = await appWithDemo({ loginRateLimit: 3 });
    try {
      const tries = [];
      for (let i = 0; i < 4; i++) tries.push(await enrol(limited.app, 'AAAA-BBBB-CCCC-DDDD'));
      expect(tries.map((r) => r.statusCode)).toEqual([400, 400, 400, 429]);
      expect(tries[3]!.json().error.code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });

  it('lets exactly one of two simultaneous uses of a code win', async () => {
    const { code } = await addGateway(support, demo1, 'Race PC');
    const answers = await Promise.all([enrol(fx.app, code, 'a'), enrol(fx.app, code, 'b')]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
  });
});

describe("a gateway's token", () => {
  it('sends for its own clinic only, through the gateway door', async () => {
    const gw = await enrolledGateway(fx.app, support, demo1, 'Sender');
    const own = await stow(gw.token);
    expect(own.res.statusCode, own.res.body).toBe(200);
    const instance = await fx.tdb.db
      .selectFrom('instances as i')
      .innerJoin('studies as s', 's.id', 'i.study_id')
      .select(['i.door', 'i.user_id', 's.clinic_id'])
      .where('i.sop_uid', '=', own.sopUid)
      .executeTakeFirstOrThrow();
    const account = (await gatewayRow(gw.gatewayId)).service_user_id;
    expect(instance).toEqual({ door: 'gateway', user_id: account, clinic_id: demo1 });

    const foreign = await stow(gw.token, '?clinic=DEMO2');
    expect(foreign.res.statusCode).toBe(404);
    expect(
      await fx.tdb.db
        .selectFrom('instances')
        .select('id')
        .where('sop_uid', '=', foreign.sopUid)
        .execute(),
    ).toHaveLength(0);

    const sent = await fx.app.inject({
      method: 'POST',
      url: '/api/uploads/already-sent',
      headers: bearer(gw.token),
      payload: { sopUids: [own.sopUid] },
    });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().sent).toEqual([expect.objectContaining({ sopUid: own.sopUid })]);
    const tus = await fx.app.inject({
      method: 'POST',
      url: '/api/uploads',
      headers: { ...bearer(gw.token), 'tus-resumable': '1.0.0', 'upload-length': '100' },
    });
    expect(tus.statusCode, tus.body).toBe(201);
  });

  it('reads nothing and administers nothing, and never opens a session', async () => {
    const gw = await enrolledGateway(fx.app, support, demo1, 'Nosy');
    for (const [method, url] of [
      ['GET', '/api/worklist'],
      ['GET', '/api/users'],
      ['GET', '/api/clinics'],
      ['GET', '/api/auth/tokens'],
      ['GET', '/api/gateways'],
      ['GET', '/dicomweb/studies'],
    ] as const) {
      const res = await fx.app.inject({ method, url, headers: bearer(gw.token) });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
    const account = await fx.tdb.db
      .selectFrom('users')
      .select('username')
      .where('id', '=', (await gatewayRow(gw.gatewayId)).service_user_id!)
      .executeTakeFirstOrThrow();
    // Even were a password set on it behind the users module's back, it opens by token only.
    await fx.tdb.db
      .updateTable('users')
      .set({ password_hash: await hashPassword('a-known-password') })
      .where('username', '=', account.username)
      .execute();
    const login = await fx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: account.username, password: 'a-known-password' },
    });
    expect(login.statusCode).toBe(403);
    expect(login.json().error.code).toBe('ACCOUNT_DISABLED');
    const basic = await fx.app.inject({
      method: 'GET',
      url: '/dicomweb/studies',
      headers: { authorization: basicAuth(account.username, 'a-known-password') },
    });
    expect(basic.json().error.code).toBe('ACCOUNT_DISABLED');
    const admin = await signIn(fx.app, 'admin');
    const users = (await admin.request({ method: 'GET', url: '/api/users' })).json() as {
      username: string;
    }[];
    expect(users.map((u) => u.username)).not.toContain(account.username);
  });
});

describe('rotation and revocation', () => {
  it('rotation: the old token works until the gateway re-enrols, then is refused', async () => {
    const gw = await enrolledGateway(fx.app, support, demo1, 'Rotated');
    const rotated = await support.request({
      method: 'POST',
      url: `/api/gateways/${gw.gatewayId}/rotate`,
    });
    expect(rotated.statusCode, rotated.body).toBe(200);
    expect((await beat(fx.app, gw.token)).statusCode).toBe(200);
    const again = await enrol(fx.app, (rotated.json() as { code: string }).code, 'new-pc');
    expect(again.statusCode, again.body).toBe(200);
    const old = await stow(gw.token);
    expect(old.res.statusCode).toBe(401);
    expect(old.res.json().error.code).toBe('TOKEN_REVOKED');
    expect((await beat(fx.app, (again.json() as { token: string }).token)).statusCode).toBe(200);
    expect(await auditOf('gateway.rotate', gw.gatewayId)).toEqual([
      expect.objectContaining({ outcome: 'success', clinic_id: demo1 }),
    ]);
  });

  it('revocation: the token is refused at once, and the gateway cannot be rotated back', async () => {
    const gw = await enrolledGateway(fx.app, support, demo1, 'Revoked');
    const clinic1 = await signIn(fx.app, 'clinic1');
    const byClinic = await clinic1.request({
      method: 'POST',
      url: `/api/gateways/${gw.gatewayId}/revoke`,
    });
    expect(byClinic.statusCode).toBe(403);
    const revoked = await support.request({
      method: 'POST',
      url: `/api/gateways/${gw.gatewayId}/revoke`,
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().status).toBe('revoked');
    const sent = await stow(gw.token);
    expect(sent.res.statusCode).toBe(401);
    expect(sent.res.json().error.code).toBe('TOKEN_REVOKED');
    expect((await beat(fx.app, gw.token)).statusCode).toBe(401);
    const rotate = await support.request({
      method: 'POST',
      url: `/api/gateways/${gw.gatewayId}/rotate`,
    });
    expect(rotate.json().error.code).toBe('GATEWAY_REVOKED');
    // The revocation, and the clinic user's refused attempt before it.
    expect(await auditOf('gateway.revoke', gw.gatewayId)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ outcome: 'success', clinic_id: demo1 }),
        expect.objectContaining({ outcome: 'denied' }),
      ]),
    );
    expect((await latestGatewayHealth(fx.tdb.db, [demo1])).map((h) => h.gatewayId)).not.toContain(
      gw.gatewayId,
    );
  });
});
