import fs from 'node:fs';
import path from 'node:path';
import type { Role } from '@telerad/contracts';
import type { ResourceKind } from '../modules/auth';
import { planDeliveries, loadReleasedReport } from '../modules/delivery';
import { deliveryDeps, releasedReport } from '../modules/delivery/testSupport';
import { storeInstance } from '../modules/ingest';
import { notifyUsers } from '../modules/notifications';
import { reportIncident } from '../modules/incidents';
import { createSession, flagCase } from '../modules/teaching';
import { openRetakeRequest } from '../modules/retakes';
import { createPrimaryReadTask } from '../modules/worklist';
import { normalRead } from '../modules/reports/testSupport';
import { beat, enrolledGateway } from '../modules/gateways/testSupport';
import type { AppFixture } from './appFixture';
import { writeCxr } from './dicomFixtures';
import { signIn } from './http';
import { TINY_PNG } from './images';

/** Clinic DEMO2's records of every resource kind, for walking the routes as a DEMO1 user. */
export interface ForeignTargets {
  /** The `:id` of each kind's foreign record. */
  ids: Record<ResourceKind, string>;
  /** UIDs of a foreign study with one series and instance (`:studyUid`, `:seriesUid`, `:sopUid`). */
  studyUid: string;
  seriesUid: string;
  sopUid: string;
  /** A user who may own an SOP (QA), for the walk's SOP writes. */
  sopOwnerId: string;
  /** DEMO2's clinic id: the clinic a refused request's audit event must name. */
  clinicId: string;
  /** Strings that must never appear in an answer to a DEMO1 user. */
  canaries: string[];
}

/**
 * Seeds one DEMO2 record of every resource kind through the real paths: a study stored by the
 * one ingest path with an open primary read; a second study read, signed and released by a
 * radiologist (its report), with its planned deliveries; a notification for the DEMO2 user; and
 * that user's API token; a half-sent browser upload; a retake request on the open read; a
 * critical flag on the released report; the clinic's own read of the first study, sampled for a
 * QC re-read; an incident about the first study; a second opinion its clinic user asked
 * about it; an order its clinic user registered; and an HL7 result destination an admin added.
 * Centre, clinic and user are DEMO2's own.
 */
