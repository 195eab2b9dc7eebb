import {
  DeskItemKind,
  type Clinic,
  type DeskClinic,
  type DeskItem,
  type DeskPage,
  type DeskQuery,
} from '@telerad/contracts';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { can, clinicScope } from '../auth';
import { loadClinics } from '../clinics';
import { DESK_SOURCES, type DeskSource } from './sources';

/**
 * The clinics on the caller's desk: those they are assigned to as assistant, or every clinic in
 * their scope for a user holding `desk:all-clinics` (support, admin); by code.
 */
export async function deskClinics(ctx: ServiceContext): Promise<Clinic[]> {
  const actor = ctx.actor;
  if (!actor) throw appError('UNAUTHENTICATED');
  const clinics = await loadClinics(ctx.db, clinicScope(actor));
  return can(actor, 'desk:all-clinics')
    ? clinics
    : clinics.filter((c) => c.assistantIds.includes(actor.userId));
}

/** Oldest first; equal times in a stable order (kind, then id) so the list does not jump. */
export function byWaited(a: DeskItem, b: DeskItem): number {
  const t = Date.parse(a.since) - Date.parse(b.since);
  if (t !== 0) return t;
  return a.kind === b.kind ? a.id.localeCompare(b.id) : a.kind.localeCompare(b.kind);
}

/**
 * The caller's desk at `now`: every source's items for the desk's clinics (or the one clinic
 * asked for, which must be one of them), merged and sorted by how long each has waited, oldest
 * first; counted by kind before the kind filter.
 */
export async function listDesk(
  ctx: ServiceContext,
  q: DeskQuery,
  now: Date = new Date(),
  sources: readonly DeskSource[] = DESK_SOURCES,
): Promise<DeskPage> {
  const clinics = await deskClinics(ctx);
  if (q.clinicId && !clinics.some((c) => c.id === q.clinicId)) throw appError('NOT_FOUND');
  const clinicIds = q.clinicId ? [q.clinicId] : clinics.map((c) => c.id);
  const lists = await Promise.all(sources.map((s) => s.list(ctx.db, { clinicIds, now })));
  const all = lists.flat().sort(byWaited);
  const counts = Object.fromEntries(DeskItemKind.options.map((k) => [k, 0])) as DeskPage['counts'];
  for (const item of all) counts[item.kind] += 1;
  return {
    items: q.kind ? all.filter((i) => i.kind === q.kind) : all,
    clinics: clinics.map((c): DeskClinic => ({
      id: c.id,
      code: c.code,
      name: c.name,
      timeZone: c.timeZone,
      contacts: c.contacts,
    })),
    counts,
    at: now.toISOString(),
  };
}
