import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetBytes } from './modules/dimse/testSupport';
import { STUDY_STABLE_QUEUE } from './modules/ingest';
import { s3KeyOf } from './platform/storageS3';
import { writeCxr, type WrittenFile } from './testing/dicomFixtures';
import { recordingSocket } from './testing/realtimeSocket';
import {
  signInOverHttp,
  startScaleOutCluster,
  storescu,
  stowOverHttp,
  until,
  wadoOverHttp,
  type ScaleOutCluster,
} from './testing/scaleOutCluster';

/**
 * The scale-out must-show (issue 24, docs/adr/0047): two real nodes with every role, HAProxy in
 * front, one PostgreSQL database and one S3-protocol bucket. Clinics send through the load
 * balancer; a radiologist's socket on node A hears what node B does; node B is killed with
 * SIGKILL mid-ingest and what it had not acknowledged is sent again; then every acknowledged
 * instance is in the archive once and byte-identical, and every study has one primary read.
 */
type Msg = { type?: string; taskId?: string; clinicId?: string | null };

let c: ScaleOutCluster;
let dir: string;
let seed = 1000;
/** Every file a node acknowledged, by path: what the archive must hold. */
const acknowledged = new Map<string, WrittenFile & { door: 'dimse' | 'stow' }>();
const written = new Map<string, WrittenFile>();

const cxr = async () => {
  const f = await writeCxr(path.join(dir, `cxr-${++seed}.dcm`), 'explicitLE', {
    rows: 32,
    columns: 32,
    seed,
  });
  written.set(f.path, f);
  return f;
};
const ack = (paths: readonly string[], door: 'dimse' | 'stow' = 'dimse') => {
  for (const p of paths) acknowledged.set(p, { ...written.get(p)!, door });
};

/** How many current instances the index holds for these SOP Instance UIDs. */
const indexedCount = async (sopUids: readonly string[]) =>
  sopUids.length === 0
    ? 0
    : Number(
        (
          await c.tdb.db
            .selectFrom('instances')
            .select((e) => e.fn.countAll<string>().as('n'))
            .where('sop_uid', 'in', [...sopUids])
            .executeTakeFirstOrThrow()
        ).n,
      );

/** The open primary read of a study, once there is one. */
const primaryReadOf = async (studyUid: string) =>
  (
    await sql<{ id: string }>`
      select t.id from reading_tasks t join studies s on s.id = t.study_id
      where s.study_uid = ${studyUid} and t.type = 'primary_read'`.execute(c.tdb.db)
  ).rows[0]?.id;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-scale-files-'));
  c = await startScaleOutCluster();
}, 240_000);

