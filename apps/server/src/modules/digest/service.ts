import type { DigestPreview } from '@telerad/contracts';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { loadLocale } from '../auth';
import { composeDigest } from './compose';
import { digestDay } from './day';
import { managers } from './managers';

/**
 * The digest of one clinic as it would be e-mailed now: to the caller when they manage the
 * clinic; for an administrator, as the clinic's first manager (by account) receives it, by their
 * clock and in their language, or by the clinic's clock when it has no manager with an address.
 * Only that clinic is read. The route's scope check has already kept a clinic user to their
 * clinics; here a member who does not manage the clinic is refused.
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
  const ofClinic = (await managers(ctx.db)).filter((m) => m.clinics.some((c) => c.id === clinicId));
  const own = ofClinic.find((m) => m.userId === actor.userId);
  const managesWithoutAddress =
    !own &&
    (await ctx.db
      .selectFrom('user_clinics')
      .select('user_id')
      .where('user_id', '=', actor.userId)
      .where('clinic_id', '=', clinicId)
      .where('manager', '=', true)
      .executeTakeFirst()) !== undefined;
  if (!own && !managesWithoutAddress && !actor.roles.includes('admin'))
    throw appError('DIGEST_NOT_MANAGER');
  const recipient = own ?? (managesWithoutAddress ? undefined : ofClinic[0]);
  const timeZone = recipient?.timeZone ?? clinic.time_zone;
  const day = digestDay(now, timeZone);
  const mail = await composeDigest(ctx.db, {
    recipientName: recipient?.displayName ?? actor.displayName,
    clinics: [{ id: clinic.id, code: clinic.code, name: clinic.name }],
    day,
    now,
    lang: recipient?.language ?? (await loadLocale(ctx.db, actor.userId)).language,
    baseUrl: publicUrl.replace(/\/+$/, ''),
  });
  return { to: recipient?.email ?? null, ...mail, day: day.day, timeZone };
}
