import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCxr } from '../../server/src/testing/dicomFixtures';
import { fdPath, quoted, traceProcess, type Syscall } from '../../server/src/testing/syscalls';
import {
  gatewaySetup,
  killGateway,
  startGatewayProcess,
  storescu,
  type GatewayProcess,
  type GatewaySetup,
} from './testSupport';

/**
 * Fsync before acknowledgement (docs/adr/0031), as the kernel sees it: the system calls of the
 * real gateway receiving one C-STORE, recorded with strace. kill -9 cannot show a missing fsync
 * (the page cache survives it); a power cut would. So the order is asserted call by call:
 * - the instance's bytes are fsynced before the rename that puts them in the queue;
 * - the sidecar is fsynced before its rename;
 * - the queue directory is fsynced after both renames;
 * - nothing is written to the DICOM socket (the C-STORE response) between the first byte staged
 *   and that directory fsync, and the response does leave after it.
 */
const CALLS = [
  'openat',
  'write',
  'writev',
  'pwrite64',
  'fsync',
  'fdatasync',
  'rename',
  'sendto',
  'sendmsg',
];
const SOCKET_WRITES = new Set(['write', 'writev', 'sendto', 'sendmsg']);
const SYNCS = new Set(['fsync', 'fdatasync']);

describe('the system calls of one acknowledged C-STORE (power loss)', () => {
  let setup: GatewaySetup;
  let gateway: GatewayProcess;
  let file: string;

  beforeAll(async () => {
    setup = await gatewaySetup();
    file = (
      await writeCxr(path.join(setup.dir, 'cxr.dcm'), 'explicitLE', {
        rows: 512,
        columns: 512,
        seed: 7,
      })
    ).path;
    gateway = await startGatewayProcess(setup.configFile, setup.statusPort);
  });

  afterAll(() => killGateway(gateway));

  it('fsyncs the instance, its sidecar and the queue directory before the response leaves', async () => {
    const { dir, dicomPort, statusPort } = setup;
    const tracer = await traceProcess(gateway.child.pid!, CALLS, path.join(dir, 'strace.txt'), () =>
      fetch(`http://127.0.0.1:${statusPort}/status.json`),
    );
    let calls: Syscall[];
    try {
      expect((await storescu(dicomPort, 'CR_ROOM1', [file])).ok).toBe(true);
    } finally {
      calls = await tracer.stop();
    }
    const queue = path.join(dir, 'data', 'queue');
    const items = path.join(queue, 'items');
    const ok = calls.filter((c) => !c.ret.startsWith('-1'));
    const renameTo = (suffix: string) =>
      ok.find(
        (c) =>
          c.name === 'rename' &&
          quoted(c)[1]?.startsWith(`${items}/`) &&
          quoted(c)[1]!.endsWith(suffix),
      );
    const dataRename = renameTo('.dcm');
    const sidecarRename = renameTo('.json');
    expect(dataRename, 'the instance is renamed into items/').toBeDefined();
    expect(sidecarRename, 'its sidecar is renamed into items/').toBeDefined();
    const syncOf = (file: string) => ok.filter((c) => SYNCS.has(c.name) && fdPath(c) === file);
    const [staged, sidecarTmp] = [quoted(dataRename!)[0]!, quoted(sidecarRename!)[0]!];
    expect(
      syncOf(staged).some((s) => s.end < dataRename!.start),
      'instance fsynced before its rename',
    ).toBe(true);
    expect(
      syncOf(sidecarTmp).some((s) => s.end < sidecarRename!.start),
      'sidecar fsynced before its rename',
    ).toBe(true);
    const lastRename = Math.max(dataRename!.end, sidecarRename!.end);
    const dirSync = syncOf(items).find((s) => s.start > lastRename);
    expect(dirSync, 'the queue directory is fsynced after the renames').toBeDefined();

    const dicomSocket = new RegExp(`^\\d+<TCP(?:v6)?:\\[\\[?[0-9a-f.:]+\\]?:${dicomPort}->`);
    const socketWrites = ok.filter((c) => SOCKET_WRITES.has(c.name) && dicomSocket.test(c.args));
    const firstStaged = ok.find((c) => c.name === 'openat' && quoted(c)[0] === staged)!;
    expect(firstStaged).toBeDefined();
    expect(socketWrites.filter((w) => w.start > firstStaged.end && w.start < dirSync!.end)).toEqual(
      [],
    );
    expect(
      socketWrites.filter((w) => w.start > dirSync!.end).length,
      'response and release',
    ).toBeGreaterThanOrEqual(1);
  });
});
