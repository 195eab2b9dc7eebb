import { spawnSync } from 'node:child_process';
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCxr } from '../../server/src/testing/dicomFixtures';
import {
  gatewaySetup,
  killGateway,
  startGatewayProcess,
  storescu,
  type GatewayProcess,
  type GatewaySetup,
} from './testSupport';

/** A real full disk: a 1 MiB tmpfs as the data directory (needs the right to mount, as in CI). */
function mountTiny(dir: string): boolean {
  return spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir]).status === 0;
}

const probe = spawnSync('mount', ['--version']).status === 0 && process.getuid?.() === 0;

describe.skipIf(!probe)('a full disk (tmpfs of 1 MiB as the data directory)', () => {
  let setup: GatewaySetup;
  let data: string;
  let mounted = false;
  let gateway: GatewayProcess | undefined;
  let large: string;
  let small: string;

  beforeAll(async () => {
    setup = await gatewaySetup();
    data = path.join(setup.dir, 'data');
    await mkdir(data);
    mounted = mountTiny(data);
    expect(mounted, 'mount a tmpfs').toBe(true);
    const cxr = (name: string, rows: number, seed: number) =>
      writeCxr(path.join(setup.dir, name), 'explicitLE', { rows, columns: rows, seed });
    large = (await cxr('large.dcm', 1024, 3)).path;
    small = (await cxr('small.dcm', 64, 4)).path;
    gateway = await startGatewayProcess(setup.configFile, setup.statusPort);
  });

  afterAll(async () => {
    await killGateway(gateway);
    if (mounted) spawnSync('umount', [data]);
  });

  it('answers A700 out of resources, keeps nothing half-written, and goes on receiving', async () => {
    const send = async (file: string) =>
      (await storescu(setup.dicomPort, 'CR_ROOM1', [file])).output;
    expect(await send(large)).toMatch(/Received Store Response \(Refused: OutOfResources\)/);
    // The association was answered, not left hanging, and the next instance that fits is stored.
    expect(await send(small)).toMatch(/Received Store Response \(Success\)/);
    expect(await readdir(path.join(data, 'queue', 'tmp'))).toEqual([]);
    const items = await readdir(path.join(data, 'queue', 'items'));
    expect(items.filter((n) => n.endsWith('.json'))).toHaveLength(1);
    expect(gateway!.output()).toMatch(/"code":"DISK_FULL"/);
  });
});
