import { GatewayHeartbeat } from '@telerad/contracts';
import { describe, expect, it } from 'vitest';
import { Heartbeat } from './heartbeat';
import { DiskQueue } from './queue/diskQueue';
import { ErrorRing } from './status/errors';
import { TransferStats } from './status/transferStats';
import { freePort, part10, quietLog, stageBytes, tempDir } from './testSupport';

async function setUp(token: string | null) {
  const dir = await tempDir();
  const queue = await DiskQueue.open(dir, quietLog());
  const instance = part10();
  await queue.enqueue(await stageBytes(queue, instance.bytes), {
    sopInstanceUid: instance.sopInstanceUid,
    sopClassUid: '1.2.840.10008.5.1.4.1.1.7',
    studyInstanceUid: instance.studyInstanceUid,
    transferSyntaxUid: '1.2.840.10008.1.2.1',
    priority: 'urgent',
  });
  const errors = new ErrorRing();
  const stats = new TransferStats();
  // Nothing listens there: the centre is unreachable, as on a clinic's link that is down.
  const centreUrl = `http://127.0.0.1:${await freePort()}`;
  const heartbeat = new Heartbeat({
    centreUrl,
    dataDir: dir,
    token: () => token,
    queue,
    errors,
    stats,
    log: quietLog(),
  });
  return { heartbeat, errors, stats };
}

describe('Heartbeat', () => {
  it('reports the queue, the disk, transfer counters and the errors since the last accepted beat', async () => {
    const { heartbeat, errors, stats } = await setUp('trd_x_y');
    stats.recordSent(1_000, 3_000, 100);
    stats.recordSuccess(Date.parse('2026-12-06T10:00:00Z'));
    errors.push('DISK_FULL', 'C-STORE of 1.2.3 failed: ENOSPC');
    const { body } = await heartbeat.body();
    expect(GatewayHeartbeat.parse(body)).toMatchObject({
      queueDepth: 1,
      lastSuccessAt: '2026-12-06T10:00:00.000Z',
      errorCount: 1,
      errors: [{ code: 'DISK_FULL' }],
      sentInstances: 1,
      sentBytes: 1_000,
      linkKbps: 80,
      compressionSavedBytes: 2_000,
    });
    expect(body.freeDiskBytes).toBeGreaterThan(0);
    expect(body.oldestItemAt).not.toBeNull();
  });

  it('survives an unreachable centre and sends what it could not in the next beat', async () => {
    const { heartbeat, errors } = await setUp('trd_x_y');
    errors.push('QUEUE_WRITE_FAILED', 'first');
    const result = await heartbeat.beat();
    expect(result).toMatchObject({ ok: false });
    expect(heartbeat.last).toBe(result);
    const { body } = await heartbeat.body();
    expect(body.errors.map((e) => e.code)).toEqual(['QUEUE_WRITE_FAILED', 'HEARTBEAT_FAILED']);
    expect(body.errorCount).toBe(2);
  });

  it('does not call the centre before enrolment', async () => {
    const { heartbeat, errors } = await setUp(null);
    expect(await heartbeat.beat()).toMatchObject({ ok: false, error: 'not enrolled' });
    expect(errors.count).toBe(0);
  });
});
