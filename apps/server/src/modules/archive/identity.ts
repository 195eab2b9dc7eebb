import type { Db } from '../../platform/db';
import { normaliseName } from '../ingest';

/**
 * Sets a study's effective patient identity: the `patient_id`, `patient_name` (and its search
 * form) of the study row, which the worklist, viewer, reports and deliveries read. The header's
 * identity stays as received in the stored bytes, `instances.metadata` and `studies.attributes`
 * (what DICOMweb answers with); only an identity correction (modules/attention) calls this,
 * in its own transaction, so the change and its audit event commit together.
 */
export async function setEffectiveIdentity(
  db: Db,
  studyId: string,
  identity: { patientId: string; patientName: string },
): Promise<void> {
  await db
    .updateTable('studies')
    .set({
      patient_id: identity.patientId,
      patient_name: identity.patientName,
      patient_name_norm: normaliseName(identity.patientName),
    })
    .where('id', '=', studyId)
    .execute();
}
