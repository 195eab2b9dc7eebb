import { execFile } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { readMeta } from '@telerad/dicom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCxr } from '../../server/src/testing/dicomFixtures';
import { Sidecar } from './queue/recovery';
import {
  gatewaySetup,
  killGateway,
  runCli,
  startGatewayProcess,
  storescu,
  type GatewayProcess,
} from './testSupport';

const exec = promisify(execFile);

/** The dataset bytes of a Part 10 file: everything after its meta group (PS3.10 §7.1). */
function datasetOf(bytes: Buffer): Buffer {
  const meta = readMeta((o, l) => bytes.subarray(o, o + l), bytes.length);
  return bytes.subarray(meta.datasetOffset);
}

/** Every queued item on disk: its sidecar and its bytes. */
async function queued(dataDir: string) {
  const dir = path.join(dataDir, 'queue', 'items');
  const out = new Map<string, { sidecar: Sidecar; bytes: Buffer }>();
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.json')) continue;
    const sidecar = Sidecar.parse(JSON.parse(await readFile(path.join(dir, name), 'utf8')));
    out.set(sidecar.sopInstanceUid, {
      sidecar,
      bytes: await readFile(path.join(dir, `${sidecar.id}.dcm`)),
    });
  }
  return out;
}

describe('telerad-gateway run (child process, DCMTK as the modality)', () => {
  let dir: string;
  let configFile: string;
  let dicomPort: number;
  let statusPort: number;
  let gateway: GatewayProcess | undefined;
  const files: { path: string; sopInstanceUid: string; transferSyntaxUid: string }[] = [];

  beforeAll(async () => {
    ({ dir, configFile, dicomPort, statusPort } = await gatewaySetup({
      allowedSenders: [{ aeTitle: 'CR_ROOM1' }, { aeTitle: 'ER_DX' }],
      watchFolder: 'drop',
      priority: { rules: [{ match: 'callingAeTitle', aeTitles: ['ER_DX'], priority: 'urgent' }] },
    }));
    await mkdir(path.join(dir, 'modality'));
    for (const [i, syntax] of [
      'explicitLE',
      'explicitLE',
      'implicitLE',
      'explicitLE',
      'implicitLE',
      'jpegLsLossless',
    ].entries()) {
      const f = await writeCxr(path.join(dir, 'modality', `${i}.dcm`), syntax, {
        seed: 100 + i,
        rows: 96,
        columns: 80,
      });
      files.push({
        path: f.path,
        sopInstanceUid: f.sopInstanceUid,
        transferSyntaxUid: f.transferSyntaxUid,
      });
    }
    gateway = await startGatewayProcess(configFile, statusPort);
  });

  afterAll(() => killGateway(gateway));

  /** `-xi` proposes Implicit VR LE only and `-xt` JPEG-LS lossless, so each file goes as it is. */
  const send = async (aet: string, paths: string[], opts: string[] = []) => {
    const { ok, output } = await storescu(dicomPort, aet, paths, opts);
    if (!ok) throw new Error(output);
    return output;
  };

  it('answers C-ECHO and refuses a calling AE that is not allowed, saying why in its log', async () => {
    await exec('echoscu', [
      '-aet',
      'CR_ROOM1',
      '-aec',
      'CLINIC_GW',
      '127.0.0.1',
      String(dicomPort),
    ]);
    const refused = await storescu(dicomPort, 'STRANGER', [files[0]!.path]);
    expect(refused.ok).toBe(false);
    expect(refused.output).toMatch(/Association Rejected/i);
    expect(gateway!.output()).toMatch(
      /"event":"dimse.refused".*"STRANGER\\" is not in allowedSenders/,
    );
  });

  it('has every acknowledged instance durable in the queue, byte for byte, after kill -9 and a restart', async () => {
    const acks = [
      await send(
        'CR_ROOM1',
        [0, 1, 3].map((i) => files[i]!.path),
      ),
      await send('CR_ROOM1', [files[2]!.path], ['-xi']),
      await send('CR_ROOM1', [files[5]!.path], ['-xt']),
      await send('ER_DX', [files[4]!.path], ['-xi']),
    ].join('');
    expect(acks.match(/Received Store Response \(Success\)/g)).toHaveLength(6);
    // storescu returned after the last C-STORE success: kill at once, no chance to flush.
    await killGateway(gateway);

    const down = await runCli(['status', '--config', configFile]);
    expect(down.stdout).toContain('The gateway is not running.');
    expect(down.stdout).toContain('Queue: 6 waiting (1 urgent)');

    gateway = await startGatewayProcess(configFile, statusPort);
    const items = await queued(path.join(dir, 'data'));
    expect(items.size).toBe(6);
    for (const f of files) {
      const item = items.get(f.sopInstanceUid);
      expect(item, f.sopInstanceUid).toBeDefined();
      expect(Buffer.compare(datasetOf(item!.bytes), datasetOf(await readFile(f.path)))).toBe(0);
      expect(item!.sidecar.transferSyntaxUid).toBe(f.transferSyntaxUid);
    }
    expect(items.get(files[4]!.sopInstanceUid)!.sidecar.priority).toBe('urgent');

    const up = await runCli(['status', '--config', configFile]);
    expect(up.stdout).toMatch(/Gateway running/);
    expect(up.stdout).toContain('Queue: 6 waiting (1 urgent)');
    // The same instance again is acknowledged and not queued twice.
    expect(await send('CR_ROOM1', [files[0]!.path])).toMatch(/Store Response \(Success\)/);
    const json = JSON.parse((await runCli(['status', '--json', '--config', configFile])).stdout);
    expect(json.queue.depth).toBe(6);
  });

  it('queues a file dropped in the watch folder and moves it to done/, and rejects what is not DICOM', async () => {
    const f = await writeCxr(path.join(dir, 'dropped.dcm'), 'explicitLE', {
      seed: 300,
      rows: 64,
      columns: 64,
    });
    await copyFile(f.path, path.join(dir, 'drop', 'from-cd.dcm'));
    await writeFile(path.join(dir, 'drop', 'notes.txt'), 'not an image');
    await expect
      .poll(
        async () =>
          (await readdir(path.join(dir, 'drop', 'done')))
            .concat(await readdir(path.join(dir, 'drop', 'rejected')))
            .sort(),
        {
          timeout: 30_000,
        },
      )
      .toEqual(['from-cd.dcm', 'notes.txt', 'notes.txt.reason.txt']);
    const item = (await queued(path.join(dir, 'data'))).get(f.sopInstanceUid);
    expect(Buffer.compare(item!.bytes, await readFile(f.path))).toBe(0);
    expect(
      await readFile(path.join(dir, 'drop', 'rejected', 'notes.txt.reason.txt'), 'utf8'),
    ).toMatch(/not a readable DICOM/);
    const page = await (await fetch(`http://127.0.0.1:${statusPort}/`)).text();
    expect(page).toContain('7 instances');
    expect(page).toContain('NOT_DICOM');
  });

  it('stops cleanly on SIGTERM', async () => {
    gateway!.child.kill('SIGTERM');
    expect(await gateway!.exited).toBe(0);
    expect(gateway!.output()).toContain('"event":"gateway.stopped"');
  });
});
