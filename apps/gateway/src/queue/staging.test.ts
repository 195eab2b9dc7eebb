import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testSupport';
import { StagingWriter } from './staging';

describe('StagingWriter', () => {
  it('pauses its source while the buffer is full and resumes it as often as it paused', async () => {
    const calls: string[] = [];
    const writer = new StagingWriter(await tempDir(), undefined, {
      pause: () => calls.push('pause'),
      resume: () => calls.push('resume'),
    });
    const chunk = Buffer.alloc(512 * 1024, 1);
    for (let i = 0; i < 8; i++) writer.write(chunk);
    writer.end();
    const staged = await writer.staged;
    expect(calls[0]).toBe('pause');
    expect(calls.filter((c) => c === 'pause').length).toBe(
      calls.filter((c) => c === 'resume').length,
    );
    const bytes = await readFile(staged.tmpPath);
    expect(bytes.length).toBe(8 * chunk.length);
    expect(staged.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('rejects `staged` with the file system error without erroring the stream', async () => {
    const writer = new StagingWriter('/nonexistent/telerad-gw-tmp');
    let streamError: unknown = null;
    writer.on('error', (e) => (streamError = e));
    writer.end(Buffer.alloc(1024));
    await expect(writer.staged).rejects.toMatchObject({ code: 'ENOENT' });
    expect(streamError).toBeNull();
  });
});
