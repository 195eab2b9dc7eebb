import { describe, expect, it } from 'vitest';
import type { WorklistEntry } from './worklist';
import { answerWorklistQuery, WL, worklistDateRange, type DicomJson } from './worklistQuery';

const entry = (over: Partial<WorklistEntry> = {}): WorklistEntry => ({
  accessionNumber: '261206-0001',
  patientId: 'P1234567',
  issuer: 'GBR',
  patientName: 'DOE^Jane',
  birthDate: '1990-04-21',
  sex: 'F',
  modality: 'DX',
  stationAeTitle: null,
  scheduledDate: '2026-12-06',
  scheduledTime: null,
  studyInstanceUid: '2.25.1',
  views: ['PA'],
  priority: 'routine',
  note: '',
  ...over,
});

const empty = (vr: string) => ({ vr });
const v = (vr: string, ...Value: unknown[]) => ({ vr, Value });
/** A query as `findscu -W` sends a typical one: the step's keys inside the sequence. */
const query = (step: DicomJson = {}, top: DicomJson = {}): DicomJson => ({
  [WL.patientName]: empty('PN'),
  [WL.patientId]: empty('LO'),
  [WL.accessionNumber]: empty('SH'),
  [WL.studyInstanceUid]: empty('UI'),
  [WL.scheduledProcedureStepSequence]: {
    vr: 'SQ',
    Value: [
      {
        [WL.modality]: empty('CS'),
        [WL.spsStartDate]: empty('DA'),
        [WL.scheduledStationAeTitle]: empty('AE'),
        ...step,
      },
    ],
  },
  ...top,
});
const ids = (answers: DicomJson[]) => answers.map((a) => a[WL.accessionNumber]?.Value?.[0]);

