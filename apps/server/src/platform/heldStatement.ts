import type pg from 'pg';

/** The parts of node-postgres's connection a custom query drives (as pg-cursor does). */
interface Connection {
  parse(m: { text: string; name?: string; types?: number[] }): void;
  bind(m: { statement?: string; values: (string | null)[] }): void;
  describe(m: { type: 'P' }): void;
  execute(m: { rows: number }): void;
  flush(): void;
  sync(): void;
  stream: { cork?: () => void; uncork?: () => void; writable?: boolean };
  /** Named statements this connection has prepared, or sent to be prepared (node-postgres). */
  parsedStatements: Record<string, string>;
  submittedNamedStatements: Record<string, string>;
}

/**
 * One statement run at once and committed later (docs/adr/0009). It is sent with the extended
 * query protocol's Parse, Bind, Execute and Flush but no Sync (PS: PostgreSQL's "Extended Query"
 * message flow): the backend runs it and returns its rows inside the implicit transaction that
 * only the next Sync closes. `commit()` sends that Sync, so committing costs one 5-byte message
 * and the WAL flush, and no BEGIN or COMMIT statement of its own. Until then the statement's
 * row locks are held and nothing it wrote is visible to anyone else.
 *
 * `rows` settles when the statement has run (or failed: the transaction is then rolled back);
 * `committed` when the Sync has committed it. A statement that ran but must not commit is
 * abandoned by destroying its connection (`release(true)`): the backend then rolls it back.
 */
export class HeldStatement<Row> {
  private readonly rowsDone = Promise.withResolvers<Row[]>();
  private readonly commitDone = Promise.withResolvers<void>();
  readonly rows = this.rowsDone.promise;
  readonly committed = this.commitDone.promise;
  private readonly got: Row[] = [];
  private connection: Connection | undefined;
  private synced = false;
  private failed = false;
  /** Read by node-postgres: a custom query has no callback of its own. */
  callback = undefined;

  constructor(
    private readonly text: string,
    /** Parameters, as text (what node-postgres would send for them). */
    private readonly values: (string | null)[],
    /** Turns one DataRow's text fields into a row. */
    private readonly decode: (fields: (string | null)[]) => Row,
    /**
     * A name to prepare the statement under, once per connection: later runs on that
     * connection skip its parsing and planning. node-postgres records it (`parsedStatements`)
     * when the backend confirms, as for its own named queries.
     */
    readonly name?: string,
  ) {
    // Callers may await only one of them.
    this.rows.catch(() => undefined);
    this.committed.catch(() => undefined);
  }

  /** Sends the statement on `client` (which it keeps until the commit or failure). */
  run(client: pg.PoolClient): this {
    void client.query(this as unknown as pg.QueryConfig);
    return this;
  }

  /**
   * Commits the statement's transaction: the Sync. It may be sent while the statement still
   * runs: the backend reads it once the statement ends, and commits then, or rolls back if the
   * statement failed (`rows` and `committed` then reject).
   */
  commit(): Promise<void> {
    if (!this.failed && !this.synced && this.connection) {
      this.synced = true;
      this.connection.sync();
    }
    return this.committed;
  }

  // The node-postgres query interface (a "submittable").

  submit(connection: Connection): null {
    this.connection = connection;
    connection.stream.cork?.();
    try {
      const { name } = this;
      if (
        !name ||
        !(connection.parsedStatements[name] ?? connection.submittedNamedStatements[name])
      ) {
        connection.parse({ text: this.text, name });
        if (name) connection.submittedNamedStatements[name] = this.text;
      }
      connection.bind({ statement: name, values: this.values });
      connection.describe({ type: 'P' });
      connection.execute({ rows: 0 });
      connection.flush();
    } finally {
      connection.stream.uncork?.();
    }
    return null;
  }

  handleRowDescription(): void {}

  handleDataRow(msg: { fields: (string | null)[] }): void {
    this.got.push(this.decode(msg.fields));
  }

  handleCommandComplete(): void {
    this.rowsDone.resolve(this.got);
  }

  handleEmptyQuery(): void {
    this.rowsDone.resolve(this.got);
  }

  handlePortalSuspended(): void {}

  handleError(err: unknown, connection?: Connection): void {
    this.failed = true;
    this.rowsDone.reject(err);
    this.commitDone.reject(err);
    // After an error the backend skips everything up to a Sync, then rolls back and is ready
    // again: without one, the connection would never be usable. A failed socket needs none.
    const backendError = typeof (err as { severity?: unknown }).severity === 'string';
    if (backendError && !this.synced && connection?.stream.writable !== false) {
      this.synced = true;
      connection?.sync();
    }
  }

  handleReadyForQuery(): void {
    if (!this.failed) this.commitDone.resolve();
  }
}
