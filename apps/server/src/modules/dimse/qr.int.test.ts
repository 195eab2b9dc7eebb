import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUid } from '@telerad/dicom';
import { writeCxr, type WrittenFile } from '../../testing/dicomFixtures';
import { datasetBytes, dimseFixture, freePort, run, type DimseFixture } from './testSupport';

let f: DimseFixture;
let dir: string;
const one = { study: newUid(), series: [newUid(), newUid()] };
const two = { study: newUid(), series: newUid() };
let files: WrittenFile[] = [];
let storescp: ChildProcess | undefined;
let destPort = 0;

beforeAll(async () => {
  f = await dimseFixture();
  dir = path.join(f.dataDir, 'files');
  fs.mkdirSync(dir);
  const study = (uid: string, date: string) => ({
    studyInstanceUid: uid,
    studyDate: date,
    accessionNumber: `ACC${date}`,
    description: 'Chest PA',
  });
  // DEMO1: one study, two series (one J2K lossless to exercise stored-syntax retrieval).
  files = await Promise.all([
    writeCxr(path.join(dir, 'a1.dcm'), 'explicitLE', {
      seed: 1,
      rows: 32,
      columns: 32,
      patient: { id: 'P-ONE', name: 'SANTOS^MARIA' },
      study: study(one.study, '20240315'),
      seriesInstanceUid: one.series[0],
      seriesNumber: 1,
      instanceNumber: 1,
    }),
    writeCxr(path.join(dir, 'a2.dcm'), 'explicitLE', {
      seed: 2,
      rows: 32,
      columns: 32,
      patient: { id: 'P-ONE', name: 'SANTOS^MARIA' },
      study: study(one.study, '20240315'),
      seriesInstanceUid: one.series[0],
      seriesNumber: 1,
      instanceNumber: 2,
    }),
    writeCxr(path.join(dir, 'a3.dcm'), 'j2kLossless', {
      seed: 3,
      rows: 32,
      columns: 32,
      patient: { id: 'P-ONE', name: 'SANTOS^MARIA' },
      study: study(one.study, '20240315'),
      seriesInstanceUid: one.series[1],
      seriesNumber: 2,
      instanceNumber: 1,
    }),
  ]);
  const other = await writeCxr(path.join(dir, 'b1.dcm'), 'explicitLE', {
    seed: 4,
    rows: 32,
    columns: 32,
    patient: { id: 'P-TWO', name: 'OKELLO^JOHN' },
    study: study(two.study, '20230101'),
    seriesInstanceUid: two.series,
  });
  const send = (ae: string, paths: string[]) =>
    run('dcmsend', [
      '-aet',
      ae,
      '-aec',
      'TELERAD',
      '--decompress-never',
      '127.0.0.1',
      String(f.port),
      ...paths,
    ]);
  expect(
    (
      await send(
        'DEMO1',
        files.map((w) => w.path),
      )
    ).code,
  ).toBe(0);
  expect((await send('DEMO2', [other.path])).code).toBe(0);

  destPort = await freePort();
  fs.mkdirSync(path.join(dir, 'moved'));
  storescp = spawn(
    'storescp',
    ['-aet', 'DEMO1PACS', '+xa', '-od', path.join(dir, 'moved'), String(destPort)],
    {
      stdio: 'ignore',
    },
  );
  const demo1 = await f.tdb.db
    .selectFrom('clinics')
    .select('id')
    .where('code', '=', 'DEMO1')
    .executeTakeFirstOrThrow();
  await f.tdb.db
    .insertInto('clinic_ae_titles')
    .values([
      {
        ae_title: 'DEMO1PACS',
        clinic_id: demo1.id,
        allowed_networks: [],
        position: 1,
        host: '127.0.0.1',
        port: destPort,
      },
      { ae_title: 'DEMO1NOADDR', clinic_id: demo1.id, allowed_networks: [], position: 2 },
    ])
    .execute();
});
afterAll(async () => {
  storescp?.kill();
  await f?.close();
});

