import { z } from 'zod';
import { QueryFlag } from './common';
import { NotificationKind } from './notifications';

/**
 * The notifications API: a user's notifications and unread count, their switches per kind and
 * channel, and the daily digest's preview. The kinds themselves are the catalogue's
 * (notifications.ts).
 */

/** One in-app notification of the signed-in user. */
export const Notification = z.object({
  id: z.uuid(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** Where it leads in the web app (a path), if anywhere. */
  link: z.string().nullable(),
  taskId: z.uuid().nullable(),
  clinicId: z.uuid().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof Notification>;

/** Query of `GET /api/notifications`. */
export const NotificationQuery = z
  .object({
    unread: QueryFlag.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type NotificationQuery = z.infer<typeof NotificationQuery>;

/** Answer of `GET /api/notifications`: the newest notifications and the unread count. */
export const NotificationList = z.object({
  notifications: z.array(Notification),
  unread: z.number(),
});
export type NotificationList = z.infer<typeof NotificationList>;

/** Where a notification reaches its user: the bell in the app (pushed live), or e-mail. */
export const NOTIFICATION_CHANNELS = ['app', 'email'] as const;
export const NotificationChannel = z.enum(NOTIFICATION_CHANNELS);
export type NotificationChannel = z.infer<typeof NotificationChannel>;

/**
 * The daily digest's switch, stored like a kind's on the e-mail channel. It is offered to clinic
 * managers only, and on by default for them.
 */
export const DIGEST_KIND = 'digest.daily';

/** One kind's switches in a user's notification preferences: one per channel. */
export const NotificationPreference = z.object({
  kind: NotificationKind,
  label: z.string(),
  description: z.string(),
  /** Shown by the bell in the app (and pushed live). */
  app: z.boolean(),
  /** E-mailed (where the server sends e-mail). */
  email: z.boolean(),
});
export type NotificationPreference = z.infer<typeof NotificationPreference>;

/** Answer of `GET /api/users/:id/notification-preferences`: a switch per kind the roles get. */
export const NotificationPreferences = z.object({
  preferences: z.array(NotificationPreference),
  /** Whether this server sends e-mail at all. */
  email: z.boolean(),
  /** The daily digest of the clinics the user manages (their ids); null when they manage none. */
  digest: z.object({ enabled: z.boolean(), clinicIds: z.array(z.uuid()) }).nullable(),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

/**
 * Body of `PUT /api/users/:id/notification-preferences`: turn one kind on or off on one channel
 * (both when `channel` is left out), or the daily digest on or off.
 */
export const NotificationPreferenceChange = z.union([
  z
    .object({
      kind: NotificationKind,
      enabled: z.boolean(),
      channel: NotificationChannel.optional(),
    })
    .strict(),
  z.object({ digest: z.boolean() }).strict(),
]);
export type NotificationPreferenceChange = z.infer<typeof NotificationPreferenceChange>;

/** A daily digest as it would be e-mailed (the preview of `GET /api/clinics/:id/digest`). */
export const DigestPreview = z.object({
  /** The recipient's address, or null when the account has none (then nothing is sent). */
  to: z.string().nullable(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  /** The day it covers (YYYY-MM-DD) in `timeZone`. */
  day: z.string(),
  timeZone: z.string(),
});
export type DigestPreview = z.infer<typeof DigestPreview>;
