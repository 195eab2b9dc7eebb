/**
 * The e2e files share one demo server, and each must leave it as it found it: a file that
 * leaves clinic1 reading French, an account locked, a notification switch off or a programme
 * sampling every read turns later files' pages into something they do not expect, and the
 * failure shows far from its cause. This setup file snapshots the shared configuration before a
 * file runs and fails that file, naming each row, if a row it held is gone or changed after it.
 * Rows a file adds (a clinic of its own, a new user) are its own business, except where a new
 * row changes what every later file sees (an active peer-review programme).
 */
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';

interface Watched {
  table: string;
  /** Columns that move with ordinary use (sign-ins, push assignment), not with configuration. */
  volatile?: readonly string[];
  /** Rows that must not exist after a file unless they existed before it. */
  noNew?: string;
}

const WATCHED: readonly Watched[] = [
  {
    table: 'users',
    volatile: [
      'last_login_at',
      'last_assigned_at',
      'on_shift',
      'mfa_last_step',
      'password_changed_at',
      'updated_at',
    ],
  },
  { table: 'clinics', volatile: ['updated_at'] },
  // Opening every centre around today is what the files do first; the hours themselves are watched.
  { table: 'centres', volatile: ['exceptions', 'updated_at'] },
  { table: 'clinic_ae_titles' },
  // Replacing a clinic's senders writes new rows: their ids and times are not the configuration.
  { table: 'clinic_hl7_senders', volatile: ['id', 'created_at'] },
  // A destination left behind sends every later file's DEMO1 release to a closed port.
  { table: 'clinic_hl7_destinations', noNew: 'true' },
  { table: 'user_clinics' },
  { table: 'clinic_assistants' },
  { table: 'settings', volatile: ['updated_at', 'updated_by'] },
  // A bell switched off and left off silences that kind for every later file.
  {
    table: 'notification_preferences',
    volatile: ['updated_at'],
    noNew: "channel = 'app' and not enabled",
  },
  { table: 'peer_review_programmes', volatile: ['updated_at', 'updated_by'], noNew: 'active' },
];

type Snapshot = Map<string, Set<string>>;

async function columnsOf(db: pg.Client, table: string): Promise<Set<string>> {
  const { rows } = await db.query<{ column_name: string }>(
    `select column_name from information_schema.columns
      where table_schema = current_schema() and table_name = $1`,
    [table],
  );
  return new Set(rows.map((r) => r.column_name));
}

/** Each watched table's rows as canonical JSON, without its volatile columns. */
async function snapshot(db: pg.Client): Promise<Snapshot> {
  const out: Snapshot = new Map();
  for (const w of WATCHED) {
    const cols = await columnsOf(db, w.table);
    const drop = (w.volatile ?? []).filter((c) => cols.has(c));
    const minus = drop.map((c) => ` - '${c}'`).join('');
    const { rows } = await db.query<{ j: string }>(
      `select (to_jsonb(t)${minus})::text as j from ${w.table} t`,
    );
    out.set(w.table, new Set(rows.map((r) => r.j)));
  }
  return out;
}

/** New rows of a `noNew` table that match its predicate. */
async function newRows(db: pg.Client, w: Watched, before: Set<string>): Promise<string[]> {
  if (!w.noNew) return [];
  const cols = await columnsOf(db, w.table);
  const minus = (w.volatile ?? [])
    .filter((c) => cols.has(c))
    .map((c) => ` - '${c}'`)
    .join('');
  const { rows } = await db.query<{ j: string }>(
    `select (to_jsonb(t)${minus})::text as j from ${w.table} t where ${w.noNew}`,
  );
  return rows.map((r) => r.j).filter((j) => !before.has(j));
}

let db: pg.Client | null = null;
let before: Snapshot | null = null;

beforeAll(async () => {
  db = new pg.Client({ connectionString: inject('databaseUrl') });
  await db.connect();
  before = await snapshot(db);
});

afterAll(async () => {
  if (!db || !before) return;
  try {
    const after = await snapshot(db);
    const problems: string[] = [];
    for (const w of WATCHED) {
      const was = before.get(w.table) ?? new Set<string>();
      const now = after.get(w.table) ?? new Set<string>();
      for (const row of was)
        if (!now.has(row)) problems.push(`${w.table}: changed or removed ${row}`);
      for (const row of await newRows(db, w, was)) problems.push(`${w.table}: left behind ${row}`);
    }
    if (problems.length > 0)
      throw new Error(
        `This file left the shared demo server changed; restore what it changes in a finally:\n` +
          problems.join('\n'),
      );
  } finally {
    await db.end();
  }
});