/** findscu with `-v`: the number of pending answers and the whole output. */
async function find(ae: string, root: '-S' | '-P', keys: string[]) {
  const r = await run('findscu', [
    '-v',
    root,
    '-aet',
    ae,
    '-aec',
    'TELERAD',
    '127.0.0.1',
    String(f.port),
    ...keys.flatMap((k) => ['-k', k]),
  ]);
  expect(r.code, r.out).toBe(0);
  return { n: (r.out.match(/Find Response: \d+ \(Pending\)/g) ?? []).length, out: r.out };
}

describe('C-FIND', () => {
  it('matches studies by wildcard name and date range (Study Root)', async () => {
    const r = await find('DEMO1', '-S', [
      'QueryRetrieveLevel=STUDY',
      'PatientName=SANTOS*',
      'StudyDate=20240101-20241231',
      'StudyInstanceUID',
      'NumberOfStudyRelatedInstances',
      'ModalitiesInStudy',
    ]);
    expect(r.n).toBe(1);
    expect(r.out).toContain(one.study);
    expect(r.out).toMatch(/\(0020,1208\) IS \[3 ?\]/);
    const none = await find('DEMO1', '-S', [
      'QueryRetrieveLevel=STUDY',
      'StudyDate=-20231231',
      'StudyInstanceUID',
    ]);
    expect(none.n).toBe(0);
  });

  it('matches series and images within a study', async () => {
    const series = await find('DEMO1', '-S', [
      'QueryRetrieveLevel=SERIES',
      `StudyInstanceUID=${one.study}`,
      'SeriesInstanceUID',
      'Modality',
    ]);
    expect(series.n).toBe(2);
    const images = await find('DEMO1', '-S', [
      'QueryRetrieveLevel=IMAGE',
      `StudyInstanceUID=${one.study}`,
      `SeriesInstanceUID=${one.series[0]}`,
      'SOPInstanceUID',
      'InstanceNumber',
      'Rows',
    ]);
    expect(images.n).toBe(2);
    expect(images.out).toContain(files[0]!.sopInstanceUid);
    expect(images.out).toMatch(/\(0028,0010\) US 32/);
  });

  it('matches study keys at the series and image levels, as QIDO-RS does', async () => {
    const seriesOf = (...keys: string[]) =>
      find('DEMO1', '-S', [
        'QueryRetrieveLevel=SERIES',
        `StudyInstanceUID=${one.study}`,
        'SeriesInstanceUID',
        ...keys,
      ]);
    expect((await seriesOf('PatientName=SANTOS*')).n).toBe(2);
    expect((await seriesOf('PatientName=NOSUCH*')).n).toBe(0);
    expect((await seriesOf('StudyDate=-20231231')).n).toBe(0);
    expect((await seriesOf('AccessionNumber=ACC20240315', 'SeriesNumber=2')).n).toBe(1);
    const images = (...keys: string[]) =>
      find('DEMO1', '-S', [
        'QueryRetrieveLevel=IMAGE',
        `StudyInstanceUID=${one.study}`,
        `SeriesInstanceUID=${one.series[0]}`,
        'SOPInstanceUID',
        ...keys,
      ]);
    expect((await images('PatientID=P-ONE')).n).toBe(2);
    expect((await images('PatientID=P-TWO')).n).toBe(0);
    expect((await images('Modality=CR')).n).toBe(0);
  });

  it('answers the Patient Root model at patient and study level', async () => {
    const patients = await find('DEMO1', '-P', [
      'QueryRetrieveLevel=PATIENT',
      'PatientID=P-*',
      'PatientName',
      'NumberOfPatientRelatedStudies',
    ]);
    expect(patients.n).toBe(1);
    expect(patients.out).toContain('SANTOS^MARIA');
    const studies = await find('DEMO1', '-P', [
      'QueryRetrieveLevel=STUDY',
      'PatientID=P-ONE',
      'StudyInstanceUID',
    ]);
    expect(studies.n).toBe(1);
  });

  it('keeps each clinic to its own studies, and audits queries', async () => {
    const r = await find('DEMO2', '-S', [
      'QueryRetrieveLevel=STUDY',
      'StudyInstanceUID',
      'PatientID',
    ]);
    expect(r.n).toBe(1);
    expect(r.out).toContain(two.study);
    expect(r.out).not.toContain(one.study);
    const byUid = await find('DEMO2', '-S', [
      'QueryRetrieveLevel=STUDY',
      `StudyInstanceUID=${one.study}`,
    ]);
    expect(byUid.n).toBe(0);
    await expect
      .poll(
        async () =>
          (
            await f.tdb.db
              .selectFrom('audit_events')
              .select('action')
              .where('actor_name', '=', 'AE DEMO2')
              .execute()
          ).length,
      )
      .toBeGreaterThanOrEqual(2);
  });
});

