import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import dcmjs from 'dcmjs';
import { expect } from 'vitest';
import type { AppFixture } from '../../testing/appFixture';
import { writeCxr } from '../../testing/dicomFixtures';
import type { TestClient } from '../../testing/http';
import { BASIC_PROFILE_REMOVED } from './deidentify';

/**
 * The teaching tests' originals and checks: stored studies carrying identity beyond the fixture's
 * (and private attributes), the PS3.15 attributes a copy must lose, and the flag, session and
 * copy helpers.
 */
let seq = 0;

/** A number no other original of this run has used (file names, seeds, patient IDs). */
export const nextSeq = (): number => ++seq;

export type Dict = Record<string, { vr: string; Value?: unknown[] }>;

/** Identifying attributes the test sets on the original, beyond what the fixture writes. */
export const EXTRA_IDENTITY: Dict = {
  '00080081': { vr: 'ST', Value: ['12 Clinic Road, Manila'] }, // InstitutionAddress
  '00081070': { vr: 'PN', Value: [{ Alphabetic: 'RADIOGRAPHER^ANNA' }] }, // OperatorsName
  '00081048': { vr: 'PN', Value: [{ Alphabetic: 'RECORD^DOCTOR' }] }, // PhysiciansOfRecord
  '00101000': { vr: 'LO', Value: ['PASSPORT-P1234567'] }, // OtherPatientIDs
  '00101002': {
    vr: 'SQ',
    Value: [{ '00100020': { vr: 'LO', Value: ['VISA-998877'] } }],
  }, // OtherPatientIDsSequence
  '00101040': { vr: 'LO', Value: ['7 Applicant Street'] }, // PatientAddress
  '00102154': { vr: 'SH', Value: ['+63 912 345 6789'] }, // PatientTelephoneNumbers
  '00104000': { vr: 'LT', Value: ['Visa applicant, family of four'] }, // PatientComments
  '00081120': {
    vr: 'SQ',
    Value: [{ '00081155': { vr: 'UI', Value: ['1.2.826.0.1.3680043.99.1'] } }],
  }, // ReferencedPatientSequence
  '00091010': { vr: 'LO', Value: ['PRIVATE APPLICANT NOTE'] }, // private
  '00090010': { vr: 'LO', Value: ['ACME PRIVATE'] }, // private creator
};

/** Attributes (PS3.15 Table E.1-1) that must be gone or empty in every copy. */
export const MUST_BE_EMPTY = [
  '00080050', // AccessionNumber
  '00080080', // InstitutionName
  '00080081', // InstitutionAddress
  '00080090', // ReferringPhysicianName
  '00081010', // StationName
  '00081048', // PhysiciansOfRecord
  '00081070', // OperatorsName
  '00100030', // PatientBirthDate
  '00100040', // PatientSex
  '00101000', // OtherPatientIDs
  '00101002', // OtherPatientIDsSequence
  '00101040', // PatientAddress
  '00102154', // PatientTelephoneNumbers
  '00104000', // PatientComments
  '00081120', // ReferencedPatientSequence
  '00200010', // StudyID
  ...Object.keys(BASIC_PROFILE_REMOVED),
];

export function readDict(bytes: Buffer) {
  const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return dcmjs.data.DicomMessage.readFile(ab as ArrayBuffer);
}

/** Rewrites a fixture file with `extra` attributes set. */
export function withAttributes(file: string, extra: Dict): void {
  const parsed = readDict(fs.readFileSync(file));
  Object.assign(parsed.dict, structuredClone(extra));
  fs.writeFileSync(file, Buffer.from(parsed.write()));
}

export interface Original {
  studyUid: string;
  seriesUid: string;
  sopUids: string[];
  patientName: string;
  patientId: string;
  files: string[];
}

/**
 * A stored study of `count` images (one series); the second refers to the first in its
 * Referenced Image Sequence; `burnedIn` marks images whose pixels carry identity.
 */
export async function storedStudy(
  fx: AppFixture,
  clinic: 'DEMO1' | 'DEMO2',
  count = 2,
  burnedIn: number[] = [],
): Promise<Original> {
  seq++;
  const patientName = `TEACHPATIENT^SEQ${seq}`;
  const patientId = `TPID-${seq}-X`;
  const files: string[] = [];
  const sopUids: string[] = [];
  let studyUid = '';
  let seriesUid = '';
  for (let i = 0; i < count; i++) {
    const file = await writeCxr(path.join(fx.dataDir, `teach-${seq}-${i}.dcm`), 'explicitLE', {
      rows: 16,
      columns: 16,
      seed: seq * 10,
      patient: { name: patientName, id: patientId, birthDate: '19800214' },
      study: studyUid ? { studyInstanceUid: studyUid } : {},
      ...(seriesUid ? { seriesInstanceUid: seriesUid } : {}),
      instanceNumber: i + 1,
    });
    studyUid = file.studyInstanceUid;
    seriesUid = file.seriesInstanceUid;
    const extra: Dict = { ...EXTRA_IDENTITY };
    if (i > 0)
      extra['00081140'] = {
        vr: 'SQ',
        Value: [
          {
            '00081150': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.1.1'] },
            '00081155': { vr: 'UI', Value: [sopUids[0]] },
          },
        ],
      };
    if (burnedIn.includes(i)) extra['00280301'] = { vr: 'CS', Value: ['YES'] };
    withAttributes(file.path, extra);
    await fx.storeAs(clinic, file.path);
    files.push(file.path);
    sopUids.push(file.sopInstanceUid);
  }
  return { studyUid, seriesUid, sopUids, patientName, patientId, files };
}

/** `reader` flags the study `uid` for teaching. */
export async function flag(reader: TestClient, uid: string, note = 'Classic miliary pattern') {
  const res = await reader.request({
    method: 'POST',
    url: '/api/teaching/flags',
    payload: { studyUid: uid, note },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().flag as { id: string; note: string };
}

/** `qa` builds a session of the flagged cases, in order. */
export async function buildSession(qa: TestClient, flagIds: string[]) {
  return qa.request({
    method: 'POST',
    url: '/api/teaching/sessions',
    payload: {
      title: 'TB patterns, December',
      heldOn: '2026-12-10',
      cases: flagIds.map((flagId, i) => ({ flagId, note: `Case note ${i + 1}` })),
    },
  });
}

export type SessionAnswer = {
  id: string;
  caseList: { id: string; studyUid: string; images: number; withheldBurnedIn: number }[];
};

/** A case's de-identified copies, with the files they are stored in. */
export async function copiesOf(fx: AppFixture, caseId: string) {
  const rows = await fx.tdb.db
    .selectFrom('teaching_instances')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('instance_number')
    .execute();
  return Promise.all(
    rows.map(async (r) => ({ row: r, path: await fx.storage.pathOf(r.storage_key) })),
  );
}

export const sha = (file: string) =>
  createHash('sha256').update(fs.readFileSync(file)).digest('hex');
