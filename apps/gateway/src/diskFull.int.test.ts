import { execFile, spawnSync } from 'node:child_process';
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCxr } from '../../server/src/testing/dicomFixtures';
import {
  freePort,
  startGatewayProcess,
  tempDir,
  writeConfigFile,
  type GatewayProcess,
} from './testSupport';

const exec = promisify(execFile);

/** A real full disk: a 1 MiB tmpfs as the data directory (needs the right to mount, as in CI). */
function mountTiny(dir: string): boolean {
  return spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir]).status === 0;
}

const probe = spawnSync('mount', ['--version']).status === 0 && process.getuid?.() === 0;

describe.skipIf(!probe)('a full disk (tmpfs of 1 MiB as the data directory)', () => {
  let dir: string;
  let data: string;
  let mounted = false;
  let gateway: GatewayProcess | undefined;
  let dicomPort: number;
  let large: string;
  let small: string;

  beforeAll(async () => {
    dir = await tempDir();
    data = path.join(dir, 'data');
    await mkdir(data);
    mounted = mountTiny(data);
    expect(mounted, 'mount a tmpfs').toBe(true);
    dicomPort = await freePort();
    const statusPort = await freePort();
    const config = await writeConfigFile(dir, {
      centreUrl: `http://127.0.0.1:${await freePort()}`,
      dataDir: 'data',
      aeTitle: 'CLINIC_GW',
      port: dicomPort,
      statusPort,
      allowedSenders: [{ aeTitle: 'CR_ROOM1' }],
    });
    large = (
      await writeCxr(path.join(dir, 'large.dcm'), 'explicitLE', {
        rows: 1024,
        columns: 1024,
        seed: 3,
      })
    ).path;
    small = (
      await writeCxr(path.join(dir, 'small.dcm'), 'explicitLE', { rows: 64, columns: 64, seed: 4 })
    ).path;
    gateway = await startGatewayProcess(config, statusPort);
  });

  afterAll(async () => {
    gateway?.child.kill('SIGKILL');
    await gateway?.exited;
    if (mounted) spawnSync('umount', [data]);
  });

  it('answers A700 out of resources, keeps nothing half-written, and goes on receiving', async () => {
    const storescu = (file: string) =>
      exec('storescu', [
        '-v',
        '-aet',
        'CR_ROOM1',
        '-aec',
        'CLINIC_GW',
        '127.0.0.1',
        String(dicomPort),
        file,
      ]).then(
        (r) => `${r.stdout}${r.stderr}`,
        (e: { stdout: string; stderr: string }) => `${e.stdout}${e.stderr}`,
      );
    expect(await storescu(large)).toMatch(/Received Store Response \(Refused: OutOfResources\)/);
    // The association was answered, not left hanging, and the next instance that fits is stored.
    expect(await storescu(small)).toMatch(/Received Store Response \(Success\)/);
    expect(await readdir(path.join(data, 'queue', 'tmp'))).toEqual([]);
    const items = await readdir(path.join(data, 'queue', 'items'));
    expect(items.filter((n) => n.endsWith('.json'))).toHaveLength(1);
    expect(gateway!.output()).toMatch(/"code":"DISK_FULL"/);
  });
});
