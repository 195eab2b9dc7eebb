import fs from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { quietLog, tempDir } from '../testSupport';
import { WorklistCache } from './cache';
import { gatewayWorklist } from './index';
import { Outbox, OUTBOX_DIR, REFUSED_DIR } from './outbox';

const dirs: string[] = [];
const fresh = async () => {
  const d = await tempDir();
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const applicant = { patientId: 'A-1', familyName: 'Diallo', birthDate: '1985-04-01', sex: 'F' };
const day = new Date(2026, 11, 6, 9, 30);

describe('the outbox', () => {
  it('makes accession numbers G + yymmdd + a sequence that survives a restart', async () => {
    const dir = await fresh();
    const box = await Outbox.open(dir, quietLog());
    const a = await box.add(applicant, day);
    const b = await box.add({ ...applicant, patientId: 'A-2' }, day);
    expect([a.order.accessionNumber, b.order.accessionNumber]).toEqual([
      'G2612060001',
      'G2612060002',
    ]);
    expect(a.order.scheduledDate).toBe('2026-12-06');
    expect(a.studyInstanceUid).not.toBe(b.studyInstanceUid);
    await box.done(a.localId);

    const again = await Outbox.open(dir, quietLog());
    expect(again.waiting().map((o) => o.localId)).toEqual([b.localId]);
    const c = await again.add({ ...applicant, accessionNumber: '' }, day);
    expect(c.order.accessionNumber).toBe('G2612060003');
    const next = await again.add(applicant, new Date(2026, 11, 7, 8));
    expect(next.order.accessionNumber).toBe('G2612070001');
    // The desk's own accession number is kept.
    const own = await again.add({ ...applicant, accessionNumber: 'DESK-7' }, day);
    expect(own.order.accessionNumber).toBe('DESK-7');
  });

  it('refuses what the portal would refuse, and keeps nothing of it', async () => {
    const dir = await fresh();
    const box = await Outbox.open(dir, quietLog());
    await expect(box.add({ ...applicant, birthDate: '1985-02-30' })).rejects.toThrow();
    await expect(box.add({ ...applicant, surprise: 1 })).rejects.toThrow();
    expect(box.waiting()).toEqual([]);
    expect((await readdir(path.join(dir, OUTBOX_DIR))).filter((n) => n.endsWith('.json'))).toEqual(
      [],
    );
  });

  it('moves a refused order aside with the reason, and it stays off the worklist', async () => {
    const dir = await fresh();
    const box = await Outbox.open(dir, quietLog());
    const a = await box.add(applicant, day);
    const b = await box.add({ ...applicant, patientId: 'A-2' }, day);
    const cache = await WorklistCache.open(dir, quietLog());
    expect(gatewayWorklist(cache, box).map((e) => e.accessionNumber)).toEqual([
      'G2612060001',
      'G2612060002',
    ]);
    await box.refuse(a.localId, { code: 'DUPLICATE_ACCESSION_NUMBER', message: 'taken' });
    const again = await Outbox.open(dir, quietLog());
    expect(again.waiting().map((o) => o.localId)).toEqual([b.localId]);
    expect(again.refused()).toMatchObject([
      { localId: a.localId, refusal: { code: 'DUPLICATE_ACCESSION_NUMBER' } },
    ]);
    expect(await readdir(path.join(dir, OUTBOX_DIR, REFUSED_DIR))).toEqual([`${a.localId}.json`]);
    expect(gatewayWorklist(cache, again).map((e) => e.accessionNumber)).toEqual(['G2612060002']);
    // The refused order's number is not made again the same day.
    expect((await again.add(applicant, day)).order.accessionNumber).toBe('G2612060003');
  });
});

describe('the worklist served', () => {
  it("serves an order once the centre's list carries it, from the cache after a restart", async () => {
    const dir = await fresh();
    const box = await Outbox.open(dir, quietLog());
    const local = await box.add({ ...applicant, givenName: 'Awa' }, day);
    const cache = await WorklistCache.open(dir, quietLog());
    await cache.replace(
      {
        clinicId: crypto.randomUUID(),
        at: new Date().toISOString(),
        items: [
          {
            orderId: crypto.randomUUID(),
            accessionNumber: local.order.accessionNumber,
            patientId: 'A-1',
            issuer: '',
            patientName: 'Diallo^Awa',
            birthDate: '1985-04-01',
            sex: 'F',
            modality: 'DX',
            stationAeTitle: null,
            scheduledDate: '2026-12-06',
            scheduledTime: null,
            studyInstanceUid: local.studyInstanceUid,
            views: ['PA'],
            priority: 'routine',
            note: '',
          },
        ],
      },
      '"tag-1"',
    );
    const reopened = await WorklistCache.open(dir, quietLog());
    expect(reopened.etag).toBe('"tag-1"');
    const served = gatewayWorklist(reopened, box);
    expect(served).toHaveLength(1);
    expect(served[0]).not.toHaveProperty('orderId');
    expect(served[0]).toMatchObject({
      patientName: 'Diallo^Awa',
      studyInstanceUid: local.studyInstanceUid,
    });
  });
});
