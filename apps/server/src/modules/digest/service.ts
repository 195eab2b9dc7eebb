import type { DigestPreview } from '@telerad/contracts';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { loadLocale } from '../auth';
import { composeDigest } from './compose';
import { digestDay } from './day';
import { managers } from './managers';

/**
 * The digest of one clinic as it would be e-mailed now, for its manager or an administrator: a
 * manager sees it by their own clock, as they receive it; an administrator by the clinic's. Only
 * that clinic is read. The route's scope check has already kept a clinic user to their clinics;
 * here a member who does not manage the clinic is refused.
 */
export async function previewDigest(
  ctx: ServiceContext,
  clinicId: string,
  publicUrl: string,
  now: Date = new Date(),
): Promise<DigestPreview> {
  const actor = ctx.actor;
  if (!actor) throw appError('UNAUTHENTICATED');
  const clinic = await ctx.db
    .selectFrom('clinics')
    .select(['id', 'code', 'name', 'time_zone'])
    .where('id', '=', clinicId)
    .executeTakeFirst();
  if (!clinic) throw appError('NOT_FOUND', undefined, 'No such clinic.');
  const me = (await managers(ctx.db)).find((m) => m.userId === actor.userId);
  const manages = me?.clinics.some((c) => c.id === clinicId) ?? false;
  if (!manages && !actor.roles.includes('admin')) throw appError('DIGEST_NOT_MANAGER');
  const timeZone = manages ? me!.timeZone : clinic.time_zone;
  const day = digestDay(now, timeZone);
  const mail = await composeDigest(ctx.db, {
    recipientName: actor.displayName,
    clinics: [{ id: clinic.id, code: clinic.code, name: clinic.name }],
    day,
    now,
    lang: (await loadLocale(ctx.db, actor.userId)).language,
    baseUrl: publicUrl.replace(/\/+$/, ''),
  });
  const account = await ctx.db
    .selectFrom('users')
    .select('email')
    .where('id', '=', actor.userId)
    .executeTakeFirst();
  return { to: account?.email ?? null, ...mail, day: day.day, timeZone };
}