afterAll(async () => {
  await c?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('two nodes behind HAProxy on one database and one bucket', () => {
  it('takes C-STORE associations on both nodes and STOW-RS through the load balancer', async () => {
    const files = await Promise.all(Array.from({ length: 8 }, () => cxr()));
    // Connections the load balancer made to each node's DICOM port (startHaproxy's own probes of
    // the front door count too, so the difference is what this test sent).
    const took = async () => {
      const stats = await c.lb.stats();
      return (['a', 'b'] as const).map((n) => Number(stats.get(`telerad_dicom/${n}`)?.stot ?? 0));
    };
    const before = await took();
    // Two at a time, one association each: HAProxy's leastconn spreads them over the nodes.
    for (let i = 0; i < files.length; i += 2) {
      const runs = await Promise.all(
        files.slice(i, i + 2).map((f) => storescu(c.lb.dicomPort, [f.path])),
      );
      for (const r of runs) {
        expect(r.code, r.output).toBe(0);
        ack(r.acknowledged);
      }
    }
    expect(acknowledged.size).toBe(files.length);
    const [a, b] = (await took()).map((n, i) => n - before[i]!);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect(a! + b!).toBe(files.length);

    const stowed = await Promise.all(Array.from({ length: 2 }, () => cxr()));
    for (const f of stowed) {
      const res = await stowOverHttp(c.lb.httpUrl, [fs.readFileSync(f.path)]);
      expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
      const stored = (res.body['00081199']?.Value ?? []).map(
        (i) => i['00081155']?.Value?.[0] as string,
      );
      expect(stored).toEqual([f.sopInstanceUid]);
      ack([f.path], 'stow');
    }
    expect(await indexedCount([...acknowledged.values()].map((f) => f.sopInstanceUid))).toBe(
      acknowledged.size,
    );
  }, 120_000);

  it("a radiologist's socket on node A hears the reads of studies node B took in", async () => {
    const rad = await signInOverHttp(`http://127.0.0.1:${c.nodes.a.httpPort}`, 'radiologist');
    const socket = await recordingSocket<Msg>(`ws://127.0.0.1:${c.nodes.a.httpPort}`, rad.cookie, {
      label: 'radiologist on node A',
      defaultTimeoutMs: 60_000,
    });
    try {
      // Sent to B's own DICOM port, so B indexes them; either node's worker may then create the
      // read (both sweep for stable studies), so the change made certainly on B comes next.
      const files = [await cxr(), await cxr()];
      const r = await storescu(
        c.nodes.b.dicomPort,
        files.map((f) => f.path),
      );
      expect(r.code, r.output).toBe(0);
      ack(r.acknowledged);
      const tasks: string[] = [];
      for (const f of files) {
        await until('the primary read', async () => !!(await primaryReadOf(f.studyInstanceUid)));
        tasks.push((await primaryReadOf(f.studyInstanceUid))!);
      }
      for (const id of tasks)
        await socket.next((m) => m.type === 'task.created' && m.taskId === id);

      // The clinic raises one read to urgent on node B's own HTTP port: B commits and notifies.
      const clinic = await signInOverHttp(`http://127.0.0.1:${c.nodes.b.httpPort}`, 'clinic1');
      const res = await fetch(`http://127.0.0.1:${c.nodes.b.httpPort}/api/tasks/${tasks[0]}`, {
        method: 'PATCH',
        headers: {
          cookie: clinic.cookie,
          'x-csrf-token': clinic.csrf,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ priority: 'urgent', reason: 'Short of breath since this morning' }),
      });
      expect(res.status, await res.text()).toBe(200);
      const updated = await socket.next((m) => m.type === 'task.updated' && m.taskId === tasks[0]);
      expect(updated.clinicId).toBeTruthy();
    } finally {
      socket.ws.close();
    }
  }, 120_000);
  it('loses nothing acknowledged when node B is killed with SIGKILL mid-ingest', async () => {
    // 120 small studies in four long associations at once through the load balancer: leastconn
    // gives each node two of them.
    const files = await Promise.all(Array.from({ length: 120 }, () => cxr()));
    const sops = files.map((f) => f.sopInstanceUid);
    const runs = Array.from({ length: 4 }, (_, i) =>
      storescu(
        c.lb.dicomPort,
        files.filter((_, j) => j % 4 === i).map((f) => f.path),
      ),
    );
    // Kill B once a quarter of the run is indexed, while its associations are still open.
    await until('a quarter of the run indexed', async () => (await indexedCount(sops)) >= 30);
    const open = Number((await c.lb.stats()).get('telerad_dicom/b')?.scur ?? 0);
    c.nodes.b.server.child.kill('SIGKILL');
    expect(open, 'B was receiving when it was killed').toBeGreaterThan(0);
    const first = await Promise.all(runs);
    for (const r of first) ack(r.acknowledged);
    const sentOnce = new Set(first.flatMap((r) => r.acknowledged));
    const left = () => files.filter((f) => !acknowledged.has(f.path)).map((f) => f.path);
    // B's associations broke off: some of its files were never acknowledged.
    expect(left().length).toBeGreaterThan(0);
    expect(sentOnce.size).toBeLessThan(files.length);

    // HAProxy's health checks take B out; what was not acknowledged goes again, now to A.
    await until('HAProxy to mark B down', async () =>
      /^DOWN/.test((await c.lb.stats()).get('telerad_dicom/b')?.status ?? ''),
    );
    for (let attempt = 0; attempt < 3 && left().length > 0; attempt++) {
      const again = await storescu(c.lb.dicomPort, left());
      ack(again.acknowledged);
    }
    expect(left()).toEqual([]);

    // B comes back on its own ports and clears what its killed process left staged.
    await c.restart('b');
    expect(fs.readdirSync(path.join(c.nodes.b.dataDir, 'staging'))).toEqual([]);
  }, 240_000);

  it('holds every acknowledged instance once, byte-identical, in the shared bucket', async () => {
    const rows = await c.tdb.db
      .selectFrom('instances')
      .select(['sop_uid', 'storage_key', 'sha256', 'size_bytes'])
      .where(
        'sop_uid',
        'in',
        [...acknowledged.values()].map((f) => f.sopInstanceUid),
      )
      .execute();
    const bySop = new Map(rows.map((r) => [r.sop_uid, r]));
    // One row per SOP Instance UID, including the ones B stored but died before acknowledging.
    expect(rows.length).toBe(acknowledged.size);
    expect(bySop.size).toBe(acknowledged.size);
    for (const f of acknowledged.values()) {
      const row = bySop.get(f.sopInstanceUid)!;
      const out = await c.s3.client.send(
        new GetObjectCommand({
          Bucket: c.s3.settings.bucket,
          Key: s3KeyOf(c.s3.settings.prefix, row.storage_key),
        }),
      );
      const stored = Buffer.from(await out.Body!.transformToByteArray());
      const sent = fs.readFileSync(f.path);
      expect(Number(row.size_bytes)).toBe(stored.length);
      // The archive keeps a C-STORE's dataset as sent behind File Meta Information it writes
      // itself, and a STOW-RS part whole.
      if (f.door === 'stow') expect(stored.equals(sent), f.path).toBe(true);
      else expect(datasetBytes(stored).equals(datasetBytes(sent)), f.path).toBe(true);
      // Whichever node answers through the load balancer serves the same bytes.
      expect((await wadoOverHttp(c.lb.httpUrl, f)).equals(stored), f.path).toBe(true);
    }
  }, 120_000);

  it('makes one primary read per study and completes no study.stable job twice', async () => {
    const studyUids = [...new Set([...acknowledged.values()].map((f) => f.studyInstanceUid))];
    const reads = async () =>
      (
        await sql<{ study_uid: string; n: number }>`
          select s.study_uid, count(t.id)::int as n from studies s
          left join reading_tasks t on t.study_id = s.id and t.type = 'primary_read'
          group by s.study_uid`.execute(c.tdb.db)
      ).rows;
    // A study B was sweeping or reading when it died is picked up by A's reconciliation.
    await until(
      'a primary read for every study',
      async () => (await reads()).every((r) => r.n > 0),
      120_000,
    );
    const all = await reads();
    expect(all.map((r) => r.study_uid).sort()).toEqual([...studyUids].sort());
    expect(all.filter((r) => r.n !== 1)).toEqual([]);
    // Every job is worked, those B held when it was killed too: their heartbeat stopped, so a
    // live worker's supervisor fails them and they run again (platform/jobs.ts, at-least-once,
    // within about 40 s, not pg-boss's 15-minute expiry). Their effect is made once: A's
    // reconciliation may have made the read already, and the read is made once per study.
    const waiting = async () =>
      (
        await sql<{ n: number }>`
          select count(*)::int as n from pgboss.job
          where name = ${STUDY_STABLE_QUEUE} and state in ('created', 'retry', 'active')`.execute(
          c.tdb.db,
        )
      ).rows[0]!.n;
    await until('every study.stable job worked', async () => (await waiting()) === 0, 150_000);
    const jobs = (
      await sql<{ study_id: string; states: string[] }>`
        select data->>'studyId' as study_id, array_agg(state::text) as states from pgboss.job
        where name = ${STUDY_STABLE_QUEUE} group by 1`.execute(c.tdb.db)
    ).rows;
    // One job per study (the stability sweep claims each study once), completed.
    expect(jobs.length).toBe(studyUids.length);
    expect(jobs.filter((j) => !(j.states.length === 1 && j.states[0] === 'completed'))).toEqual([]);
    const unstable = await c.tdb.db
      .selectFrom('studies')
      .select('study_uid')
      .where('stable_at', 'is', null)
      .execute();
    expect(unstable).toEqual([]);
  }, 300_000);
});
