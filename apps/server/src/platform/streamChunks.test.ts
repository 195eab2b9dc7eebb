import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { chunkRuns } from './streamChunks';

async function collect(source: Readable): Promise<Buffer[][]> {
  const runs: Buffer[][] = [];
  for await (const run of chunkRuns(source)) runs.push(run);
  return runs;
}

describe('chunkRuns', () => {
  it('passes every chunk on as it was pushed, never joined or copied', async () => {
    const chunks = [Buffer.from('ab'), Buffer.from('cde'), Buffer.from('f')];
    const runs = await collect(Readable.from(chunks));
    const flat = runs.flat();
    expect(flat).toHaveLength(3);
    flat.forEach((c, i) => expect(c).toBe(chunks[i])); // the same objects
  });

  it('gives every chunk that arrived meanwhile in one run', async () => {
    const pass = new PassThrough();
    const it = chunkRuns(pass)[Symbol.asyncIterator]();
    pass.write(Buffer.from('1'));
    pass.write(Buffer.from('2'));
    pass.write(Buffer.from('3'));
    await new Promise((r) => setImmediate(r));
    const first = await it.next();
    expect((first.value as Buffer[]).map(String)).toEqual(['1', '2', '3']);
    pass.end();
    expect((await it.next()).done).toBe(true);
  });

  it('pauses the source at its high-water mark and resumes it when the chunks are taken', async () => {
    const pass = new PassThrough({ highWaterMark: 4 });
    const it = chunkRuns(pass)[Symbol.asyncIterator]();
    const first = it.next();
    pass.write(Buffer.from('12'));
    expect((await first).value!.map(String)).toEqual(['12']);
    // The consumer is busy with that run: what arrives now waits, and past 4 bytes pauses.
    pass.write(Buffer.from('345'));
    expect(pass.isPaused()).toBe(false);
    pass.write(Buffer.from('6'));
    expect(pass.isPaused()).toBe(true);
    const next = await it.next();
    expect(next.value!.map(String)).toEqual(['345', '6']);
    expect(pass.isPaused()).toBe(false);
    await it.return(undefined);
  });

  it('throws the error of a source that fails', async () => {
    const pass = new PassThrough();
    const done = collect(pass);
    pass.write(Buffer.from('x'));
    pass.destroy(new Error('the association was aborted'));
    await expect(done).rejects.toThrow('the association was aborted');
  });

  it('throws when the source closes before its end', async () => {
    const pass = new PassThrough();
    const done = collect(pass);
    pass.write(Buffer.from('x'));
    pass.destroy();
    await expect(done).rejects.toThrow('closed before its end');
  });

  it('destroys the source when the consumer stops early', async () => {
    const pass = new PassThrough();
    pass.write(Buffer.from('x'));
    for await (const run of chunkRuns(pass)) {
      expect(run).toHaveLength(1);
      break;
    }
    expect(pass.destroyed).toBe(true);
  });
});
