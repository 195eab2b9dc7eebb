/**
 * QIDO-RS study searches of the kinds a viewer and a clinic send, timed over HTTP as a signed-in
 * user, with keys drawn from studies that user can see (so a clinic user's searches carry the
 * clinic-scope filter and still find something). Shared by `bench/scale.ts`'s runs.
 */
import pg from 'pg';
import { loadActor } from '../../apps/server/src/modules/auth';
import { DEMO_PASSWORD } from '../../apps/server/src/modules/demo';
import { qido } from '../../apps/server/src/modules/dicomweb/qido';
import { createDb } from '../../apps/server/src/platform/db';
import { percentiles } from './localStore';

/** Keys of one study a search can look for. */
export interface StudyKeys {
  patientId: string;
  accession: string;
  /** `YYYYMMDD`. */
  date: string;
  family: string;
}

/** A signed-in user's session cookie at `baseUrl` (a node or the load balancer). */
export async function signIn(baseUrl: string, username: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username}: ${res.status}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('telerad_session='));
  return cookie!.split(';')[0]!;
}

/**
 * `n` random studies' keys, from clinic `clinicCode` only when given (a clinic user's scope).
 * TABLESAMPLE keeps the draw cheap on a million rows.
 */
export async function sampleKeys(
  dbUrl: string,
  clinicCode: string | null,
  n: number,
): Promise<StudyKeys[]> {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  try {
    const { rows } = await c.query<StudyKeys>(
      `select patient_id as "patientId", accession_number as accession,
              to_char(study_date, 'YYYYMMDD') as date,
              split_part(patient_name_norm, ' ', 1) as family
       from studies s
       where ($1::text is null or clinic_id = (select id from clinics where code = $1))
         and patient_id is not null and accession_number is not null and study_date is not null
       order by random() limit $2`,
      [clinicCode, n],
    );
    if (!rows.length) throw new Error(`no studies to draw keys from (clinic ${clinicCode})`);
    return rows;
  } finally {
    await c.end();
  }
}

/** `YYYYMMDD` `days` before `date`. */
function before(date: string, days: number): string {
  const d = new Date(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10).replaceAll('-', '');
}

/** The query kinds, each a function of a sampled study's keys. */
export const QIDO_KINDS: readonly [string, (k: StudyKeys) => string][] = [
  ['PatientID', (k) => `PatientID=${encodeURIComponent(k.patientId)}&limit=50`],
  ['AccessionNumber', (k) => `AccessionNumber=${encodeURIComponent(k.accession)}&limit=50`],
  ['StudyDate one day', (k) => `StudyDate=${k.date}&limit=100`],
  ['StudyDate 7 days', (k) => `StudyDate=${before(k.date, 6)}-${k.date}&limit=50`],
  [
    'Modality+StudyDate 30 d',
    (k) => `ModalitiesInStudy=CR&StudyDate=${before(k.date, 29)}-${k.date}&limit=50`,
  ],
  ['PatientName prefix*', (k) => `PatientName=${k.family}*&limit=50`],
  ['newest, no filter', () => `limit=50`],
];

/** Latency figures of one query kind, in ms. */
export interface KindTiming {
  kind: string;
  p50: number;
  p95: number;
  p99: number;
  /** Mean number of matches returned. */
  matches: number;
}

/** Runs one search (a QIDO-RS query string); resolves to the number of matches. */
export type Search = (query: string) => Promise<number>;

/**
 * Runs `requests` searches of every kind in turn (one at a time, after 10 untimed), cycling
 * through `keys`.
 */
async function timeKinds(
  search: Search,
  keys: StudyKeys[],
  requests: number,
): Promise<KindTiming[]> {
  const out: KindTiming[] = [];
  for (const [kind, query] of QIDO_KINDS) {
    const ms: number[] = [];
    let matches = 0;
    for (let i = -10; i < requests; i++) {
      const q = query(keys[(i + keys.length * 10) % keys.length]!);
      const t0 = performance.now();
      const n = await search(q);
      if (i < 0) continue;
      ms.push(performance.now() - t0);
      matches += n;
    }
    const p = percentiles(ms);
    out.push({ kind, p50: p.p50, p95: p.p95, p99: p.p99, matches: matches / requests });
  }
  return out;
}

/**
 * Times every kind over HTTP at `baseUrl` (a node or the load balancer) with `cookie`: what a
 * viewer waits for, the route, its audit event and the JSON included. Anything but 200 or 204
 * is an error.
 */
export function timeQidoKinds(
  baseUrl: string,
  cookie: string,
  keys: StudyKeys[],
  requests: number,
): Promise<KindTiming[]> {
  return timeKinds(
    async (q) => {
      const url = `${baseUrl}/dicomweb/studies?${q}`;
      const res = await fetch(url, { headers: { cookie, accept: 'application/dicom+json' } });
      const body = await res.text();
      if (res.status !== 200 && res.status !== 204)
        throw new Error(`${url}: ${res.status} ${body.slice(0, 500)}`);
      return res.status === 200 ? (JSON.parse(body) as unknown[]).length : 0;
    },
    keys,
    requests,
  );
}

/**
 * Times every kind through the QIDO-RS service itself (`qido()`, in this process, on its own
 * pool), as `username`: the index's share of a search, without HTTP and without the other
 * processes' load on the node's event loop.
 */
export async function timeQidoService(
  dbUrl: string,
  username: string,
  keys: StudyKeys[],
  requests: number,
): Promise<KindTiming[]> {
  const { db } = createDb(dbUrl, 2);
  try {
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    const actor = await loadActor(db, user.id, 'session');
    const ctx = { actor, requestId: 'bench-scale', ip: null, db };
    return await timeKinds(
      async (q) =>
        (
          await qido(ctx, {
            level: 'study',
            query: Object.fromEntries(new URLSearchParams(q)),
            baseUrl: 'http://bench/dicomweb',
          })
        ).matches.length,
      keys,
      requests,
    );
  } finally {
    await db.destroy();
  }
}

const ms3 = (r: KindTiming) =>
  `${r.p50.toFixed(1).padStart(6)} ${r.p95.toFixed(1).padStart(6)} ${r.p99.toFixed(1).padStart(6)}`;

/**
 * Prints one user's figures (p50 p95 p99 in ms), over HTTP and, when given, through the service
 * alone; returns the worst p95 of `service` if given, else of `http`.
 */
export function printKinds(who: string, http: KindTiming[], service?: KindTiming[]): number {
  console.log(
    `  as ${who.padEnd(22)}  HTTP p50    p95    p99${service ? '    service p50    p95    p99' : ''}   matches`,
  );
  http.forEach((r, i) =>
    console.log(
      `    ${r.kind.padEnd(24)}   ${ms3(r)}${service ? `          ${ms3(service[i]!)}` : ''}   ${r.matches.toFixed(1).padStart(6)}`,
    ),
  );
  return Math.max(...(service ?? http).map((r) => r.p95));
}
