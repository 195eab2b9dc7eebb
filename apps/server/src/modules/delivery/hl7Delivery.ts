import type { Db } from '../../platform/db';
import { resultOrderOfStudy } from '../orders';
import { buildOru, type ResultOrder } from './hl7Message';
import { sendOverMllp } from './hl7Send';
import type { ReleasedReport } from './load';

/** The `hl7` deliveries of a clinic's release: one per enabled destination, by its id. */
export async function hl7Targets(db: Db, clinicId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('clinic_hl7_destinations')
    .select('id')
    .where('clinic_id', '=', clinicId)
    .where('enabled', '=', true)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** An `hl7` target as people read it: the destination's receiving application and address. */
export async function hl7TargetName(db: Db, target: string): Promise<string> {
  const dest = await db
    .selectFrom('clinic_hl7_destinations')
    .select(['receiving_application', 'host', 'port'])
    .where('id', '=', target)
    .executeTakeFirst();
  return dest
    ? `${dest.receiving_application} (${dest.host}:${dest.port})`
    : 'a removed destination';
}

/**
 * The placer number is the order's external id only when the order came by HL7: an id from FHIR
 * or the gateway means nothing to an HL7 receiver as ORC-2.
 */
async function resultOrder(db: Db, r: ReleasedReport): Promise<ResultOrder | null> {
  const o = await resultOrderOfStudy(db, r.study.id);
  if (!o) return null;
  return {
    placerNumber: o.source === 'hl7' ? o.externalId : null,
    accessionNumber: o.accessionNumber,
    issuer: o.issuer,
  };
}

/**
 * One attempt of an `hl7` delivery: the ORU^R01 of the version to the destination as it is now
 * (a corrected host or port applies to retries), acknowledged or thrown (hl7Send.ts). MSH-10 is
 * the delivery's own id, the same on every attempt.
 */
export async function deliverHl7(
  db: Db,
  d: { id: string; clinic_id: string; target: string },
  r: ReleasedReport,
): Promise<void> {
  const dest = await db
    .selectFrom('clinic_hl7_destinations')
    .selectAll()
    .where('id', '=', d.target)
    .where('clinic_id', '=', d.clinic_id)
    .executeTakeFirst();
  if (!dest) throw new Error('the HL7 destination was removed');
  if (!dest.enabled) throw new Error('the HL7 destination is disabled');
  const message = buildOru(
    r,
    {
      receivingApplication: dest.receiving_application,
      receivingFacility: dest.receiving_facility,
      controlId: d.id.replace(/-/g, '').slice(0, 20),
      at: new Date(),
    },
    await resultOrder(db, r),
  );
  await sendOverMllp({ host: dest.host, port: dest.port }, message);
}
