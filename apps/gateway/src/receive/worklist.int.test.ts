import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { WorklistEntry } from '@telerad/dicom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessions,
  da,
  findWorklist,
  stepOf,
  valueOf,
} from '../../../server/src/testing/dicom/worklistScu';
import { DiskQueue } from '../queue/diskQueue';
import { ErrorRing } from '../status/errors';
import { freePort, quietLog, tempDir, testConfig } from '../testSupport';
import { startDimse, type DimseReceiver } from './dimse';
import type { WorklistProvider } from './worklist';

/**
 * The gateway's local Modality Worklist SCP (PS3.4 Annex K) driven by DCMTK's `findscu -W`: it
 * answers from the provider it was given (here fixed entries; in a running gateway the cache it
 * syncs from the centre), with the same matching as the centre, to its allowed senders only.
 */
const entry = (over: Partial<WorklistEntry>): WorklistEntry => ({
  accessionNumber: 'GW-1',
  patientId: 'P-1',
  issuer: '',
  patientName: 'SANTOS^Maria',
  birthDate: '1990-02-03',
  sex: 'F',
  modality: 'DX',
  stationAeTitle: null,
  scheduledDate: '2026-03-02',
  scheduledTime: null,
  studyInstanceUid: '2.25.1001',
  views: ['PA'],
  priority: 'routine',
  note: '',
  ...over,
});

const ENTRIES = [
  entry({ accessionNumber: 'GW-1', stationAeTitle: 'CR_ROOM1', scheduledTime: '08:30' }),
  entry({
    accessionNumber: 'GW-2',
    patientId: 'P-2',
    patientName: 'OKELLO^John',
    sex: 'M',
    modality: 'CR',
    stationAeTitle: 'CR_ROOM2',
    studyInstanceUid: '2.25.1002',
  }),
  entry({
    accessionNumber: 'GW-3',
    patientId: 'P-3',
    patientName: 'NÚÑEZ^José',
    scheduledDate: '2026-03-03',
    studyInstanceUid: '2.25.1003',
  }),
];

let dir: string;
let entries: WorklistEntry[] = ENTRIES;
let failing = false;
let calls = 0;
const receivers: DimseReceiver[] = [];
const queues: DiskQueue[] = [];

/** A gateway receiver on a free port accepting CR_ROOM1 and CR_ROOM2, with `worklist` if given. */
async function receiver(worklist: WorklistProvider | undefined): Promise<number> {
  const port = await freePort();
  const config = testConfig(await tempDir(), {
    port,
    allowedSenders: [
      { aeTitle: 'CR_ROOM1', addresses: [] },
      { aeTitle: 'CR_ROOM2', addresses: ['127.0.0.1'] },
    ],
  });
  await mkdir(config.dataDir, { recursive: true });
  const queue = await DiskQueue.open(config.dataDir, quietLog());
  queues.push(queue);
  receivers.push(
    await startDimse({ config, queue, log: quietLog(), errors: new ErrorRing(), worklist }),
  );
  return port;
}

let port: number;
let bare: number;
beforeAll(async () => {
  dir = await tempDir('telerad-gw-wl-');
  port = await receiver(async () => {
    calls++;
    if (failing) throw new Error('the worklist cache is unreadable');
    return entries;
  });
  bare = await receiver(undefined);
});
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  for (const q of queues) q.close();
});

const find = (ae: string, keys: Parameters<typeof findWorklist>[3], at = port) =>
  findWorklist(path.join(dir), at, ae, keys, 'TELERAD_GW');

describe("the gateway's local modality worklist (findscu -W)", () => {
  it('answers an allowed X-ray unit from the provider, matched as the centre matches', async () => {
    const r = await find('CR_ROOM1', { startDate: '20260302' });
    expect(r.code, r.out).toBe(0);
    expect(accessions(r)).toEqual(['GW-1', 'GW-2']);
    const first = r.answers.find((a) => valueOf(a, '00080050') === 'GW-1')!;
    expect(valueOf(first, '00100010')).toBe('SANTOS^Maria');
    expect(valueOf(first, '0020000D')).toBe('2.25.1001');
    expect(valueOf(stepOf(first), '00400001')).toBe('CR_ROOM1');
    expect(valueOf(stepOf(first), '00400003')).toMatch(/^0830/);
  });

  it('matches modality, station AE title, date range and name wildcards', async () => {
    expect(accessions(await find('CR_ROOM1', { startDate: '20260302', modality: 'CR' }))).toEqual([
      'GW-2',
    ]);
    expect(
      accessions(await find('CR_ROOM2', { startDate: '20260302', stationAeTitle: 'CR_ROOM1' })),
    ).toEqual(['GW-1']);
    expect(accessions(await find('CR_ROOM1', { startDate: '20260302-20260303' }))).toEqual([
      'GW-1',
      'GW-2',
      'GW-3',
    ]);
    expect(accessions(await find('CR_ROOM1', { patientName: 'okel*' }))).toEqual(['GW-2']);
  });

  it('declares ISO_IR 192 for a name outside ASCII', async () => {
    const r = await find('CR_ROOM1', { startDate: da('2026-03-03') });
    expect(accessions(r)).toEqual(['GW-3']);
    expect(r.answers[0]!['00080005']?.Value).toEqual(['ISO_IR 192']);
    expect(valueOf(r.answers[0], '00100010')).toBe('NÚÑEZ^José');
  });

  it('reads the provider at each query', async () => {
    const before = calls;
    entries = [entry({ accessionNumber: 'GW-9', scheduledDate: '2026-03-02' })];
    try {
      expect(accessions(await find('CR_ROOM1', { startDate: '20260302' }))).toEqual(['GW-9']);
    } finally {
      entries = ENTRIES;
    }
    expect(calls).toBe(before + 1);
  });

  it('refuses a calling AE that is not an allowed sender', async () => {
    const r = await find('STRANGER', { startDate: '20260302' });
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/Association Rejected/i);
    expect(r.answers).toEqual([]);
  });

  it('answers A700 with the reason when the provider fails, and nothing else', async () => {
    failing = true;
    try {
      const r = await find('CR_ROOM1', { startDate: '20260302' });
      expect(r.answers).toEqual([]);
      expect(r.out).toMatch(/OutOfResources|a700/i);
    } finally {
      failing = false;
    }
  });

  it('does not offer the worklist without a provider', async () => {
    const r = await find('CR_ROOM1', { startDate: '20260302' }, bare);
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/No Acceptable Presentation Contexts|no presentation context/i);
    expect(r.answers).toEqual([]);
  });
});
