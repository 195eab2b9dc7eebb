import type { ResourceKind } from '../../modules/auth';
import type { AppFixture } from '../appFixture';
import {
  seedDemo2ClinicRead,
  seedDemo2Message,
  seedDemo2Notification,
  seedDemo2Retake,
  seedDemo2Upload,
} from './clinicActivity';
import { seedDemo2CadIntegration } from './cad';
import { seedDemo2Onboarding } from './onboarding';
import { seedDemo2Hl7Destination, seedDemo2Order } from './orders';
import {
  seedDemo2Incident,
  seedDemo2SecondOpinion,
  seedDemo2Teaching,
  seedStaffSop,
} from './quality';
import { seedDemo2Report } from './reports';
import { seedDemo2Study, staffUser } from './seed';

/** Clinic DEMO2's records of every resource kind, for walking the routes as a DEMO1 user. */
export interface ForeignTargets {
  /** The `:id` of each kind's foreign record. */
  ids: Record<ResourceKind, string>;
  /** UIDs of a foreign study with one series and instance (`:studyUid`, `:seriesUid`, `:sopUid`). */
  studyUid: string;
  seriesUid: string;
  sopUid: string;
  /** A CAD product version with a result for DEMO2's study (no resource kind: the centre's). */
  cadProductId: string;
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
 * about it; an order its clinic user registered; an HL7 result destination an admin added; and
 * a CAD integration for DEMO2 alone with its forward target, and its result for the first
 * study from a product version QA registered.
 * Centre, clinic and user are DEMO2's own. Each area's records are seeded by its own file here,
 * in this order.
 */
export async function seedForeignTargets(fx: AppFixture): Promise<ForeignTargets> {
  const demo2 = await seedDemo2Study(fx);
  const { clinic, file } = demo2;
  const report = await seedDemo2Report(demo2);
  const notificationId = await seedDemo2Notification(demo2);
  const uploadId = await seedDemo2Upload(demo2);
  const retakeId = await seedDemo2Retake(demo2);
  const { threadId, attachmentId } = await seedDemo2Message(demo2);
  await seedDemo2ClinicRead(demo2);
  const incidentId = await seedDemo2Incident(demo2);
  const { sopId, sopOwnerId } = await seedStaffSop(demo2);
  const teaching = await seedDemo2Teaching(demo2);
  const secondOpinionId = await seedDemo2SecondOpinion(demo2);
  const { trainingRecordId, gatewayId } = await seedDemo2Onboarding(demo2);
  const orderId = await seedDemo2Order(demo2);
  const hl7DestinationId = await seedDemo2Hl7Destination(demo2);
  const cad = await seedDemo2CadIntegration(demo2);
  const radiologist = await staffUser(demo2.db, 'radiologist');

  const ids: Record<ResourceKind, string> = {
    centre: clinic.home_centre_id,
    clinic: clinic.id,
    user: demo2.clinicUser.id,
    token: demo2.tokenId,
    study: file.studyInstanceUid,
    series: file.seriesInstanceUid,
    instance: file.sopInstanceUid,
    task: demo2.taskId,
    report: report.released.reportId,
    delivery: report.deliveryId,
    notification: notificationId,
    notificationPreferences: demo2.clinicUser.id,
    upload: uploadId,
    retake: retakeId,
    peerReviewProgramme: report.programmeId,
    discrepancy: report.discrepancyId,
    criticalResult: report.criticalId,
    thread: threadId,
    attachment: attachmentId,
    incident: incidentId,
    sop: sopId,
    teachingFlag: teaching.teachingFlagId,
    teachingSession: teaching.teachingSessionId,
    teachingCase: teaching.teachingCaseId,
    secondOpinion: secondOpinionId,
    // The card of the radiologist who read DEMO2's released study.
    reportCard: radiologist.id,
    trainingRecord: trainingRecordId,
    gateway: gatewayId,
    order: orderId,
    hl7Destination: hl7DestinationId,
    cadIntegration: cad.integrationId,
  };
  return {
    ids,
    studyUid: file.studyInstanceUid,
    seriesUid: file.seriesInstanceUid,
    sopUid: file.sopInstanceUid,
    sopOwnerId,
    cadProductId: cad.productId,
    clinicId: clinic.id,
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
      clinic.name,
      'Clinic Two Technician',
      'clinic2 gateway',
      report.released.studyUid,
      report.released.sopUid,
      `DLV-DEMO2`,
      'CANARY',
      'DEMOTWO',
    ],
  };
}
