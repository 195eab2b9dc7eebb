import type { ClinicDirectoryRow, ClinicOverview, ClinicTraffic } from '@telerad/contracts';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { lastImages, recentStudies, trafficByDay } from '../archive';
import { assertClinicScope, clinicScope } from '../auth';
import { loadClinics } from '../clinics';
import { openIncidentCounts } from '../incidents';

/** Days of arrivals on a clinic's traffic chart, today included. */
export const TRAFFIC_DAYS = 14;
/** Latest studies listed on a clinic's page. */
export const RECENT_STUDIES = 20;

function actorOf(ctx: ServiceContext) {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  return ctx.actor;
}

/** Centre names by id: clinics name their home centre, which support reads by name. */
async function centreNames(ctx: ServiceContext): Promise<Map<string, string>> {
  const rows = await ctx.db.selectFrom('centres').select(['id', 'name']).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Support's directory of clinics in the caller's scope, by code: status, home centre, the last
 * object each sent and its open incidents. No patient data.
 */
export async function clinicDirectory(ctx: ServiceContext): Promise<ClinicDirectoryRow[]> {
  const clinics = await loadClinics(ctx.db, clinicScope(actorOf(ctx)));
  const ids = clinics.map((c) => c.id);
  const [last, incidents, centres] = await Promise.all([
    lastImages(ctx.db, ids),
    openIncidentCounts(ctx.db, ids),
    centreNames(ctx),
  ]);
  return clinics.map((c) => ({
    id: c.id,
    code: c.code,
    name: c.name,
    country: c.country,
    timeZone: c.timeZone,
    status: c.status,
    homeCentreName: centres.get(c.homeCentreId) ?? '',
    lastImage: last.get(c.id) ?? null,
    openIncidents: incidents.get(c.id) ?? 0,
  }));
}

/** A clinic's page header and its settings sections (contacts, doors). No patient data. */
export async function clinicOverview(ctx: ServiceContext, id: string): Promise<ClinicOverview> {
  assertClinicScope(actorOf(ctx), id);
  const [clinic] = await loadClinics(ctx.db, [id]);
  if (!clinic) throw appError('NOT_FOUND');
  const [last, incidents, centres, assistants] = await Promise.all([
    lastImages(ctx.db, [id]),
    openIncidentCounts(ctx.db, [id]),
    centreNames(ctx),
    clinic.assistantIds.length
      ? ctx.db
          .selectFrom('users')
          .select(['id', 'display_name'])
          .where('id', 'in', clinic.assistantIds)
          .orderBy('display_name')
          .execute()
      : Promise.resolve([]),
  ]);
  return {
    id: clinic.id,
    code: clinic.code,
    name: clinic.name,
    country: clinic.country,
    timeZone: clinic.timeZone,
    status: clinic.status,
    language: clinic.language,
    homeCentre: { id: clinic.homeCentreId, name: centres.get(clinic.homeCentreId) ?? '' },
    programmes: clinic.programmes,
    assistants: assistants.map((a) => ({ id: a.id, displayName: a.display_name })),
    contacts: clinic.contacts,
    aeTitles: clinic.aeTitles,
    lastImage: last.get(id) ?? null,
    openIncidents: incidents.get(id) ?? 0,
  };
}

/**
 * What a clinic sent over the last {@link TRAFFIC_DAYS} days, per door and per day of its own
 * calendar, and its {@link RECENT_STUDIES} latest studies (patient data: the route audits it).
 */
export async function clinicTraffic(ctx: ServiceContext, id: string): Promise<ClinicTraffic> {
  assertClinicScope(actorOf(ctx), id);
  const [clinic] = await loadClinics(ctx.db, [id]);
  if (!clinic) throw appError('NOT_FOUND');
  const now = new Date();
  const [days, recent] = await Promise.all([
    trafficByDay(ctx.db, id, clinic.timeZone, TRAFFIC_DAYS, now),
    recentStudies(ctx.db, id, RECENT_STUDIES, now),
  ]);
  return { days, recent };
}
