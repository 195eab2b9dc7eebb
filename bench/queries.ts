/**
 * Archive query latency: QIDO-RS study search with 100,000 studies in the index (target p95 under
 * 50 ms), series search by study-level keys over their 100,000 series (same target), and WADO-RS
 * metadata of a 4-instance study (target under 20 ms). Runs against a real Telerad server with
 * its embedded PostgreSQL; the 100,000 studies and a series each are inserted straight into the
 * index with SQL (their files are not needed for searching). Part of `npm run bench:ingest`; on
 * its own: `node --import tsx bench/queries.ts`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startServer } from '../apps/server/src/testing/serverProcess';
import { writeCxr } from '../apps/server/src/testing/dicomFixtures';
import { storescu } from './lib/peers';
import { benchWorkDir, receiverDir, removeLater } from './lib/workdir';

const STUDIES = 100_000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function time(
  n: number,
  fn: (i: number) => Promise<void>,
): Promise<{ p50: number; p95: number; max: number }> {
  for (let i = 0; i < 10; i++) await fn(i); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p95: percentile(ms, 95), max: ms[ms.length - 1] ?? NaN };
}

async function seedStudies(url: string, clinicId: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(
    `insert into studies (study_uid, clinic_id, patient_id, patient_name, patient_name_norm, patient_birth_date,
       patient_sex, study_date, study_time, accession_number, study_description, modalities, num_series, num_instances,
       size_bytes, first_received_at, last_received_at, stable_at)
     select '2.25.' || (100000000000 + g)::text, $1, 'PID' || g, f || '^' || gv, f || ' ' || gv,
       date '1960-01-01' + (g % 20000), case when g % 2 = 0 then 'F' else 'M' end,
       date '2024-01-01' + (g % 700), '101500', 'ACC' || g, 'Chest PA', array[case when g % 3 = 0 then 'CR' else 'DX' end],
       1, 1 + g % 2, 10000000, now(), now(), now()
     from generate_series(1, ${STUDIES}) g,
       lateral (select (array['SANTOS','NGUYEN','KHAN','OKAFOR','REYES','HASSAN','MENDOZA','PATEL','GARCIA','MWANGI'])[1 + g % 10] as f,
                       (array['MARIA','THI HOA','AHMED','CHINEDU','JOSE','AMINA','RAVI','GRACE','WANJIKU','LI'])[1 + (g / 10) % 10] as gv) n`,
    [clinicId],
  );
  // One series a study, so that series searches by study keys (PS3.18 §10.6.1.2) join them all.
  await c.query(
    `insert into series (study_id, series_uid, modality, series_number, num_instances)
     select id, study_uid || '.1', modalities[1], 1, num_instances from studies`,
  );
  await c.query('analyze studies');
  await c.query('analyze series');
  await c.end();
}

/** Runs the query benchmarks against a fresh server in `work`; prints the figures. */
export async function runQueryBench(work: string): Promise<void> {
  const dir = receiverDir(work, 'queries-');
  const server = await startServer({
    dataDir: dir,
    env: { TELERAD_DEMO_STUDIES: '0', TELERAD_LOG_LEVEL: 'warn', TELERAD_MIN_FREE_MB: '256' },
  });
  try {
    const dbUrl = `postgresql://postgres@localhost/telerad?host=${encodeURIComponent(path.join(dir, 'postgres', 'run'))}&port=5432`;
    const admin = new pg.Client({ connectionString: dbUrl });
    await admin.connect();
    const clinicId = (
      await admin.query<{ id: string }>(`select id from clinics where code = 'DEMO1'`)
    ).rows[0]!.id;
    await admin.end();
    const t0 = performance.now();
    await seedStudies(dbUrl, clinicId);
    console.log(
      `\nIndexed ${STUDIES.toLocaleString()} synthetic studies in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'radiologist', password: 'telerad-demo' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const get = async (url: string, accept = 'application/dicom+json') => {
      const res = await fetch(`${server.url}${url}`, { headers: { cookie, accept } });
      if (res.status !== 200 && res.status !== 204)
        throw new Error(`${url}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    };
    const families = ['SANTOS', 'NGUYEN', 'KHAN', 'OKAFOR', 'REYES'];
    const queries: [string, (i: number) => string][] = [
      ['newest 50, no filter', () => '/dicomweb/studies?limit=50'],
      ['PatientName wildcard', (i) => `/dicomweb/studies?PatientName=${families[i % 5]}*&limit=50`],
      [
        'PatientName fuzzy (misspelt)',
        (i) =>
          `/dicomweb/studies?PatientName=${families[i % 5]!.slice(0, -1)}Z&fuzzymatching=true&limit=50`,
      ],
      ['PatientID exact', (i) => `/dicomweb/studies?PatientID=PID${1 + ((i * 7919) % STUDIES)}`],
      [
        'StudyDate range (1 month)',
        (i) =>
          `/dicomweb/studies?StudyDate=2024${String(1 + (i % 12)).padStart(2, '0')}01-2024${String(1 + (i % 12)).padStart(2, '0')}28&limit=50`,
      ],
      [
        'Modality + date range',
        (i) =>
          `/dicomweb/studies?ModalitiesInStudy=CR&StudyDate=2024${String(1 + (i % 12)).padStart(2, '0')}01-2024${String(1 + (i % 12)).padStart(2, '0')}28&limit=50`,
      ],
    ];
    console.log(
      `QIDO-RS /studies over ${STUDIES.toLocaleString()} studies (200 requests each; target p95 < 50 ms)`,
    );
    let worst = 0;
    for (const [label, url] of queries) {
      const r = await time(200, (i) => get(url(i)));
      worst = Math.max(worst, r.p95);
      console.log(
        `  ${label.padEnd(30)} p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms  max ${r.max.toFixed(1).padStart(6)} ms`,
      );
    }
    console.log(
      `  worst p95 ${worst.toFixed(1)} ms → ${worst < 50 ? 'meets' : 'MISSES'} the 50 ms target`,
    );

    const seriesQueries: [string, (i: number) => string][] = [
      ['PatientName wildcard', (i) => `/dicomweb/series?PatientName=${families[i % 5]}*&limit=50`],
      ['PatientID exact', (i) => `/dicomweb/series?PatientID=PID${1 + ((i * 7919) % STUDIES)}`],
      [
        'StudyDate range + Modality',
        (i) =>
          `/dicomweb/series?Modality=CR&StudyDate=2024${String(1 + (i % 12)).padStart(2, '0')}01-2024${String(1 + (i % 12)).padStart(2, '0')}28&limit=50`,
      ],
    ];
    console.log(`QIDO-RS /series by study keys (200 requests each; target p95 < 50 ms)`);
    let worstSeries = 0;
    for (const [label, url] of seriesQueries) {
      const r = await time(200, (i) => get(url(i)));
      worstSeries = Math.max(worstSeries, r.p95);
      console.log(
        `  ${label.padEnd(30)} p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms  max ${r.max.toFixed(1).padStart(6)} ms`,
      );
    }
    console.log(
      `  worst p95 ${worstSeries.toFixed(1)} ms → ${worstSeries < 50 ? 'meets' : 'MISSES'} the 50 ms target`,
    );

    const study = { studyInstanceUid: `2.25.${Date.now()}77` };
    const files = [];
    for (let i = 0; i < 4; i++)
      files.push(
        (
          await writeCxr(path.join(dir, `m${i}.dcm`), 'explicitLE', {
            rows: 512,
            columns: 512,
            study,
            instanceNumber: i + 1,
            seed: 50 + i,
          })
        ).path,
      );
    await storescu(files, { port: server.dicomPort, aeTitle: 'TELERAD' }, 'DEMO1');
    const m = await time(200, () => get(`/dicomweb/studies/${study.studyInstanceUid}/metadata`));
    console.log(
      `WADO-RS study metadata, 4 instances: p50 ${m.p50.toFixed(1)} ms  p95 ${m.p95.toFixed(1)} ms (target < 20 ms) → ${m.p95 < 20 ? 'meets' : 'MISSES'}`,
    );
  } finally {
    await server.stop();
    removeLater(dir);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runQueryBench(benchWorkDir());
