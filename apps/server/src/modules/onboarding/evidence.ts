import type { OnboardingEvidenceKind, PilotProgress } from '@telerad/contracts';
import { PILOT_EXIT_CRITERIA } from '@telerad/contracts';
import type { Db } from '../../platform/db';
import { latestGatewayHealth } from '../gateways';
import { pilotSecondReads } from '../peerReview';

/** What the system found for each kind of evidence: words to show, or null when nothing yet. */
export type Evidence = Record<OnboardingEvidenceKind, string | null>;

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Where a clinic's pilot stands against the exit criteria (data in contracts). */
export async function pilotProgress(db: Db, clinicId: string): Promise<PilotProgress> {
  const r = await pilotSecondReads(db, clinicId);
  const { minSecondReads, maxMajorDiscrepancies } = PILOT_EXIT_CRITERIA;
  return {
    reports: r.reports,
    secondReads: r.scored,
    majorDiscrepancies: r.major,
    minSecondReads,
    maxMajorDiscrepancies,
    met: r.scored >= minSecondReads && r.major <= maxMajorDiscrepancies,
  };
}

/**
 * What the system can see for itself about a clinic, read from the records that prove each
 * step: its calling AE titles, a gateway that was enrolled and has reported its health (from the
 * gateways module; a revoked one does not count), the first study that reached the archive from it, the first
 * report on its studies delivered back (a delivery marked delivered, or the clinic opening it in
 * the portal), its training records, and its pilot second reads.
 */
export async function findEvidence(
  db: Db,
  clinicId: string,
  pilot: PilotProgress,
): Promise<Evidence> {
  const aes = await db
    .selectFrom('clinic_ae_titles')
    .select('ae_title')
    .where('clinic_id', '=', clinicId)
    .orderBy('position')
    .execute();
  const study = await db
    .selectFrom('studies')
    .select('first_received_at')
    .where('clinic_id', '=', clinicId)
    .orderBy('first_received_at')
    .limit(1)
    .executeTakeFirst();
  const delivered = await db
    .selectFrom('deliveries')
    .select('delivered_at')
    .where('clinic_id', '=', clinicId)
    .where('state', '=', 'delivered')
    .orderBy('delivered_at')
    .limit(1)
    .executeTakeFirst();
  const opened = await db
    .selectFrom('report_receipts')
    .select('first_at')
    .where('clinic_id', '=', clinicId)
    .orderBy('first_at')
    .limit(1)
    .executeTakeFirst();
  const trained = await db
    .selectFrom('onboarding_training')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('clinic_id', '=', clinicId)
    .executeTakeFirstOrThrow();
  const gateway = (await latestGatewayHealth(db, [clinicId])).find(
    (g) => g.enrolledAt && !g.revokedAt && g.lastHeartbeatAt,
  );
  const roundTrip = delivered?.delivered_at
    ? `Report delivered ${day(delivered.delivered_at)}`
    : opened
      ? `Report opened by the clinic ${day(opened.first_at)}`
      : null;
  const n = Number(trained.n);
  return {
    ae: aes.length ? `AE title ${aes.map((a) => a.ae_title).join(', ')}` : null,
    gateway: gateway
      ? `Gateway ${gateway.name} enrolled ${day(new Date(gateway.enrolledAt!))}, last heartbeat ${gateway.lastHeartbeatAt!.slice(0, 16).replace('T', ' ')} UTC`
      : null,
    study: study ? `First study received ${day(study.first_received_at)}` : null,
    roundTrip,
    training: n ? `${n} training record${n === 1 ? '' : 's'}` : null,
    pilot: pilot.met
      ? `${pilot.secondReads} second reads, ${pilot.majorDiscrepancies} major discrepancies`
      : null,
  };
}
