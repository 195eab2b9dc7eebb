import { type Programme } from '@telerad/contracts';
import type { Db } from '../../platform/db';
import { chosenProgrammes } from '../portal';
import { knownProgrammes } from '../worklist';

/**
 * The programme whose CAD thresholds apply to each study (docs/adr/0027): the receiving programme
 * its clinic chose for it; else the clinic's only programme; else `GENERAL`. A clinic screening
 * for several programmes that has not chosen one is read against the general thresholds.
 */
export async function cadProgrammes(
  db: Db,
  studyIds: readonly string[],
): Promise<Map<string, Programme>> {
  const out = new Map<string, Programme>();
  if (!studyIds.length) return out;
  const [chosen, clinics] = await Promise.all([
    chosenProgrammes(db, studyIds),
    db
      .selectFrom('studies as s')
      .innerJoin('clinics as c', 'c.id', 's.clinic_id')
      .select(['s.id', 'c.programmes'])
      .where('s.id', 'in', [...new Set(studyIds)])
      .execute(),
  ]);
  for (const s of clinics) {
    const own = knownProgrammes(s.programmes);
    out.set(s.id, chosen.get(s.id) ?? (own.length === 1 ? own[0]! : 'GENERAL'));
  }
  return out;
}
