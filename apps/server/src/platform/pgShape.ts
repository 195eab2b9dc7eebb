import pg from 'pg';
import { DependencyShapeError, installedVersion, sourceOf } from './dependencyShape';

/** The node-postgres version `HeldStatement` was written and measured against (pinned exactly). */
export const PG_PINNED = '8.23.1';

/**
 * For each backend message a custom query handles, the client method that receives it and the
 * query handler that method must call (node-postgres `lib/client.js`).
 */
const HANDED_ON: [clientMethod: string, handler: string][] = [
  ['_handleRowDescription', 'handleRowDescription'],
  ['_handleDataRow', 'handleDataRow'],
  ['_handleCommandComplete', 'handleCommandComplete'],
  ['_handleEmptyQuery', 'handleEmptyQuery'],
  ['_handlePortalSuspended', 'handlePortalSuspended'],
  ['_handleErrorMessage', 'handleError'],
  ['_handleReadyForQuery', 'handleReadyForQuery'],
  // A named statement is recorded as prepared when the backend confirms its Parse.
  ['_handleParseComplete', 'parsedStatements'],
];

/**
 * Checks that node-postgres still has every part `HeldStatement` (docs/adr/0009, 0010, 0012)
 * drives below its query API, and throws `DependencyShapeError` naming what changed:
 * - a connection's protocol writers (`parse`, `bind`, `describe`, `execute`, `flush`, `sync`),
 *   its socket's `cork`/`uncork`, and its records of named statements (`parsedStatements`,
 *   `submittedNamedStatements`), which `HeldStatement.submit` reads and writes;
 * - the client's hand-over of a submittable: `query()` takes an object with `submit`, and the
 *   queue calls `submit(connection)`;
 * - the client's hand-over of each backend message to the active query's handler.
 * `lib` is the library to check (the installed one; tests pass a doctored copy).
 */
export function checkPgShape(lib: typeof pg = pg): void {
  const problems: string[] = [];
  const connection = new lib.Connection() as unknown as Record<string, unknown>;
  for (const m of ['parse', 'bind', 'describe', 'execute', 'flush', 'sync'])
    if (typeof connection[m] !== 'function') problems.push(`Connection.${m}() is missing`);
  for (const f of ['parsedStatements', 'submittedNamedStatements'])
    if (typeof connection[f] !== 'object' || connection[f] === null)
      problems.push(`a connection no longer keeps \`${f}\``);
  const stream = connection.stream as { cork?: unknown; uncork?: unknown } | undefined;
  if (typeof stream?.cork !== 'function' || typeof stream.uncork !== 'function')
    problems.push("a connection's stream can no longer be corked");
  (stream as { destroy?: () => void } | undefined)?.destroy?.();

  const client = lib.Client.prototype as unknown as Record<string, unknown>;
  if (!sourceOf(client.query).includes('.submit'))
    problems.push('Client.query() no longer takes a submittable (an object with submit())');
  if (!sourceOf(client._pulseQueryQueue).includes('.submit(this.connection)'))
    problems.push('the client no longer calls submit(connection) on a queued query');
  for (const [method, handler] of HANDED_ON)
    if (!sourceOf(client[method]).includes(handler))
      problems.push(`Client.${method} no longer hands its message on to ${handler}`);

  if (problems.length)
    throw new DependencyShapeError(
      'pg',
      installedVersion('pg'),
      PG_PINNED,
      problems,
      'the index queue sends each statement below its query API and commits it later with a bare Sync, docs/adr/0009',
    );
}
