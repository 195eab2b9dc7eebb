import {
  effectiveLanguage,
  type Clinic,
  type ClinicAe,
  type ClinicContact,
} from '@telerad/contracts';
import type { Db } from '../../platform/db';
import { inClinicScope, type ClinicScope } from '../auth';

type ClinicRow = {
  id: string;
  code: string;
  name: string;
  country: string;
  time_zone: string;
  home_centre_id: string;
  programmes: string[];
  status: string;
  status_before_suspension: string | null;
  language: string;
  order_policy: string;
  created_at: Date;
  updated_at: Date;
};

/** Loads clinics with their AE titles and assistants: those of `ids`, a clinic scope (default all). */
export async function loadClinics(db: Db, ids: ClinicScope = 'all'): Promise<Clinic[]> {
  const rows: ClinicRow[] = await db
    .selectFrom('clinics')
    .selectAll()
    .where(inClinicScope(ids, 'clinics.id'))
    .orderBy('code')
    .execute();
  if (rows.length === 0) return [];
  const clinicIds = rows.map((r) => r.id);
  const [aes, assistants, contacts] = await Promise.all([
    db
      .selectFrom('clinic_ae_titles')
      .selectAll()
      .where('clinic_id', 'in', clinicIds)
      .orderBy('position')
      .execute(),
    db.selectFrom('clinic_assistants').selectAll().where('clinic_id', 'in', clinicIds).execute(),
    db
      .selectFrom('clinic_contacts')
      .selectAll()
      .where('clinic_id', 'in', clinicIds)
      .orderBy('position')
      .execute(),
  ]);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    country: r.country,
    timeZone: r.time_zone,
    homeCentreId: r.home_centre_id,
    programmes: r.programmes as Clinic['programmes'],
    status: r.status as Clinic['status'],
    statusBeforeSuspension: r.status_before_suspension as Clinic['statusBeforeSuspension'],
    language: effectiveLanguage(r.language),
    orderPolicy: r.order_policy as Clinic['orderPolicy'],
    aeTitles: aes
      .filter((a) => a.clinic_id === r.id)
      .map((a) => ({
        aeTitle: a.ae_title,
        allowedNetworks: a.allowed_networks,
        host: a.host,
        port: a.port,
        receivesReports: a.receives_reports,
      })),
    assistantIds: assistants.filter((a) => a.clinic_id === r.id).map((a) => a.user_id),
    contacts: contacts
      .filter((c) => c.clinic_id === r.id)
      .map((c) => ({
        name: c.name,
        role: c.role,
        phone: c.phone,
        email: c.email,
        preferredHours: c.preferred_hours,
      })),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  }));
}

/** Replaces a clinic's calling AE titles. */
export async function replaceAeTitles(db: Db, clinicId: string, aes: ClinicAe[]): Promise<void> {
  // An AE given without host/port keeps the C-MOVE destination it had.
  const before = await db
    .selectFrom('clinic_ae_titles')
    .select(['ae_title', 'host', 'port', 'receives_reports'])
    .where('clinic_id', '=', clinicId)
    .execute();
  await db.deleteFrom('clinic_ae_titles').where('clinic_id', '=', clinicId).execute();
  if (aes.length === 0) return;
  await db
    .insertInto('clinic_ae_titles')
    .values(
      aes.map((a, i) => {
        const kept = before.find((b) => b.ae_title === a.aeTitle);
        return {
          ae_title: a.aeTitle,
          clinic_id: clinicId,
          allowed_networks: a.allowedNetworks,
          position: i,
          host: a.host === undefined ? (kept?.host ?? null) : a.host,
          port: a.port === undefined ? (kept?.port ?? null) : a.port,
          receives_reports: a.receivesReports ?? kept?.receives_reports ?? true,
        };
      }),
    )
    .execute();
}

/** Replaces a clinic's assigned assistants. */
export async function replaceAssistants(
  db: Db,
  clinicId: string,
  userIds: readonly string[],
): Promise<void> {
  await db.deleteFrom('clinic_assistants').where('clinic_id', '=', clinicId).execute();
  if (userIds.length === 0) return;
  await db
    .insertInto('clinic_assistants')
    .values(userIds.map((u) => ({ clinic_id: clinicId, user_id: u })))
    .execute();
}

/** Replaces a clinic's contacts (whom the centre calls), keeping the order given. */
export async function replaceContacts(
  db: Db,
  clinicId: string,
  contacts: readonly ClinicContact[],
): Promise<void> {
  await db.deleteFrom('clinic_contacts').where('clinic_id', '=', clinicId).execute();
  if (contacts.length === 0) return;
  await db
    .insertInto('clinic_contacts')
    .values(
      contacts.map((c, i) => ({
        clinic_id: clinicId,
        position: i,
        name: c.name,
        role: c.role,
        phone: c.phone || null,
        email: c.email || null,
        preferred_hours: c.preferredHours,
      })),
    )
    .execute();
}

/** The clinic a calling AE title belongs to, with what an association check needs. */
export async function findClinicByAe(
  db: Db,
  aeTitle: string,
): Promise<
  { clinicId: string; code: string; status: string; allowedNetworks: string[] } | undefined
> {
  return db
    .selectFrom('clinic_ae_titles')
    .innerJoin('clinics', 'clinics.id', 'clinic_ae_titles.clinic_id')
    .select([
      'clinics.id as clinicId',
      'clinics.code as code',
      'clinics.status as status',
      'clinic_ae_titles.allowed_networks as allowedNetworks',
    ])
    .where('clinic_ae_titles.ae_title', '=', aeTitle.trim().toUpperCase())
    .executeTakeFirst();
}

/** A C-MOVE destination: a registered AE of the clinic with a network address. */
export interface MoveDestination {
  aeTitle: string;
  host: string;
  port: number;
}

/**
 * The Move Destination `aeTitle` if it is an AE of the clinic `clinicId` with a host and port
 * (PS3.4 §C.4.2.1.4.1): a clinic can only move its studies to its own AEs.
 */
export async function findMoveDestination(
  db: Db,
  clinicId: string,
  aeTitle: string,
): Promise<MoveDestination | undefined> {
  const row = await db
    .selectFrom('clinic_ae_titles')
    .select(['ae_title', 'host', 'port'])
    .where('clinic_id', '=', clinicId)
    .where('ae_title', '=', aeTitle.trim().toUpperCase())
    .executeTakeFirst();
  if (!row?.host || !row.port) return undefined;
  return { aeTitle: row.ae_title, host: row.host, port: row.port };
}
