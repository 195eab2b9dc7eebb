import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db';
import { inClinicScope } from './scopeSql';

// A compiler only: the statements are compiled, never sent.
const db = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

const compiled = (scope: 'all' | string[]) =>
  db.selectFrom('studies').select('id').where(inClinicScope(scope, 'studies.clinic_id')).compile();

describe('inClinicScope', () => {
  it('matches every row for centre staff and none for a clinic user without clinics', () => {
    expect(compiled('all').sql).toMatch(/where true$/);
    expect(compiled([]).sql).toMatch(/where false$/);
  });

  it("narrows to the caller's clinics with one array parameter, however many", () => {
    const one = compiled(['c1']);
    const three = compiled(['c1', 'c2', 'c3']);
    expect(one.sql).toMatch(/where "studies"\."clinic_id" = any\(\$1::uuid\[\]\)$/);
    expect(three.sql).toBe(one.sql);
    expect(three.parameters).toEqual([['c1', 'c2', 'c3']]);
  });
});
