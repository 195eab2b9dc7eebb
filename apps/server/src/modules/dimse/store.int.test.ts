import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../platform/db';
import { whileClinicSuspended } from '../../testing/clinicStatus';
import { brokenFiles, writeCxr, SOP_CLASS, TS, type SyntaxKey } from '../../testing/dicomFixtures';
import {
  datasetBytes,
  dimseFixture,
  freePort,
  ingestDeps,
  run,
  sendRaw,
  storedInstance,
  type DimseFixture,
} from './testSupport';
import { stagingEmpty } from '../../testing/staging';

let f: DimseFixture;
let dir: string;

beforeAll(async () => {
  f = await dimseFixture();
  dir = path.join(f.dataDir, 'files');
  fs.mkdirSync(dir);
});
afterAll(async () => f?.close());

const count = async (table: 'instances' | 'studies') =>
  Number(
    (
      await f.tdb.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const staged = () => stagingEmpty(f.dataDir);

/** Writes a 16×16 chest X-ray and sends its dataset over DIMSE, announced as `sopClassUid`. */
async function sendTiny(
  port: number,
  ae: string,
  name: string,
  seed: number,
  sopClassUid: string = SOP_CLASS.DX,
) {
  const file = await writeCxr(path.join(dir, `${name}.dcm`), 'explicitLE', {
    seed,
    rows: 16,
    columns: 16,
  });
  const res = await sendRaw(port, ae, [
    {
      bytes: datasetBytes(fs.readFileSync(file.path)),
      ts: TS.explicitLE,
      sopClassUid,
      sopUid: file.sopInstanceUid,
    },
  ]);
  return { file, res };
}

describe('C-STORE', () => {
  const syntaxes: SyntaxKey[] = [
    'implicitLE',
    'explicitLE',
    'explicitBE',
    'deflatedLE',
    'jpegBaseline',
    'jpegLosslessSV1',
    'jpegLsLossless',
    'j2kLossless',
    'htj2kLossless',
    'rleLossless',
  ];

  it('stores every syntax byte for byte as sent (dcmjs-dimse SCU, no transcoding)', async () => {
    const files = await Promise.all(
      syntaxes.map((s, i) =>
        writeCxr(path.join(dir, `raw-${s}.dcm`), s, {
          seed: 100 + i,
          rows: 32,
          columns: 32,
          bitsStored: s === 'jpegBaseline' ? 8 : 12,
        }),
      ),
    );
    const items = files.map((w) => ({
      bytes: datasetBytes(fs.readFileSync(w.path)),
      ts: w.transferSyntaxUid,
      sopClassUid: SOP_CLASS.DX,
      sopUid: w.sopInstanceUid,
    }));
    const res = await sendRaw(f.port, 'DEMO1', items);
    expect(res.statuses).toEqual(items.map(() => 0));
    for (const [i, w] of files.entries()) {
      const s = await storedInstance(f, w.sopInstanceUid);
      expect(s?.row.transfer_syntax_uid).toBe(w.transferSyntaxUid);
      expect(Buffer.compare(datasetBytes(s!.bytes), items[i]!.bytes), w.syntax).toBe(0);
      // The meta group names the calling AE as Source AE (0002,0016).
      expect(s!.bytes.subarray(0, 400).includes(Buffer.from('DEMO1'))).toBe(true);
    }
  });

  it('stores files sent by DCMTK dcmsend in their own syntax, identical to the originals', async () => {
    const keys: SyntaxKey[] = ['explicitLE', 'jpegLsLossless', 'j2kLossless', 'rleLossless'];
    const files = await Promise.all(
      keys.map((s, i) =>
        writeCxr(path.join(dir, `dcmsend-${s}.dcm`), s, { seed: 200 + i, rows: 32, columns: 32 }),
      ),
    );
    const r = await run('dcmsend', [
      '-aet',
      'DEMO1',
      '-aec',
      'TELERAD',
      '--decompress-never',
      '127.0.0.1',
      String(f.port),
      ...files.map((w) => w.path),
    ]);
    expect(r.code, r.out).toBe(0);
    for (const w of files) {
      const s = await storedInstance(f, w.sopInstanceUid);
      expect(s?.row.transfer_syntax_uid, w.syntax).toBe(w.transferSyntaxUid);
      const a = await run('dcmdump', ['-q', '+P', '7fe0,0010', '+L', w.path]);
      fs.writeFileSync(path.join(dir, 'back.dcm'), s!.bytes);
      const b = await run('dcmdump', ['-q', '+P', '7fe0,0010', '+L', path.join(dir, 'back.dcm')]);
      expect(b.out).toBe(a.out);
      expect(Buffer.compare(datasetBytes(s!.bytes), datasetBytes(fs.readFileSync(w.path)))).toBe(0);
    }
  });

  it('serves 8 concurrent storescu associations', async () => {
    const files = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        writeCxr(path.join(dir, `conc-${i}.dcm`), 'explicitLE', {
          seed: 300 + i,
          rows: 64,
          columns: 64,
        }),
      ),
    );
    const runs = await Promise.all(
      files.map((w) =>
        run('storescu', ['-aet', 'DEMO2', '-aec', 'TELERAD', '127.0.0.1', String(f.port), w.path]),
      ),
    );
    for (const r of runs) expect(r.code, r.out).toBe(0);
    for (const w of files) expect(await storedInstance(f, w.sopInstanceUid)).toBeDefined();
  });
  it('stores a full-size chest X-ray from storescu byte for byte (256 KiB PDUs over many reads)', async () => {
    const w = await writeCxr(path.join(dir, 'full-size.dcm'), 'explicitLE', {
      seed: 450,
      rows: 2500,
      columns: 2048,
      modality: 'DX',
    });
    const r = await run('storescu', [
      '-aet',
      'DEMO1',
      '-aec',
      'TELERAD',
      '127.0.0.1',
      String(f.port),
      w.path,
    ]);
    expect(r.code, r.out).toBe(0);
    const s = await storedInstance(f, w.sopInstanceUid);
    const original = fs.readFileSync(w.path);
    expect(original.length).toBeGreaterThan(10_000_000);
    expect(Buffer.compare(datasetBytes(s!.bytes), datasetBytes(original))).toBe(0);
  });

  it('keeps reading the association after a dataset that paused the socket to the end', async () => {
    // A 1-byte receive buffer: every fragment fills it, so the socket is paused after the
    // last one too, and the next message is only read if the reception resumes it.
    const server = await f.extra({ port: 0, receiveBufferBytes: 1 });
    const files = await Promise.all(
      [0, 1, 2].map((i) =>
        writeCxr(path.join(dir, `paused-${i}.dcm`), 'explicitLE', { seed: 400 + i, rows: 512 }),
      ),
    );
    const r = await run(
      'storescu',
      ['-aet', 'DEMO2', '-aec', 'TELERAD', '127.0.0.1', String(server.port)].concat(
        files.map((w) => w.path),
      ),
      15_000,
    );
    expect(r.code, r.out).toBe(0);
    for (const w of files) expect(await storedInstance(f, w.sopInstanceUid)).toBeDefined();
  });
});

