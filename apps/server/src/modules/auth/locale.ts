import { effectiveLanguage, type Language, type UserLocale } from '@telerad/contracts';
import { sql } from 'kysely';
import { auditedTransaction } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';

/**
 * How users read (see `UserLocale` in contracts): the time zone is their first clinic's by code
 * for staff of several clinics, null for centre staff. The locales of `userIds`, in one query: each user's own language, and the language and time
 * zone of their first clinic by code. A user not found is absent from the map.
 */
export async function loadLocales(
  db: Db,
  userIds: readonly string[],
): Promise<Map<string, UserLocale>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('users as u')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('user_clinics as uc')
          .innerJoin('clinics as c', 'c.id', 'uc.clinic_id')
          .select(['c.language', 'c.time_zone'])
          .whereRef('uc.user_id', '=', 'u.id')
          .orderBy('c.code')
          .limit(1)
          .as('c'),
      (join) => join.on(sql<boolean>`true`),
    )
    .select(['u.id', 'u.language as own', 'c.language as clinicLanguage', 'c.time_zone'])
    .where('u.id', 'in', [...new Set(userIds)])
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        language: effectiveLanguage(r.own, r.clinicLanguage),
        ownLanguage: r.own === null ? null : effectiveLanguage(r.own),
        clinicLanguage: r.clinicLanguage === null ? null : effectiveLanguage(r.clinicLanguage),
        timeZone: r.time_zone ?? null,
      },
    ]),
  );
}

/** One user's locale (English and no clinic zone when the account is gone). */
export async function loadLocale(db: Db, userId: string): Promise<UserLocale> {
  const found = (await loadLocales(db, [userId])).get(userId);
  return (
    found ?? {
      language: effectiveLanguage(null),
      ownLanguage: null,
      clinicLanguage: null,
      timeZone: null,
    }
  );
}

/**
 * Sets the signed-in user's own language (null: follow the clinic's), audited in the same
 * transaction with the old and new choice. Returns the resulting locale.
 */
export async function setOwnLanguage(
  ctx: ServiceContext,
  language: Language | null,
): Promise<UserLocale> {
  const actor = ctx.actor;
  if (!actor) throw appError('UNAUTHENTICATED');
  await auditedTransaction(
    ctx,
    (trx) =>
      trx
        .updateTable('users')
        .set({ language })
        .where('id', '=', actor.userId)
        .returning('id')
        .executeTakeFirstOrThrow(),
    (r) => ({ resourceId: r.id, details: { language } }),
  );
  return loadLocale(ctx.db, actor.userId);
}
