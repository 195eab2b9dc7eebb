import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { cavityRead, claim, claimSaveSign, newTask, normalRead, OPEN } from './testSupport';

/** The repair migration, run again here on a database left as the old two-step release left it. */
const REPAIR = fs.readFileSync(
  path.join(import.meta.dirname, '../../db/migrations/0015_complete_released_reads.sql'),
  'utf8',
);

let fx: AppFixture;
const client: Record<string, TestClient> = {};
beforeAll(async () => {
  fx = await appWithDemo();
  for (const name of ['radiologist', 'consultant']) client[name] = await signIn(fx.app, name);
});
afterAll(async () => fx?.close());

const tasks = (ids: string[]) =>
  fx.tdb.db
    .selectFrom('reading_tasks')
    .select(['id', 'state', 'completed_at', 'turnaround_minutes'])
    .where('id', 'in', ids)
    .orderBy('id')
    .execute();

/** Reopens tasks as a failure between release and completion used to leave them. */
const reopen = (ids: string[]) =>
  fx.tdb.db
    .updateTable('reading_tasks')
    .set({ state: 'in_progress', completed_at: null, turnaround_minutes: null })
    .where('id', 'in', ids)
    .execute();

describe('migration 0015: reads left open behind a released report', () => {
  it('completes them as of the release, and leaves every other task alone', async () => {
    const released = await newTask(fx, 'DEMO1');
    expect(
      (await claimSaveSign(client.radiologist!, released.taskId, normalRead())).json(),
    ).toMatchObject({ outcome: 'released' });
    const held = await newTask(fx, 'DEMO1');
    const signed = await claimSaveSign(client.radiologist!, held.taskId, cavityRead());
    const consultId = signed.json().consultationTaskId as string;
    await claim(client.consultant!, consultId);
    const concur = await client.consultant!.request({
      method: 'POST',
      url: `/api/consultations/${consultId}/concur`,
      payload: {},
    });
    expect(concur.statusCode, concur.body).toBe(200);
    const stillOpen = await newTask(fx, 'DEMO1');
    await claim(client.radiologist!, stillOpen.taskId);

    const broken = [released.taskId, held.taskId, consultId];
    await reopen(broken);
    await sql.raw(REPAIR).execute(fx.tdb.db);

    const releasedAt = (
      await fx.tdb.db
        .selectFrom('reports')
        .select('released_at')
        .where('task_id', '=', released.taskId)
        .executeTakeFirstOrThrow()
    ).released_at!;
    const repaired = await tasks(broken);
    expect(repaired.map((t) => t.state)).toEqual(['completed', 'completed', 'completed']);
    const read = repaired.find((t) => t.id === released.taskId)!;
    expect(read.completed_at).toEqual(releasedAt);
    const minutes = (releasedAt.getTime() - OPEN.getTime()) / 60_000;
    expect(Number(read.turnaround_minutes)).toBeCloseTo(minutes, 2);
    // A read whose report is not released stays with its reader.
    expect((await tasks([stillOpen.taskId]))[0]!.state).toBe('in_progress');

    // Run again: nothing left to repair, nothing changes.
    await sql.raw(REPAIR).execute(fx.tdb.db);
    expect(await tasks(broken)).toEqual(repaired);
  });
});
