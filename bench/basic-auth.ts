/**
 * HTTP Basic on DICOMweb (issue 16 §4): what a viewer that authenticates every request with
 * Basic costs, and what a password guesser gets.
 *
 * Starts the real server (demo mode, embedded PostgreSQL unless DATABASE_URL is set), sends one
 * small CXR by STOW-RS, then measures:
 *  - 200 WADO-RS instance retrievals with the radiologist's Basic credentials, one after another
 *    and 6 at a time (as a browser fetches frames): wall time, and the server's CPU time, which
 *    other work on a shared machine disturbs less;
 *  - 40 wrong passwords for one account: how long they take and what they are answered;
 *  - a locked account: the answer to its right and to a wrong password;
 *  - a known and an unknown username with a wrong password: the median answer time of each.
 *
 *   npm run bench:basic [requests=200]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeCxr } from '../apps/server/src/testing/dicomFixtures';
import { startServer } from '../apps/server/src/testing/serverProcess';
import { stowFiles } from '../e2e/support/reading';

const REQUESTS = Math.max(10, Number(process.argv[2] ?? 200));
const PASSWORD = 'telerad-demo';

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** Sends one Basic-authenticated GET; answers its status and time (ms), body read to the end. */
async function timedGet(url: string, auth: string, accept = 'application/dicom+json') {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { authorization: auth, accept } });
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - t0 };
}

/** CPU time (user + system, ms) the server process has used so far, from /proc. */
function serverCpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 a second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function tally(statuses: number[]): string {
  const counts = new Map<number, number>();
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts].map(([s, n]) => `${n}× ${s}`).join(', ');
}

/** Runs `tasks` `limit` at a time; answers the total wall time (ms) and every status. */
async function inParallel(limit: number, tasks: (() => Promise<{ status: number }>)[]) {
  const statuses: number[] = [];
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < tasks.length) statuses.push((await tasks[next++]!()).status);
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return { ms: performance.now() - t0, statuses };
}

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-bench-basic-'));
  const env: Record<string, string> = process.env.DATABASE_URL
    ? { DATABASE_URL: process.env.DATABASE_URL }
    : {};
  const server = await startServer({ env });
  try {
    const cxr = await writeCxr(path.join(work, 'cxr.dcm'), 'explicitLE', {
      rows: 256,
      columns: 256,
    });
    await stowFiles(server.url, [cxr.path]);
    const instance =
      `${server.url}/dicomweb/studies/${cxr.studyInstanceUid}/series/${cxr.seriesInstanceUid}` +
      `/instances/${cxr.sopInstanceUid}`;
    const radiologist = basic('radiologist', PASSWORD);
    const wado = () =>
      timedGet(instance, radiologist, 'multipart/related; type="application/dicom"');

    const pid = server.child.pid!;
    const seq: number[] = [];
    const seqStatuses: number[] = [];
    let cpu0 = serverCpuMs(pid);
    const t0 = performance.now();
    for (let i = 0; i < REQUESTS; i++) {
      const r = await wado();
      seq.push(r.ms);
      seqStatuses.push(r.status);
    }
    const seqTotal = performance.now() - t0;
    console.log(
      `${REQUESTS} WADO-RS with Basic, one at a time: ${seqTotal.toFixed(0)} ms ` +
        `(median ${median(seq).toFixed(1)} ms; server CPU ${serverCpuMs(pid) - cpu0} ms; ` +
        `${tally(seqStatuses)})`,
    );
    cpu0 = serverCpuMs(pid);
    const par = await inParallel(
      6,
      Array.from({ length: REQUESTS }, () => wado),
    );
    console.log(
      `${REQUESTS} WADO-RS with Basic, 6 at a time: ${par.ms.toFixed(0)} ms ` +
        `(server CPU ${serverCpuMs(pid) - cpu0} ms; ${tally(par.statuses)})`,
    );

    const qido = `${server.url}/dicomweb/studies?limit=1`;
    const wrong = basic('support', 'not-the-password');
    const guesses: number[] = [];
    const g0 = performance.now();
    for (let i = 0; i < 40; i++) guesses.push((await timedGet(qido, wrong)).status);
    console.log(
      `40 wrong passwords: ${(performance.now() - g0).toFixed(0)} ms (${tally(guesses)})`,
    );
    const afterGuesses = await timedGet(qido, basic('support', PASSWORD));
    console.log(`then the right password: ${afterGuesses.status}`);

    for (let i = 0; i < 5; i++) await timedGet(qido, basic('qa', 'not-the-password'));
    const lockedRight = await timedGet(qido, basic('qa', PASSWORD));
    const lockedWrong = await timedGet(qido, basic('qa', 'still-not-the-password'));
    console.log(
      `locked account: right password ${lockedRight.status}, wrong password ${lockedWrong.status}`,
    );

    // Known users' wrong passwords alternate with unknown usernames; each known user gives the
    // right password after every third wrong one, so none locks or reaches the rate limit.
    const known: number[] = [];
    const unknown: number[] = [];
    for (const user of ['consultant', 'radiologist2', 'clinic2'])
      for (let i = 0; i < 9; i++) {
        known.push((await timedGet(qido, basic(user, `wrong-${i}`))).ms);
        unknown.push((await timedGet(qido, basic(`nobody-${user}-${i}`, `wrong-${i}`))).ms);
        if (i % 3 === 2) await timedGet(qido, basic(user, PASSWORD));
      }
    console.log(
      `wrong password, median of ${known.length}: known user ${median(known).toFixed(1)} ms, ` +
        `unknown user ${median(unknown).toFixed(1)} ms`,
    );
  } finally {
    await server.stop();
    fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  }
}

await main();
