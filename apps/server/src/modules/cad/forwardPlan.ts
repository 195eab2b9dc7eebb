import { sql } from 'kysely';
import type { Db } from '../../platform/db';

/**
 * Which images of a stable study go to which CAD (docs/adr/0040). A CAD reads a chest X-ray
 * taken PA or AP; anything else it would score wrongly or answer with an error, so only those
 * images are planned, and never an SR, a PDF, a heatmap or any other object of the study.
 */

/**
 * The image storage SOP classes of a projection chest X-ray (PS3.4 Annex B.5): Computed
 * Radiography, Digital X-Ray for presentation and for processing. Anything else in a study
 * (SR, Encapsulated PDF, Secondary Capture or GSPS heatmaps from a CAD) is never forwarded.
 */
export const CXR_IMAGE_SOP_CLASSES = [
  '1.2.840.10008.5.1.4.1.1.1',
  '1.2.840.10008.5.1.4.1.1.1.1',
  '1.2.840.10008.5.1.4.1.1.1.1.1',
] as const;

/** The views (View Position (0018,5101), PS3.3 §C.8.11.5) a CAD for TB reads. */
export const CXR_VIEWS = ['PA', 'AP'] as const;

/**
 * The current CXR images of `studyId` a CAD should read: modality CR or DX, one of the CXR image
 * SOP classes, View Position PA or AP, and Body Part Examined CHEST when given. A missing or
 * empty View Position is sent: many CR and DX units leave it empty on a PA chest, and the CAD
 * answers its own error code for an image it cannot read (CAD4TB −1), which tells support;
 * a view that is given and is not PA or AP (a lateral: LL, RL, LATERAL) is never sent.
 */
export function cxrImages(db: Db, studyId: string) {
  const view = sql<string>`upper(trim(coalesce(i.metadata -> '00185101' -> 'Value' ->> 0, s.view_position, '')))`;
  const bodyPart = sql<string>`upper(trim(coalesce(i.metadata -> '00180015' -> 'Value' ->> 0, s.body_part, '')))`;
  return db
    .selectFrom('instances as i')
    .innerJoin('series as s', 's.id', 'i.series_id')
    .select(['i.sop_uid', 'i.storage_key', 'i.sop_class_uid'])
    .where('i.study_id', '=', studyId)
    .where('i.current', '=', true)
    .where(sql<string>`upper(trim(coalesce(s.modality, '')))`, 'in', ['CR', 'DX'])
    .where('i.sop_class_uid', 'in', [...CXR_IMAGE_SOP_CLASSES])
    .where((eb) => eb.or([eb(view, '=', ''), eb(view, 'in', [...CXR_VIEWS])]))
    .where((eb) => eb.or([eb(bodyPart, '=', ''), eb(bodyPart, '=', 'CHEST')]));
}

/**
 * Records a forward for each CXR image of `studyId` to each integration whose forward target is
 * enabled and whose clinics include the study's clinic; an image already recorded for an
 * integration (sent, waiting or failed) is not recorded again, so a study made stable again by
 * new images adds only the new ones. Answers how many forwards were added.
 */
export async function planCadForwards(
  db: Db,
  studyId: string,
  maxAttempts: number,
): Promise<number> {
  const study = await db
    .selectFrom('studies')
    .select(['id', 'clinic_id'])
    .where('id', '=', studyId)
    .executeTakeFirst();
  if (!study) return 0;
  const integrations = await db
    .selectFrom('cad_forward_targets as t')
    .innerJoin('cad_integrations as ci', 'ci.id', 't.integration_id')
    .innerJoin('user_clinics as uc', 'uc.user_id', 'ci.service_user_id')
    .select('ci.id')
    .where('t.enabled', '=', true)
    .where('uc.clinic_id', '=', study.clinic_id)
    .execute();
  if (integrations.length === 0) return 0;
  const images = await cxrImages(db, studyId).execute();
  if (images.length === 0) return 0;
  const added = await db
    .insertInto('cad_forwards')
    .values(
      integrations.flatMap((ci) =>
        images.map((img) => ({
          integration_id: ci.id,
          study_id: study.id,
          clinic_id: study.clinic_id,
          sop_instance_uid: img.sop_uid,
          max_attempts: maxAttempts,
        })),
      ),
    )
    .onConflict((oc) => oc.columns(['integration_id', 'study_id', 'sop_instance_uid']).doNothing())
    .returning('id')
    .execute();
  return added.length;
}
