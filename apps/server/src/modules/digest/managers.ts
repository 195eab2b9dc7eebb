import type { Language } from '@telerad/contracts';
import type { Db } from '../../platform/db';
import { loadLocales } from '../auth';
import type { DigestClinic } from './sections';

/** A clinic manager who can receive a digest: an active clinic user with an address. */
export interface Manager {
  userId: string;
  displayName: string;
  email: string;
  /** The clinics they manage, by code. */
  clinics: DigestClinic[];
  /**
   * Their clock: the time zone of the first clinic they manage (by code). Users have no time
   * zone of their own yet; a manager of clinics in several zones gets one digest, on the first.
   */
  timeZone: string;
  /** The language they read in: their own choice, else their clinic's default. */
  language: Language;
}

/** Every clinic manager with an e-mail address (active accounts holding the clinic role). */
export async function managers(db: Db): Promise<Manager[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('user_clinics as uc', 'uc.user_id', 'u.id')
    .innerJoin('clinics as c', 'c.id', 'uc.clinic_id')
    .select([
      'u.id',
      'u.display_name',
      'u.email',
      'c.id as clinic_id',
      'c.code',
      'c.name',
      'c.time_zone',
    ])
    .where('uc.manager', '=', true)
    .where('u.active', '=', true)
    .where('u.email', 'is not', null)
    .where((eb) => eb(eb.val('clinic'), '=', eb.fn.any('u.roles')))
    .orderBy('u.id')
    .orderBy('c.code')
    .execute();
  const byUser = new Map<string, Manager>();
  for (const r of rows) {
    const m = byUser.get(r.id) ?? {
      userId: r.id,
      displayName: r.display_name,
      email: r.email!,
      clinics: [],
      timeZone: r.time_zone,
      language: 'en' as Language,
    };
    m.clinics.push({ id: r.clinic_id, code: r.code, name: r.name });
    byUser.set(r.id, m);
  }
  const locales = await loadLocales(db, [...byUser.keys()]);
  return [...byUser.values()].map((m) => ({
    ...m,
    language: locales.get(m.userId)?.language ?? m.language,
  }));
}