describe('C-MOVE and C-GET', () => {
  it('moves a study to a storescp of the same clinic, in the stored syntaxes', async () => {
    const r = await run('movescu', [
      '-v',
      '-S',
      '-aet',
      'DEMO1',
      '-aec',
      'TELERAD',
      '-aem',
      'DEMO1PACS',
      '127.0.0.1',
      String(f.port),
      '-k',
      'QueryRetrieveLevel=STUDY',
      '-k',
      `StudyInstanceUID=${one.study}`,
    ]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/Received Final Move Response \(Success\)/);
    expect(r.out.match(/Move Response \d+ \(Pending\)/g)).toHaveLength(2);
    const received = fs.readdirSync(path.join(dir, 'moved'));
    expect(received).toHaveLength(3);
    for (const w of files) {
      const name = received.find((n) => n.endsWith(w.sopInstanceUid));
      expect(name, w.syntax).toBeDefined();
      const got = fs.readFileSync(path.join(dir, 'moved', name!));
      expect(Buffer.compare(datasetBytes(got), datasetBytes(fs.readFileSync(w.path)))).toBe(0);
    }
  });

  it('refuses a Move Destination that is not an addressable AE of the clinic (0xA801)', async () => {
    for (const dest of ['NOPE', 'DEMO1NOADDR', 'DEMO2']) {
      const r = await run('movescu', [
        '-v',
        '-S',
        '-aet',
        'DEMO1',
        '-aec',
        'TELERAD',
        '-aem',
        dest,
        '127.0.0.1',
        String(f.port),
        '-k',
        'QueryRetrieveLevel=STUDY',
        '-k',
        `StudyInstanceUID=${one.study}`,
      ]);
      expect(r.out, dest).toMatch(/MoveDestinationUnknown/);
    }
  });

  it('returns a series with C-GET on the same association', async () => {
    const out = path.join(dir, 'got');
    fs.mkdirSync(out);
    const r = await run('getscu', [
      '-v',
      '-S',
      '-aet',
      'DEMO1',
      '-aec',
      'TELERAD',
      '-od',
      out,
      '127.0.0.1',
      String(f.port),
      '-k',
      'QueryRetrieveLevel=SERIES',
      '-k',
      `StudyInstanceUID=${one.study}`,
      '-k',
      `SeriesInstanceUID=${one.series[0]}`,
    ]);
    expect(r.code, r.out).toBe(0);
    expect(
      fs
        .readdirSync(out)
        .map((n) => n.replace(/^[A-Z]+\./, ''))
        .sort(),
    ).toEqual(
      files
        .slice(0, 2)
        .map((w) => w.sopInstanceUid)
        .sort(),
    );
  });

  it("never retrieves another clinic's study", async () => {
    const out = path.join(dir, 'got2');
    fs.mkdirSync(out);
    const r = await run('getscu', [
      '-v',
      '-S',
      '-aet',
      'DEMO2',
      '-aec',
      'TELERAD',
      '-od',
      out,
      '127.0.0.1',
      String(f.port),
      '-k',
      'QueryRetrieveLevel=STUDY',
      '-k',
      `StudyInstanceUID=${one.study}`,
    ]);
    expect(r.code, r.out).toBe(0);
    expect(fs.readdirSync(out)).toHaveLength(0);
  });
});
