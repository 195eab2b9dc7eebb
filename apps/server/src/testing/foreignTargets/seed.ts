import fs from 'node:fs';
import path from 'node:path';
import type { Role } from '@telerad/contracts';
import { storeInstance } from '../../modules/ingest';
import { createPrimaryReadTask } from '../../modules/worklist';
import type { AppFixture } from '../appFixture';
import { writeCxr, type WrittenFile } from '../dicomFixtures';
import { signIn, type TestClient } from '../http';

type Db = AppFixture['tdb']['db'];

/** A centre staff member, as a service call's actor names them. */
export interface StaffUser {
  id: string;
  username: string;
  display_name: string;
}

/** DEMO2's clinic, its clinic user and open study: what every other foreign record hangs on. */
export interface Demo2 {
  fx: AppFixture;
  db: Db;
  clinic: { id: string; name: string; home_centre_id: string };
  clinicUser: { id: string };
  /** DEMO2's clinic user, signed in. */
  c2: TestClient;
  /** The QA user, signed in. */
  qa: TestClient;
  tokenId: string;
  file: WrittenFile;
  studyId: string;
  taskId: string;
}

export async function staffUser(db: Db, username: string): Promise<StaffUser> {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
}

/** A service call's context acting as a centre staff member. */
export function staffCtx(db: Db, u: StaffUser, role: Role) {
  return {
    actor: {
      userId: u.id,
      username: u.username,
      displayName: u.display_name,
      roles: [role],
      clinicIds: [],
      via: 'session' as const,
    },
    requestId: 'foreign-targets',
    ip: null,
    db,
  };
}

/**
 * DEMO2's clinic and clinic user with an API token, and a study stored by the one ingest path
 * with an open primary read.
 */
export async function seedDemo2Study(fx: AppFixture): Promise<Demo2> {
  const db = fx.tdb.db;
  const demo2 = await db
    .selectFrom('clinics')
    .selectAll()
    .where('code', '=', 'DEMO2')
    .executeTakeFirstOrThrow();
  const clinic2 = await db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', 'clinic2')
    .executeTakeFirstOrThrow();
  const c2 = await signIn(fx.app, 'clinic2');
  const token = await c2.request({
    method: 'POST',
    url: '/api/auth/tokens',
    payload: { name: 'clinic2 gateway' },
  });
  if (token.statusCode !== 200) throw new Error(`no token: ${token.body}`);

  const file = await writeCxr(path.join(fx.dataDir, 'demo2-canary.dcm'), 'explicitLE', {
    rows: 16,
    columns: 16,
    patient: { name: 'CANARY^DEMOTWO', id: 'CANARY-DEMO2' },
  });
  await storeInstance(
    { db, storage: fx.storage, minFreeBytes: 0, maxObjectBytes: 1 << 30 },
    fs.createReadStream(file.path),
    { door: 'stow', clinicId: demo2.id, userId: clinic2.id, remoteAddress: '127.0.0.1' },
  );
  const study = await db
    .selectFrom('studies')
    .select('id')
    .where('study_uid', '=', file.studyInstanceUid)
    .executeTakeFirstOrThrow();
  const task = await createPrimaryReadTask(
    db,
    { studyId: study.id, stableAt: new Date().toISOString(), numInstances: 1 },
    new Date(),
  );
  if (task.outcome !== 'created') throw new Error(`no DEMO2 task: ${task.outcome}`);
  const qa = await signIn(fx.app, 'qa');
  return {
    fx,
    db,
    clinic: demo2,
    clinicUser: clinic2,
    c2,
    qa,
    tokenId: (token.json() as { id: string }).id,
    file,
    studyId: study.id,
    taskId: task.taskId,
  };
}
