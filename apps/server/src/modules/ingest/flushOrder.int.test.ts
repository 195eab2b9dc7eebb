import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCxr } from '../../testing/dicomFixtures';
import { startServer, type ServerProcess } from '../../testing/serverProcess';
import { fdPath, quoted, traceProcess, type Syscall } from '../../testing/syscalls';
import { run } from '../dimse/testSupport';

/**
 * The durability rule (DESIGN §2) as the kernel sees it: the system calls of a real server
 * storing a small object (one O_DSYNC write) and a large one (writes, then fdatasync), recorded
 * with strace. A process kill cannot show a missing flush (the page cache survives it); a power
 * cut would. So the order is asserted call by call, and removing any flush fails this test:
 * - the staged bytes are durable before the rename gives them their name;
 * - the directory holding that name is flushed after the rename and before the C-STORE
 *   response leaves.
 */
const CALLS = ['openat', 'write', 'writev', 'pwrite64', 'pwritev', 'fsync', 'fdatasync', 'rename'];
const WRITES = new Set(['write', 'writev', 'pwrite64', 'pwritev']);

let root: string;
let server: ServerProcess;
let files: { small: string; large: string };

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-flush-'));
  fs.chmodSync(root, 0o755);
  const small = await writeCxr(path.join(root, 'small.dcm'), 'explicitLE', { rows: 64, seed: 1 });
  const large = await writeCxr(path.join(root, 'large.dcm'), 'explicitLE', {
    rows: 1024,
    columns: 1024,
    seed: 2,
  });
  files = { small: small.path, large: large.path };
  fs.mkdirSync(path.join(root, 'data'));
  server = await startServer({
    dataDir: path.join(root, 'data'),
    env: { TELERAD_DEMO_STUDIES: '0' },
  });
});
afterAll(async () => {
  await server?.stop();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

const storescu = (file: string) =>
  run('storescu', [
    '-aet',
    'DEMO1',
    '-aec',
    'TELERAD',
    '127.0.0.1',
    String(server.dicomPort),
    file,
  ]);

describe('the system calls of a stored object (power loss)', () => {
  it('flush the bytes before the rename, and the directory after it, before the response', async () => {
    expect(fs.statSync(files.large).size).toBeGreaterThan(1024 * 1024); // not one O_DSYNC write
    const tracer = await traceProcess(server.child.pid!, CALLS, path.join(root, 'strace.txt'), () =>
      fetch(`${server.url}/api/health`),
    );
    let calls: Syscall[];
    try {
      for (const f of [files.small, files.large]) expect((await storescu(f)).code).toBe(0);
    } finally {
      calls = await tracer.stop();
    }
    const staging = path.join(server.dataDir, 'staging') + '/';
    const objects = path.join(server.dataDir, 'objects') + '/';
    // The server's end of a DICOM connection (IPv4, or IPv6 with a mapped address).
    const dicomSocket = new RegExp(`^TCP(?:v6)?:\\[\\[?[0-9a-f.:]+\\]?:${server.dicomPort}->`);

    // Staging files created while traced, and whether each writes through O_DSYNC.
    const dsync = new Map<string, boolean>();
    for (const c of calls)
      if (c.name === 'openat' && quoted(c)[0]?.startsWith(staging))
        dsync.set(quoted(c)[0]!, c.args.includes('O_DSYNC'));
    const renames = calls.filter(
      (c) => c.name === 'rename' && quoted(c)[0]?.startsWith(staging) && c.ret === '0',
    );
    expect(renames.map((r) => quoted(r)[1]!.startsWith(objects))).toEqual([true, true]);

    const kinds: string[] = [];
    for (const rename of renames) {
      const [from, to] = quoted(rename) as [string, string];
      const on = (file: string, names: Set<string>) =>
        calls.filter((c) => names.has(c.name) && fdPath(c) === file);
      const writes = on(from, WRITES);
      expect(writes.length, `writes to ${from}`).toBeGreaterThan(0);
      const lastWrite = Math.max(...writes.map((w) => w.end));
      expect(dsync.has(from), `${from} opened while traced`).toBe(true);
      if (dsync.get(from)) {
        // O_DSYNC: each write returns once its bytes are on the disk.
        kinds.push('O_DSYNC');
        expect(lastWrite, 'the O_DSYNC write returns before the rename').toBeLessThan(rename.start);
      } else {
        kinds.push('fdatasync');
        const flushed = on(from, new Set(['fdatasync', 'fsync'])).filter(
          (f) => f.start > lastWrite && f.end < rename.start && f.ret === '0',
        );
        expect(
          flushed.length,
          'an fdatasync after the last write, before the rename',
        ).toBeGreaterThan(0);
      }
      const dirFlush = calls.find(
        (c) => c.name === 'fsync' && fdPath(c) === path.dirname(to) && c.start > rename.end,
      );
      const response = calls.find(
        (c) =>
          WRITES.has(c.name) &&
          dicomSocket.test(fdPath(c) ?? '') &&
          /^[^,]*, (?:\[\{iov_base=)?"\\x04/.test(c.args) &&
          c.start > rename.end,
      );
      expect(dirFlush, `fsync of ${path.dirname(to)} after the rename`).toBeDefined();
      expect(response, 'the C-STORE response after the rename').toBeDefined();
      expect(dirFlush!.end, 'the directory flush returns before the response').toBeLessThan(
        response!.start,
      );
    }
    expect(kinds).toEqual(['O_DSYNC', 'fdatasync']);
  });
});