describe('answerWorklistQuery (PS3.4 K.6.1.2)', () => {
  const today = entry({ accessionNumber: 'A1', scheduledDate: '2026-12-06' });
  const tomorrow = entry({ accessionNumber: 'A2', scheduledDate: '2026-12-07' });
  const cr = entry({ accessionNumber: 'A3', modality: 'CR' });
  const unit2 = entry({ accessionNumber: 'A4', stationAeTitle: 'XRAY2' });
  const smith = entry({ accessionNumber: 'A5', patientName: 'SMITH^John', patientId: 'Q9' });
  const all = [today, tomorrow, cr, unit2, smith];

  it('answers every entry to a query of universal keys, with the requested keys only', () => {
    const answers = answerWorklistQuery(query(), all);
    expect(ids(answers)).toEqual(['A1', 'A2', 'A3', 'A4', 'A5']);
    expect(Object.keys(answers[0]!).sort()).toEqual(Object.keys(query()).sort());
    const step = answers[0]![WL.scheduledProcedureStepSequence]!.Value![0] as DicomJson;
    expect(step[WL.spsStartDate]).toEqual(v('DA', '20261206'));
    expect(step[WL.modality]).toEqual(v('CS', 'DX'));
    expect(step[WL.scheduledStationAeTitle]).toEqual(empty('AE'));
    expect(answers[0]![WL.patientName]).toEqual(v('PN', { Alphabetic: 'DOE^Jane' }));
    expect(answers[0]![WL.studyInstanceUid]).toEqual(v('UI', '2.25.1'));
  });

  it('matches the scheduled date as a single value and as ranges', () => {
    expect(
      ids(answerWorklistQuery(query({ [WL.spsStartDate]: v('DA', '20261206') }), all)),
    ).toEqual(['A1', 'A3', 'A4', 'A5']);
    expect(
      ids(answerWorklistQuery(query({ [WL.spsStartDate]: v('DA', '20261207-') }), all)),
    ).toEqual(['A2']);
    expect(
      ids(answerWorklistQuery(query({ [WL.spsStartDate]: v('DA', '-20261205') }), all)),
    ).toEqual([]);
    expect(
      ids(answerWorklistQuery(query({ [WL.spsStartDate]: v('DA', '20261201-20261231') }), all)),
    ).toHaveLength(5);
  });

  it('matches the start time as a range, and a step without a time is any time that day', () => {
    const timed = [entry({ accessionNumber: 'T1', scheduledTime: '09:30' }), today];
    const q = (t: string) => query({ [WL.spsStartTime]: v('TM', t) });
    expect(ids(answerWorklistQuery(q('0900-1000'), timed))).toEqual(['T1', 'A1']);
    expect(ids(answerWorklistQuery(q('1000-'), timed))).toEqual(['A1']);
    expect(ids(answerWorklistQuery(q('-0930'), timed))).toEqual(['T1', 'A1']);
    expect(ids(answerWorklistQuery(q('093000'), timed))).toEqual(['T1', 'A1']);
  });

  it('matches modality and the scheduled station AE title; a step for no unit is for any', () => {
    expect(ids(answerWorklistQuery(query({ [WL.modality]: v('CS', 'CR') }), all))).toEqual(['A3']);
    const unit1 = entry({ accessionNumber: 'A6', stationAeTitle: 'XRAY1' });
    const byStation = (ae: string) =>
      ids(
        answerWorklistQuery(query({ [WL.scheduledStationAeTitle]: v('AE', ae) }), [
          unit1,
          unit2,
          today,
        ]),
      );
    expect(byStation('XRAY2')).toEqual(['A4', 'A1']);
    expect(byStation('XRAY1')).toEqual(['A6', 'A1']);
    expect(byStation('XRAY*')).toEqual(['A6', 'A4', 'A1']);
    expect(byStation('XRAY9')).toEqual(['A1']);
  });

  it('matches the patient name with wild cards and without regard to case', () => {
    const q = (name: string) => query({}, { [WL.patientName]: v('PN', { Alphabetic: name }) });
    expect(ids(answerWorklistQuery(q('SMI*'), all))).toEqual(['A5']);
    expect(ids(answerWorklistQuery(q('smith^john'), all))).toEqual(['A5']);
    expect(ids(answerWorklistQuery(q('SM?TH^*'), all))).toEqual(['A5']);
    expect(ids(answerWorklistQuery(q('SMITH'), all))).toEqual([]);
    expect(ids(answerWorklistQuery(q('*'), all))).toHaveLength(5);
  });

  it('matches patient ID and accession number as single values, literally', () => {
    expect(ids(answerWorklistQuery(query({}, { [WL.patientId]: v('LO', 'Q9') }), all))).toEqual([
      'A5',
    ]);
    expect(
      ids(answerWorklistQuery(query({}, { [WL.accessionNumber]: v('SH', 'A.') }), all)),
    ).toEqual([]);
    expect(
      ids(answerWorklistQuery(query({}, { [WL.accessionNumber]: v('SH', 'A?') }), all)),
    ).toHaveLength(5);
  });

  it('answers a key it does not hold empty, without narrowing the answer', () => {
    const q = query({}, { '00380010': v('LO', 'ADM1') });
    const answers = answerWorklistQuery(q, [today]);
    expect(answers).toHaveLength(1);
    expect(answers[0]!['00380010']).toEqual(empty('LO'));
  });

  it('gives the priority, the procedure and its step in the worklist words', () => {
    const q = query(
      { [WL.spsDescription]: empty('LO'), [WL.spsId]: empty('SH'), [WL.spsStatus]: empty('CS') },
      {
        [WL.requestedProcedurePriority]: empty('SH'),
        [WL.requestedProcedureDescription]: empty('LO'),
        [WL.requestedProcedureId]: empty('SH'),
      },
    );
    const [a] = answerWorklistQuery(q, [entry({ priority: 'stat', views: ['PA', 'LAT'] })]);
    expect(a![WL.requestedProcedurePriority]).toEqual(v('SH', 'STAT'));
    expect(a![WL.requestedProcedureDescription]).toEqual(v('LO', 'Chest X-ray PA+LAT'));
    expect(a![WL.requestedProcedureId]).toEqual(v('SH', '261206-0001'));
    const step = a![WL.scheduledProcedureStepSequence]!.Value![0] as DicomJson;
    expect(step[WL.spsStatus]).toEqual(v('CS', 'SCHEDULED'));
    expect(step[WL.spsId]).toEqual(v('SH', '261206-0001'));
  });

  it('says ISO_IR 192 when a returned value is outside ASCII, and not otherwise', () => {
    const [plain] = answerWorklistQuery(query(), [today]);
    expect(plain![WL.specificCharacterSet]).toBeUndefined();
    const [accented] = answerWorklistQuery(query(), [entry({ patientName: 'NÚÑEZ^José' })]);
    expect(accented![WL.specificCharacterSet]).toEqual(v('CS', 'ISO_IR 192'));
  });
});

describe('worklistDateRange', () => {
  const q = (d?: string) => query(d === undefined ? {} : { [WL.spsStartDate]: v('DA', d) });
  it('reads the scheduled date range a query names, for the database prefilter', () => {
    expect(worklistDateRange(q())).toEqual({ from: null, to: null });
    expect(worklistDateRange(q('20261206'))).toEqual({ from: '2026-12-06', to: '2026-12-06' });
    expect(worklistDateRange(q('20261201-20261207'))).toEqual({
      from: '2026-12-01',
      to: '2026-12-07',
    });
    expect(worklistDateRange(q('-20261207'))).toEqual({ from: null, to: '2026-12-07' });
    expect(worklistDateRange(q('20261201-'))).toEqual({ from: '2026-12-01', to: null });
  });
});
