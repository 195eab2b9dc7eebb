import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatDicomDate, newUid } from '@telerad/dicom';
import type { Db } from '../../platform/db';
import type { ObjectStorage } from '../../platform/storage';
import { writeCxr } from '../../testing/dicomFixtures';
import { storeInstance } from '../ingest';
import type { ReleaseQueue } from '../reports';
import { seedSampleOrders } from './sampleOrders';
import { seedSampleReports } from './sampleReports';

/** One sample study: which clinic, who, and which views at what size. */
interface Sample {
  clinic: string;
  patient: { name: string; id: string; birthDate: string; sex: 'M' | 'F' };
  views: ('PA' | 'LATERAL')[];
  size: [rows: number, columns: number];
  daysAgo: number;
}

const SAMPLES: Sample[] = [
  {
    clinic: 'DEMO1',
    patient: { name: 'SANTOS^MARIA^CRUZ', id: 'PH-240117', birthDate: '19880412', sex: 'F' },
    views: ['PA'],
    size: [2500, 2048],
    daysAgo: 0,
  },
  {
    clinic: 'DEMO1',
    patient: { name: 'REYES^JOSE', id: 'PH-240118', birthDate: '19750203', sex: 'M' },
    views: ['PA', 'LATERAL'],
    size: [2500, 2048],
    daysAgo: 0,
  },
  {
    clinic: 'DEMO1',
    patient: { name: 'MENDOZA^ANA', id: 'PH-240119', birthDate: '20090921', sex: 'F' },
    views: ['PA'],
    size: [1024, 1024],
    daysAgo: 1,
  },
  {
    clinic: 'DEMO2',
    patient: { name: 'MWANGI^WANJIKU', id: 'KE-77120', birthDate: '19920630', sex: 'F' },
    views: ['PA'],
    size: [2500, 2048],
    daysAgo: 0,
  },
  {
    clinic: 'DEMO2',
    patient: { name: 'OKAFOR^CHINEDU', id: 'KE-77121', birthDate: '19810115', sex: 'M' },
    views: ['PA'],
    size: [1024, 1024],
    daysAgo: 2,
  },
  // A returning applicant: the same patient a year earlier, as a prior.
  {
    clinic: 'DEMO2',
    patient: { name: 'MWANGI^WANJIKU', id: 'KE-77120', birthDate: '19920630', sex: 'F' },
    views: ['PA'],
    size: [1024, 1024],
    daysAgo: 380,
  },
];

/**
 * Seeds synthetic chest X-rays for the demo clinics through the real ingest path (as if sent by
 * their modalities), once: a marker in `settings` keeps re-runs from adding more. A few are read
 * and released on `releases` (so delivery works them).
 */
export async function seedSampleStudies(
  db: Db,
  storage: ObjectStorage,
  releases: ReleaseQueue,
): Promise<number> {
  const done = await db
    .selectFrom('settings')
    .select('key')
    .where('key', '=', 'demo.sampleStudies')
    .executeTakeFirst();
  if (done) return 0;
  await seedSampleOrders(db);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-samples-'));
  let stored = 0;
  try {
    for (const [i, s] of SAMPLES.entries()) {
      const clinic = await db
        .selectFrom('clinics')
        .select('id')
        .where('code', '=', s.clinic)
        .executeTakeFirst();
      if (!clinic) continue;
      const when = new Date(Date.now() - s.daysAgo * 86_400_000);
      const study = {
        studyInstanceUid: newUid(),
        accessionNumber: `${s.clinic}-${formatDicomDate(when)}-${i + 1}`,
        studyDate: formatDicomDate(when),
        studyTime: when.toISOString().slice(11, 19).replace(/:/g, ''),
        description: 'Chest PA',
      };
      const seriesInstanceUid = newUid();
      for (const [v, view] of s.views.entries()) {
        const file = path.join(tmp, `${i}-${v}.dcm`);
        await writeCxr(file, 'explicitLE', {
          seed: 1000 + i * 10 + v,
          rows: s.size[0],
          columns: s.size[1],
          view,
          modality: 'DX',
          patient: s.patient,
          study,
          seriesInstanceUid,
          instanceNumber: v + 1,
        });
        await storeInstance(
          { db, storage, minFreeBytes: 0, maxObjectBytes: 1 << 30 },
          fs.createReadStream(file),
          {
            door: 'upload',
            clinicId: clinic.id,
            callingAe: s.clinic,
            remoteAddress: null,
            requestId: 'demo-samples',
          },
        );
        stored++;
      }
    }
    // A few of them read and signed, so the portal and the priors show released reports.
    await seedSampleReports(db, releases);
    await db
      .insertInto('settings')
      .values({
        key: 'demo.sampleStudies',
        value: JSON.stringify({ stored, at: new Date().toISOString() }),
        updated_at: new Date(),
      })
      .execute();
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return stored;
}