describe('C-STORE failures', () => {
  let broken: Awaited<ReturnType<typeof brokenFiles>>;
  beforeAll(async () => {
    broken = await brokenFiles(path.join(dir, 'broken'));
  });

  /** Sends a broken file's dataset part (or all of it when it has no readable meta). */
  const sendBroken = (
    name: keyof typeof broken,
    ts: string = TS.explicitLE,
    sopClassUid: string = SOP_CLASS.CR,
  ) => {
    const bytes = fs.readFileSync(broken[name].path);
    let data: Buffer = bytes;
    try {
      data = datasetBytes(bytes);
    } catch {
      // no meta: send the bytes as they are
    }
    return sendRaw(f.port, 'DEMO1', [
      {
        bytes: data,
        ts,
        sopClassUid,
        sopUid: `2.25.${Date.now()}${Math.floor(Math.random() * 1e6)}`,
      },
    ]);
  };

  it('gives each bad input a specific failure status and indexes nothing', async () => {
    const before = await count('instances');
    expect((await sendBroken('garbage')).statuses).toEqual([0xc000]);
    expect((await sendBroken('truncated-pixel-data')).statuses).toEqual([0xc000]);
    expect((await sendBroken('truncated-header')).statuses).toEqual([0xc000]);
    expect((await sendBroken('oversized-length-implicit', TS.implicitLE)).statuses).toEqual([
      0xc000,
    ]);
    expect((await sendBroken('oversized-pixel-length')).statuses).toEqual([0xc000]);
    const missing = await sendBroken('missing-study-uid');
    expect(missing.statuses).toEqual([0xc001]);
    expect(missing.comments[0]).toMatch(/Study Instance UID/);
    // The command (and so the meta group) says CT; the dataset is a CR.
    const { res: mismatch } = await sendTiny(f.port, 'DEMO1', 'cr-as-ct', 403, SOP_CLASS.CT);
    expect(mismatch.statuses).toEqual([0xa900]);
    expect(await count('instances')).toBe(before);
    expect(staged()).toBe(true);
  });

  it('refuses a suspended clinic with 0x0124', async () => {
    await whileClinicSuspended(f.tdb.db, 'DEMO2', async () => {
      const { file: w, res: res } = await sendTiny(f.port, 'DEMO2', 'suspended', 400);
      expect(res.rejected).toBeUndefined();
      expect(res.statuses).toEqual([0x0124]);
      expect(await storedInstance(f, w.sopInstanceUid)).toBeUndefined();
    });
  });

  it('refuses with 0xA700 below the free-space floor', async () => {
    const s = await f.extra({ ingest: ingestDeps(f.tdb, f.storage, { minFreeBytes: 2 ** 60 }) });
    const { file: w, res: res } = await sendTiny(s.port, 'DEMO1', 'full', 401);
    expect(res.statuses).toEqual([0xa700]);
    expect(await storedInstance(f, w.sopInstanceUid)).toBeUndefined();
  });

  it('gives a failure status when the database is down, and stays up', async () => {
    const dead = createDb(`postgresql://postgres@127.0.0.1:${await freePort()}/none`, 1);
    const s = await f.extra({ ingest: ingestDeps(f.tdb, f.storage, { db: dead.db }) });
    const w = await writeCxr(path.join(dir, 'dbdown.dcm'), 'explicitLE', {
      seed: 402,
      rows: 16,
      columns: 16,
    });
    const r = await run('storescu', [
      '-v',
      '-aet',
      'DEMO1',
      '-aec',
      'TELERAD',
      '127.0.0.1',
      String(s.port),
      w.path,
    ]);
    expect(r.out).toMatch(/Refused: OutOfResources|0xa700/i);
    expect(await storedInstance(f, w.sopInstanceUid)).toBeUndefined();
    const echo = await run('echoscu', [
      '-aet',
      'DEMO1',
      '-aec',
      'TELERAD',
      '127.0.0.1',
      String(s.port),
    ]);
    expect(echo.code, echo.out).toBe(0);
    await dead.db.destroy();
  });
});
