import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../testing/testDb';
import { poolOf } from './db';
import { HeldStatement } from './heldStatement';

let tdb: TestDb;
beforeAll(async () => {
  tdb = await createTestDb({ migrate: false });
  await poolOf(tdb.db)!.query('create table held_t (n int primary key)');
});
afterAll(async () => {
  await tdb?.drop();
});

const insert = (n: number) =>
  new HeldStatement('insert into held_t values ($1) returning n', [String(n)], (f) => Number(f[0]));
const visible = async (n: number) =>
  (await poolOf(tdb.db)!.query('select 1 from held_t where n = $1', [n])).rowCount === 1;

describe('HeldStatement', () => {
  it('returns its rows at once and commits only at commit()', async () => {
    const client = await poolOf(tdb.db)!.connect();
    try {
      const s = insert(1).run(client);
      expect(await s.rows).toEqual([1]);
      expect(await visible(1)).toBe(false);
      await s.commit();
      expect(await visible(1)).toBe(true);
      // The connection is ready for the next query.
      expect((await client.query('select 2 as x')).rows).toEqual([{ x: 2 }]);
    } finally {
      client.release();
    }
  });

  it('reports a failed statement, rolls it back and leaves the connection usable', async () => {
    const client = await poolOf(tdb.db)!.connect();
    try {
      const s = insert(1).run(client); // a duplicate key
      await expect(s.rows).rejects.toMatchObject({ code: '23505' });
      await expect(s.committed).rejects.toMatchObject({ code: '23505' });
      expect((await client.query('select 3 as x')).rows).toEqual([{ x: 3 }]);
    } finally {
      client.release();
    }
  });

  it('is rolled back when its connection is dropped before commit()', async () => {
    const client = await poolOf(tdb.db)!.connect();
    const s = insert(4).run(client);
    expect(await s.rows).toEqual([4]);
    client.release(true);
    // The backend sees the connection close and rolls back: the key is free again.
    const again = await poolOf(tdb.db)!.connect();
    try {
      const t = insert(4).run(again);
      expect(await t.rows).toEqual([4]);
      await t.commit();
      expect(await visible(4)).toBe(true);
    } finally {
      again.release();
    }
  });

  it('may be committed before its rows are back: the backend commits as the statement ends', async () => {
    const client = await poolOf(tdb.db)!.connect();
    try {
      const s = new HeldStatement(
        'with w as (insert into held_t values (5) returning n) select n from w, pg_sleep(0.2)',
        [],
        (f) => Number(f[0]),
      ).run(client);
      const committing = s.commit(); // the Sync goes while the statement still runs
      expect(await s.rows).toEqual([5]);
      await committing;
      expect(await visible(5)).toBe(true);
      expect((await client.query('select 6 as x')).rows).toEqual([{ x: 6 }]);
    } finally {
      client.release();
    }
  });

  it('rolls back, not commits, a statement that fails after the Sync was sent', async () => {
    const client = await poolOf(tdb.db)!.connect();
    try {
      const s = new HeldStatement(
        'with w as (insert into held_t values (7) returning n) select n / (n - 7) from w, pg_sleep(0.1)',
        [],
        (f) => Number(f[0]),
      ).run(client);
      const committing = s.commit();
      await expect(s.rows).rejects.toMatchObject({ code: '22012' });
      await expect(committing).rejects.toMatchObject({ code: '22012' });
      expect(await visible(7)).toBe(false);
      expect((await client.query('select 8 as x')).rows).toEqual([{ x: 8 }]);
    } finally {
      client.release();
    }
  });

  it('prepares a named statement once per connection and runs it again by name', async () => {
    const client = await poolOf(tdb.db)!.connect();
    const named = (n: number) =>
      new HeldStatement(
        'insert into held_t values ($1) returning n',
        [String(n)],
        (f) => Number(f[0]),
        'held_insert',
      );
    try {
      for (const n of [9, 10, 11]) {
        const s = named(n).run(client);
        expect(await s.rows).toEqual([n]);
        await s.commit();
      }
      const prepared = await client.query<{ name: string }>(
        'select name from pg_prepared_statements',
      );
      expect(prepared.rows).toEqual([{ name: 'held_insert' }]); // prepared once, used thrice
      expect(await visible(11)).toBe(true);
    } finally {
      client.release();
    }
  });
});
