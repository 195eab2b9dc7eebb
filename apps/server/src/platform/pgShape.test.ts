import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { DependencyShapeError } from './dependencyShape';
import { checkPgShape } from './pgShape';

/** pg with `Connection` or `Client` replaced. */
function doctored(parts: Partial<Pick<typeof pg, 'Connection' | 'Client'>>): typeof pg {
  return { ...pg, ...parts } as typeof pg;
}

describe('checkPgShape', () => {
  it('passes on the installed node-postgres', () => {
    expect(() => checkPgShape()).not.toThrow();
  });

  it('refuses a connection without the Sync writer, naming it', () => {
    class NoSync extends pg.Connection {
      override sync = undefined as unknown as () => void;
    }
    expect(() => checkPgShape(doctored({ Connection: NoSync }))).toThrow(
      /pg .* is installed, but Telerad relies on its internals as of pg 8\.23\.1.*Connection\.sync\(\) is missing/,
    );
  });

  it('refuses a connection that no longer records named statements', () => {
    class Forgetful extends pg.Connection {
      constructor() {
        super();
        delete (this as unknown as Record<string, unknown>).submittedNamedStatements;
      }
    }
    expect(() => checkPgShape(doctored({ Connection: Forgetful }))).toThrow(
      /submittedNamedStatements/,
    );
  });

  it('refuses a client that no longer hands data rows to the query', () => {
    class Deaf extends pg.Client {}
    Object.defineProperty(Deaf.prototype, '_handleDataRow', { value: () => undefined });
    let err: unknown;
    try {
      checkPgShape(doctored({ Client: Deaf }));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DependencyShapeError);
    expect((err as DependencyShapeError).problems).toEqual([
      'Client._handleDataRow no longer hands its message on to handleDataRow',
    ]);
  });
});