export async function seedForeignTargets(fx: AppFixture): Promise<ForeignTargets> {
  const db = fx.tdb.db;
  const demo2 = await db
    .selectFrom('clinics')
    .selectAll()
    .where('code', '=', 'DEMO2')
    .executeTakeFirstOrThrow();
  const clinic2 = await db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', 'clinic2')
    .executeTakeFirstOrThrow();
  const c2 = await signIn(fx.app, 'clinic2');
  const token = await c2.request({
    method: 'POST',
    url: '/api/auth/tokens',
    payload: { name: 'clinic2 gateway' },
  });
  if (token.statusCode !== 200) throw new Error(`no token: ${token.body}`);

  const file = await writeCxr(path.join(fx.dataDir, 'demo2-canary.dcm'), 'explicitLE', {
    rows: 16,
    columns: 16,
    patient: { name: 'CANARY^DEMOTWO', id: 'CANARY-DEMO2' },
  });
  await storeInstance(
    { db, storage: fx.storage, minFreeBytes: 0, maxObjectBytes: 1 << 30 },
    fs.createReadStream(file.path),
    { door: 'stow', clinicId: demo2.id, userId: clinic2.id, remoteAddress: '127.0.0.1' },
  );
  const study = await db
    .selectFrom('studies')
    .select('id')
    .where('study_uid', '=', file.studyInstanceUid)
    .executeTakeFirstOrThrow();
  const task = await createPrimaryReadTask(
    db,
    { studyId: study.id, stableAt: new Date().toISOString(), numInstances: 1 },
    new Date(),
  );
  if (task.outcome !== 'created') throw new Error(`no DEMO2 task: ${task.outcome}`);

  // A peer-review programme sampling every read, so DEMO2's released report is reviewed; a
  // second radiologist scores it 3b, which opens DEMO2's discrepancy case.
  const qa = await signIn(fx.app, 'qa');
  const programme = await qa.request({
    method: 'POST',
    url: '/api/peer-review/programmes',
    payload: {
      name: 'Access walk sample',
      active: true,
      rule: { samplePercent: 100, targets: {}, blind: false },
    },
  });
  if (programme.statusCode !== 200) throw new Error(`no programme: ${programme.body}`);
  const programmeId = (programme.json() as { id: string }).id;
  const released = await releasedReport(fx, await signIn(fx.app, 'radiologist'), 'DEMO2');
  const review = await db
    .selectFrom('peer_reviews')
    .select('task_id')
    .where('report_id', '=', released.reportId)
    .executeTakeFirstOrThrow();
  const reviewer = await signIn(fx.app, 'radiologist2');
  const claimed = await reviewer.request({
    method: 'POST',
    url: `/api/tasks/${review.task_id}/claim`,
  });
  if (claimed.statusCode !== 200) throw new Error(`no review claim: ${claimed.body}`);
  const scored = await reviewer.request({
    method: 'POST',
    url: `/api/tasks/${review.task_id}/peer-review/score`,
    payload: { score: '3b', comment: 'CANARY-DEMO2 missed finding' },
  });
  if (scored.statusCode !== 200) throw new Error(`no score: ${scored.body}`);
  const discrepancy = await db
    .selectFrom('discrepancy_cases')
    .select('id')
    .where('report_id', '=', released.reportId)
    .executeTakeFirstOrThrow();
  await qa.request({
    method: 'PUT',
    url: `/api/peer-review/programmes/${programmeId}`,
    payload: {
      name: 'Access walk sample',
      active: false,
      rule: { samplePercent: 100, targets: {}, blind: false },
    },
  });
  const report = await loadReleasedReport(db, released.reportId, released.version);
  if (!report) throw new Error('the DEMO2 report was not released');
  // Flagged critical by its radiologist: DEMO2's alert, which DEMO1 must never acknowledge.
  const flagged = await (
    await signIn(fx.app, 'radiologist')
  ).request({
    method: 'POST',
    url: `/api/reports/${released.reportId}/critical`,
    payload: { category: 'other', note: 'CANARY critical finding' },
  });
  if (flagged.statusCode !== 200) throw new Error(`no DEMO2 critical result: ${flagged.body}`);
  const criticalId = (flagged.json() as { critical: { id: string } }).critical.id;
  const [deliveryId] = await planDeliveries(deliveryDeps(fx), report);
  if (!deliveryId) throw new Error('no DEMO2 delivery');
  const [notification] = await notifyUsers(db, [
    {
      userId: clinic2.id,
      kind: 'escalation',
      title: 'CANARY notification for DEMO2',
      body: 'CANARY-DEMO2 needs attention',
      taskId: task.taskId,
      clinicId: demo2.id,
    },
  ]);
  if (!notification) throw new Error('no DEMO2 notification');

  // A half-sent browser upload of DEMO2, begun through tus as its clinic user would.
  const upload = await c2.request({
    method: 'POST',
    url: '/api/uploads',
    headers: {
      'tus-resumable': '1.0.0',
      'upload-length': '1000',
      'upload-metadata': `filename ${Buffer.from('CANARY-DEMO2.dcm').toString('base64')}`,
    },
  });
  const uploadId = String(upload.headers.location ?? '')
    .split('/')
    .pop();
  if (upload.statusCode !== 201 || !uploadId) throw new Error(`no DEMO2 upload: ${upload.body}`);

  // A retake request of DEMO2, asked of its clinic on the open read (which it holds for images).
  const radiologist = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name'])
    .where('username', '=', 'radiologist')
    .executeTakeFirstOrThrow();
  const retakeId = await db.transaction().execute((trx) =>
    openRetakeRequest(trx, {
      actor: {
        userId: radiologist.id,
        username: radiologist.username,
        displayName: radiologist.display_name,
        roles: ['radiologist'],
        clinicIds: [],
        via: 'session',
      },
      task: { id: task.taskId, studyId: study.id, clinicId: demo2.id },
      kind: 'retake',
      reasons: ['motion'],
      views: [],
      note: 'CANARY retake note for DEMO2',
      reportId: null,
      now: new Date(),
    }),
  );
  // DEMO2's channel with a message carrying an image, sent by its clinic user.
  const channel = await c2.request({ method: 'GET', url: `/api/clinics/${demo2.id}/channel` });
  const threadId = (channel.json() as { id?: string }).id;
  if (channel.statusCode !== 200 || !threadId) throw new Error(`no DEMO2 channel: ${channel.body}`);
  const file2 = await c2.request({
    method: 'POST',
    url: `/api/messaging/threads/${threadId}/attachments?name=CANARY-DEMO2.png`,
    headers: { 'content-type': 'application/octet-stream' },
    payload: TINY_PNG,
  });
  const attachmentId = (file2.json() as { id?: string }).id;
  if (file2.statusCode !== 200 || !attachmentId) throw new Error(`no DEMO2 file: ${file2.body}`);
  const sent = await c2.request({
    method: 'POST',
    url: `/api/messaging/threads/${threadId}/messages`,
    payload: { body: 'CANARY message from DEMO2', attachmentIds: [attachmentId] },
  });
  if (sent.statusCode !== 200) throw new Error(`no DEMO2 message: ${sent.body}`);

  // DEMO2's own read of its open study, sampled for a QC re-read under a rule re-reading all of
  // DEMO2's reads (the rules are put back as they were).
  const qcBefore = await qa.request({ method: 'GET', url: '/api/qc/rules' });
  const { default: qcDefault, clinics: qcClinics } = qcBefore.json() as {
    default: unknown;
    clinics: unknown[];
  };
  const qcRules = (clinics: unknown[]) =>
    qa.request({ method: 'PUT', url: '/api/qc/rules', payload: { default: qcDefault, clinics } });
  await qcRules([...qcClinics, { clinicId: demo2.id, sampling: { mode: 'all' } }]);
  const clinicRead = await c2.request({
    method: 'POST',
    url: `/api/studies/${file.studyInstanceUid}/clinic-read`,
    payload: {
      content: normalRead({ impression: 'CANARY-DEMO2 clinic impression' }),
      readerName: 'CANARY DEMO2 reader',
    },
  });
  await qcRules(qcClinics);
  if (clinicRead.statusCode !== 200) throw new Error(`no DEMO2 clinic read: ${clinicRead.body}`);

  // An incident about the DEMO2 study, reported by the radiologist.
  const incidentId = await reportIncident(
    {
      actor: {
        userId: radiologist.id,
        username: radiologist.username,
        displayName: radiologist.display_name,
        roles: ['radiologist'],
        clinicIds: [],
        via: 'session',
      },
      requestId: 'foreign-targets',
      ip: null,
      db,
    },
    {
      type: 'image_quality',
      severity: 'medium',
      title: 'CANARY incident for DEMO2',
      description: 'CANARY-DEMO2 images arrived cut',
      studyUids: [file.studyInstanceUid],
      clinicIds: [],
    },
  );

  // An SOP for centre staff only: a clinic user must never read it, whatever its clinic.
  const qaUser = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'qa')
    .executeTakeFirstOrThrow();
  const sop = await qa.request({
    method: 'POST',
    url: '/api/sops',
    payload: {
      title: 'CANARY staff procedure',
      ownerId: qaUser.id,
      version: {
        format: 'markdown',
        markdown: 'CANARY-SOP staff-only steps',
        effectiveOn: '2026-01-01',
        reviewDueOn: '2027-01-01',
        roles: ['radiologist', 'assistant'],
      },
    },
  });
  if (sop.statusCode !== 200) throw new Error(`no SOP: ${sop.body}`);

  // The DEMO2 study flagged as a teaching case by the radiologist, and a QA session showing
  // its de-identified copy.
  const staffCtx = (u: { id: string; username: string; display_name: string }, role: Role) => ({
    actor: {
      userId: u.id,
      username: u.username,
      displayName: u.display_name,
      roles: [role],
      clinicIds: [],
      via: 'session' as const,
    },
    requestId: 'foreign-targets',
    ip: null,
    db,
  });
  const teachingFlagId = await flagCase(staffCtx(radiologist, 'radiologist'), {
    studyUid: file.studyInstanceUid,
    note: 'CANARY teaching note',
  });
  const qaStaff = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name'])
    .where('username', '=', 'qa')
    .executeTakeFirstOrThrow();
  const teachingSessionId = await createSession(staffCtx(qaStaff, 'qa'), fx.storage, {
    title: 'Walked teaching session',
    heldOn: '2026-01-15',
    cases: [{ flagId: teachingFlagId, note: '' }],
  });
  const teachingCase = await db
    .selectFrom('teaching_cases')
    .select('id')
    .where('session_id', '=', teachingSessionId)
    .executeTakeFirstOrThrow();

  // A second opinion DEMO2's clinic user asked about its study.
  const asked = await c2.request({
    method: 'POST',
    url: `/api/studies/${file.studyInstanceUid}/second-opinions`,
    payload: { question: 'CANARY second-opinion question for DEMO2' },
  });
  if (asked.statusCode !== 200) throw new Error(`no DEMO2 second opinion: ${asked.body}`);

  // A training record of DEMO2's onboarding, entered by support.
  const support = await signIn(fx.app, 'support');
  const trained = await support.request({
    method: 'POST',
    url: `/api/clinics/${demo2.id}/onboarding/training`,
    payload: {
      trainee: 'CANARY DEMO2 trainee',
      topics: ['uploading'],
      trainedOn: '2026-03-02',
      note: 'CANARY-DEMO2 training note',
    },
  });
  const trainingRecordId = (trained.json() as { training?: { id: string }[] }).training?.[0]?.id;
  if (trained.statusCode !== 200 || !trainingRecordId)
    throw new Error(`no DEMO2 training record: ${trained.body}`);

  // DEMO2's enrolled gateway, with one heartbeat.
  const gateway = await enrolledGateway(fx.app, support, demo2.id, 'CANARY gateway DEMO2');
  const beaten = await beat(fx.app, gateway.token);
  if (beaten.statusCode !== 200) throw new Error(`no DEMO2 heartbeat: ${beaten.body}`);

  // An order DEMO2's clinic user registered from the portal's form.
  const ordered = await c2.request({
    method: 'POST',
    url: `/api/clinics/${demo2.id}/orders`,
    payload: {
      patientId: 'CANARY-ORDER-DEMO2',
      familyName: 'CANARY',
      givenName: 'Order',
      birthDate: '1990-01-02',
      sex: 'F',
      note: 'CANARY-DEMO2 order note',
    },
  });
  if (ordered.statusCode !== 200) throw new Error(`no DEMO2 order: ${ordered.body}`);

  // DEMO2's HL7 result destination, registered by an admin after its deliveries were planned.
  const hl7 = await (
    await signIn(fx.app, 'admin')
  ).request({
    method: 'POST',
    url: `/api/clinics/${demo2.id}/hl7-destinations`,
    payload: { host: '127.0.0.1', port: 2575, receivingApplication: 'CANARY-RIS-DEMO2' },
  });
  if (hl7.statusCode !== 200) throw new Error(`no DEMO2 HL7 destination: ${hl7.body}`);

  const ids: Record<ResourceKind, string> = {
    centre: demo2.home_centre_id,
    clinic: demo2.id,
    user: clinic2.id,
    token: (token.json() as { id: string }).id,
    study: file.studyInstanceUid,
    series: file.seriesInstanceUid,
    instance: file.sopInstanceUid,
    task: task.taskId,
    report: released.reportId,
    delivery: deliveryId,
    notification: notification.id,
    notificationPreferences: clinic2.id,
    upload: uploadId,
    retake: retakeId,
    peerReviewProgramme: programmeId,
    discrepancy: discrepancy.id,
    criticalResult: criticalId,
    thread: threadId,
    attachment: attachmentId,
    incident: incidentId,
    sop: (sop.json() as { id: string }).id,
    teachingFlag: teachingFlagId,
    teachingSession: teachingSessionId,
    teachingCase: teachingCase.id,
    secondOpinion: (asked.json() as { id: string }).id,
    // The card of the radiologist who read DEMO2's released study.
    reportCard: radiologist.id,
    trainingRecord: trainingRecordId,
    gateway: gateway.gatewayId,
    order: (ordered.json() as { id: string }).id,
    hl7Destination: (hl7.json() as { id: string }).id,
  };
  return {
    ids,
    studyUid: file.studyInstanceUid,
    seriesUid: file.seriesInstanceUid,
    sopUid: file.sopInstanceUid,
    sopOwnerId: qaUser.id,
    clinicId: demo2.id,
    canaries: [
      // Not the centre: DEMO1 may share DEMO2's home centre, which its clinic record names; nor
      // the programme, which is the centre's configuration and no clinic's data; nor a teaching
      // session or case, de-identified and no clinic's data; nor the reader whose card it is, a
      // centre radiologist who reads for every clinic.
      ...Object.entries(ids)
        .filter(
          ([kind]) =>
            kind !== 'centre' &&
            kind !== 'peerReviewProgramme' &&
            kind !== 'teachingSession' &&
            kind !== 'teachingCase' &&
            kind !== 'reportCard',
        )
        .map(([, id]) => id),
      demo2.name,
      'Clinic Two Technician',
      'clinic2 gateway',
      released.studyUid,
      released.sopUid,
      `DLV-DEMO2`,
      'CANARY',
      'DEMOTWO',
    ],
  };
}
